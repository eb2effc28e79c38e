"""Writing a new version of a scoring framework in the browser: same checks as a file, kept to the partnership."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from included.commissioning import scoring, services
from included.commissioning.loader import shipped_scoring_frameworks
from included.commissioning.models import ScoringFramework
from tests.commissioning.factories import make_applicant, make_funder
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def form_data(framework, **changes):
    scheme = framework.scheme
    data = {"name": "Riverside grants", "version": "2-riverside"}
    for number, criterion in enumerate(scheme.criteria, start=1):
        data |= {f"c{number}_title": criterion.title, f"c{number}_question": criterion.question}
        data[f"c{number}_weight"] = str(criterion.weight)
        for level in scheme.scale:
            data[f"c{number}_score_{level.score}"] = criterion.descriptor(level.score)
    return data | changes


def page(partnership, framework):
    return reverse(
        "commissioning:write_scoring_framework",
        kwargs={"partnership_slug": partnership.slug, "slug": framework.slug, "version": framework.version},
    )


def test_a_funder_writes_a_new_version_that_only_its_partnership_can_use():
    partnership = PartnershipFactory()
    _funder, admin = make_funder(partnership)
    base = shipped_scoring_frameworks()[0]
    client = Client()
    client.force_login(admin)
    response = client.post(page(partnership, base), form_data(base, c1_weight="25", c2_weight="15"))
    assert response.status_code == 302
    written = ScoringFramework.objects.get(version="2-riverside")
    assert written.partnership == partnership and written.written_by == admin
    assert written.scheme.criteria[0].weight == 25
    assert list(ScoringFramework.objects.usable_in(PartnershipFactory())) == [base]
    open_page = client.get(reverse("commissioning:open_round", kwargs={"partnership_slug": partnership.slug}))
    assert "Riverside grants (version 2-riverside)" in open_page.content.decode()


def test_weights_that_miss_100_are_refused_and_what_was_typed_stays():
    partnership = PartnershipFactory()
    _funder, admin = make_funder(partnership)
    base = shipped_scoring_frameworks()[0]
    client = Client()
    client.force_login(admin)
    response = client.post(page(partnership, base), form_data(base, c1_weight="50", c1_title="Our own title"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "The weights add up to 130" in text
    assert "Our own title" in text
    assert not ScoringFramework.objects.filter(version="2-riverside").exists()


def test_only_commissioners_write_scoring_frameworks_and_versions_are_never_overwritten():
    partnership = PartnershipFactory()
    _group, group_admin = make_applicant(partnership)
    _funder, admin = make_funder(partnership)
    base = shipped_scoring_frameworks()[0]
    with pytest.raises(PermissionDenied):
        services.write_scoring_framework(partnership, base.content, by=group_admin)
    with pytest.raises(scoring.ScoringFileError):
        services.write_scoring_framework(partnership, base.content, by=admin)
    assert ScoringFramework.objects.count() == 1


def test_a_version_name_that_could_not_be_a_web_address_is_refused():
    partnership = PartnershipFactory()
    _funder, admin = make_funder(partnership)
    base = shipped_scoring_frameworks()[0]
    client = Client()
    client.force_login(admin)
    response = client.post(page(partnership, base), form_data(base, version="2/<script>"))
    assert response.status_code == 400
    assert "Use letters and numbers" in response.content.decode()
    content = dict(base.content, version="2/x")
    with pytest.raises(scoring.ScoringFileError):
        services.write_scoring_framework(partnership, content, by=admin)
