"""The impact pages people fill in or read about their own organisation: facts, social mobility, the benchmark."""

import pytest
from django.urls import reverse

from included.impact.models import PartnershipFact, SocialMobilityReturn
from included.organisations.enums import Sector
from tests.assessments.factories import admin_of, coordinator_of
from tests.factories import FrameworkVersionFactory, PartnershipFactory

from .factories import rated_organisation

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_a_fact_and_the_public_sees_it(client):
    partnership = PartnershipFactory()
    client.force_login(coordinator_of(partnership))
    address = reverse("impact:facts", kwargs={"partnership_slug": partnership.slug})
    missing = client.post(address, {"kind": "commissioning", "description": "Inclusion in the jobs contract"})
    assert missing.status_code == 200
    assert "Give a web page that shows it" in missing.text
    assert "Inclusion in the jobs contract" in missing.text  # nothing typed is lost
    saved = client.post(
        address,
        {
            "kind": "commissioning",
            "description": "Inclusion in the jobs contract",
            "happened_on_0": "3",
            "happened_on_1": "2",
            "happened_on_2": "2026",
            "evidence_url": "https://example.org/contract",
        },
    )
    assert saved.status_code == 302
    assert PartnershipFact.objects.get().description == "Inclusion in the jobs contract"
    client.logout()
    page = client.get(reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug})).text
    assert "Inclusion goals written into commissioning" in page


def test_an_admin_records_their_staffs_backgrounds_as_totals(client):
    partnership = PartnershipFactory()
    organisation, cycle = rated_organisation(partnership, FrameworkVersionFactory(items=1))
    client.force_login(admin_of(organisation))
    address = reverse(
        "impact:social_mobility", kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug}
    )
    page = client.get(address).text
    assert "Social Mobility Commission" in page
    wrong = client.post(address, {"cycle": cycle.pk, "professional": "-1", "intermediate": "x"})
    assert "The number cannot be below 0" in wrong.text and "Enter a whole number" in wrong.text
    saved = client.post(
        address,
        {
            "cycle": cycle.pk,
            "professional": "3",
            "intermediate": "4",
            "working_class": "9",
            "other": "1",
            "collected_on_0": "1",
            "collected_on_1": "3",
            "collected_on_2": "2026",
        },
    )
    assert saved.status_code == 302
    assert SocialMobilityReturn.objects.get().total == 17


def test_employers_figures_are_published_only_when_enough_employers_gave_them():
    from included.impact import services
    from included.impact.figures import social_mobility

    partnership = PartnershipFactory()
    version = FrameworkVersionFactory(items=1)
    cycles = [rated_organisation(partnership, version)[1] for _ in range(5)]
    for number, cycle in enumerate(cycles):
        services.record_social_mobility(
            cycle,
            professional=10,
            intermediate=10,
            working_class=10 + number,
            other=1,
            collected_on=cycle.submitted_at.date(),
            by=admin_of(cycle.organisation),
        )
        table = social_mobility(partnership, cycle.submitted_at.year)
        cells = table.rows[0].cells
        if number < 4:
            assert all(cell.hidden for cell in cells), "fewer than 5 employers: nothing is published"
        else:
            assert [cell.value for cell in cells] == [50, 50, 60, 5, 165]


@pytest.mark.parametrize(("others", "shown"), [(4, False), (5, True)])
def test_the_benchmark_shows_the_others_only_when_there_are_enough(client, others, shown):
    partnership = PartnershipFactory()
    version = FrameworkVersionFactory(items=1)
    ours, _ = rated_organisation(partnership, version, ratings=(4,))
    for rating in range(others):
        rated_organisation(partnership, version, ratings=(rating % 3 + 1,), sector=Sector.VCSE)
    client.force_login(admin_of(ours))
    page = client.get(
        reverse("impact:benchmark", kwargs={"partnership_slug": partnership.slug, "organisation_slug": ours.slug})
    ).text
    assert ("Not enough others rated this yet" in page) is not shown
    if shown:
        assert "Above most others" in page
