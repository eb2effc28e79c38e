import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from included.frameworks.fileformat import MAX_FILE_BYTES
from included.frameworks.loader import load_framework_file
from included.frameworks.models import Framework, FrameworkVersion
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

from .samples import SMALL_FRAMEWORK, edited

pytestmark = pytest.mark.django_db


def list_url(partnership):
    return reverse("frameworks:list", kwargs={"partnership_slug": partnership.slug})


def detail_url(partnership, version):
    return reverse(
        "frameworks:detail",
        kwargs={
            "partnership_slug": partnership.slug,
            "framework_slug": version.framework.slug,
            "version": version.version,
        },
    )


def upload_url(partnership):
    return reverse("frameworks:upload", kwargs={"partnership_slug": partnership.slug})


def yaml_file(content, name="pledge.yaml"):
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content, "application/yaml")


@pytest.fixture
def coordinator(client):
    member = PartnershipMemberFactory()
    client.force_login(member.user)
    return member


# The list of frameworks


def test_anyone_can_see_the_frameworks_a_partnership_uses(client, shipped_frameworks):
    partnership = PartnershipFactory()
    own = load_framework_file(SMALL_FRAMEWORK.encode(), partnership=partnership).version
    someone_elses = load_framework_file(
        edited(SMALL_FRAMEWORK, "name: Riverside Good Work Pledge", "name: Hillside Pledge").encode(),
        partnership=PartnershipFactory(),
    ).version
    response = client.get(list_url(partnership))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "East Midlands Inclusion Framework (EMIF)" in page
    assert "Partnering for Inclusive Employment (COLIF)" in page
    assert "Riverside Good Work Pledge (Pledge)" in page
    assert "Added by this partnership" in page
    assert detail_url(partnership, own) in page
    assert detail_url(partnership, shipped_frameworks["emif"]) in page
    assert "Hillside Pledge" not in page
    assert someone_elses.framework.name not in page
    assert "Upload a framework file" not in page
    assert "Write a framework" not in page


def test_each_framework_lists_its_versions_newest_first(client, shipped_frameworks, colif_text):
    load_framework_file(colif_text.replace('version: "2025"', 'version: "2026"').encode())
    partnership = PartnershipFactory()
    page = client.get(list_url(partnership)).content.decode()
    assert page.index("COLIF version 2026</a>") < page.index("COLIF version 2025</a>")
    assert "(latest)" in page


def test_a_coordinator_is_offered_to_add_a_framework(client, coordinator):
    response = client.get(list_url(coordinator.partnership))
    page = response.content.decode()
    assert "Upload a framework file" in page
    assert upload_url(coordinator.partnership) in page
    assert "Write a framework" in page
    assert reverse("frameworks:start_draft", kwargs={"partnership_slug": coordinator.partnership.slug}) in page


def test_an_unknown_partnership_has_no_framework_list(client):
    assert client.get("/p/nowhere/frameworks/").status_code == 404


# One framework version in full


def test_anyone_can_read_a_framework_with_its_scale_credit_and_prompts_by_group(client, shipped_frameworks):
    partnership = PartnershipFactory()
    response = client.get(detail_url(partnership, shipped_frameworks["colif"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Partnering for Inclusive Employment" in page
    assert "Evangelia Varoutsa" in page
    assert 'href="https://www.oiep.org.uk/"' in page
    for level in ("Not started", "Getting started", "Doing some", "Doing well", "Leading"):
        assert level in page
    assert "Who sees which questions" in page
    assert "Funder or commissioner" in page
    assert "Adapt policies to each person and each place" in page
    assert "Local authorities and public bodies</h4>" in page
    assert "Education and research providers</h4>" in page
    assert "What works" in page and "What can be strengthened" in page
    assert "Everyone</h4>" in page
    assert "This is an older version" not in page


def test_emif_shows_the_call_to_action_as_not_rated_and_the_checklist_as_rated(client, shipped_frameworks):
    page = client.get(detail_url(PartnershipFactory(), shipped_frameworks["emif"])).content.decode()
    assert "The call to action: four first steps" in page
    assert "Not rated" in page
    assert "Rated on the scale" in page
    assert "11. Measure the difference you make" in page
    assert "Questions to ask yourselves" in page
    assert "Who sees which questions" not in page


def test_an_older_version_says_so_and_links_to_the_latest(client, shipped_frameworks, colif_text):
    new = load_framework_file(colif_text.replace('version: "2025"', 'version: "2026"').encode()).version
    partnership = PartnershipFactory()
    page = client.get(detail_url(partnership, shipped_frameworks["colif"])).content.decode()
    assert "This is an older version" in page
    assert detail_url(partnership, new) in page


def test_another_partnerships_framework_is_not_found(client):
    owner, other = PartnershipFactory(), PartnershipFactory()
    version = load_framework_file(SMALL_FRAMEWORK.encode(), partnership=owner).version
    assert client.get(detail_url(owner, version)).status_code == 200
    assert client.get(detail_url(other, version)).status_code == 404


def test_an_unknown_version_is_not_found(client, shipped_frameworks):
    partnership = PartnershipFactory()
    url = reverse(
        "frameworks:detail", kwargs={"partnership_slug": partnership.slug, "framework_slug": "emif", "version": "1999"}
    )
    assert client.get(url).status_code == 404


def test_framework_words_are_shown_as_text_never_as_html(client):
    partnership = PartnershipFactory()
    text = edited(SMALL_FRAMEWORK, "title: Sign up", 'title: "<script>alert(1)</script>"')
    version = load_framework_file(text.encode(), partnership=partnership).version
    page = client.get(detail_url(partnership, version)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert escape("<script>alert(1)</script>") in page


def test_the_framework_page_runs_the_same_queries_for_3_or_11_items(client, django_assert_num_queries):
    partnership = PartnershipFactory()
    small = FrameworkVersionFactory(items=3)
    large = FrameworkVersionFactory(items=11)
    with CaptureQueriesContext(connection) as small_page:
        assert client.get(detail_url(partnership, small)).status_code == 200
    with django_assert_num_queries(len(small_page.captured_queries)):
        response = client.get(detail_url(partnership, large))
    assert "Checklist point 11" in response.content.decode()
    assert len(small_page.captured_queries) <= 8


# Adding a framework


def test_signed_out_people_are_asked_to_sign_in_before_adding_a_framework(client):
    partnership = PartnershipFactory()
    response = client.get(upload_url(partnership))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={upload_url(partnership)}"


@pytest.mark.parametrize("who", ["organisation admin", "organisation member", "reviewer", "other coordinator"])
def test_only_the_partnerships_coordinators_can_add_a_framework(client, who):
    partnership = PartnershipFactory()
    if who == "organisation admin":
        user = OrganisationMemberFactory(organisation__partnership=partnership).user
    elif who == "organisation member":
        user = OrganisationMemberFactory(organisation__partnership=partnership, member=True).user
    elif who == "reviewer":
        user = PartnershipMemberFactory(partnership=partnership, reviewer=True).user
    else:
        user = PartnershipMemberFactory().user
    client.force_login(user)
    assert client.get(upload_url(partnership)).status_code == 403
    response = client.post(upload_url(partnership), {"file": yaml_file(SMALL_FRAMEWORK)})
    assert response.status_code == 403
    assert not Framework.objects.exists()


def test_a_coordinator_sees_the_upload_form_with_a_working_example(client, coordinator):
    response = client.get(upload_url(coordinator.partnership))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in page and "novalidate" in page
    assert "See a short example file" in page
    example = response.context["example"]
    version = load_framework_file(example.encode(), partnership=coordinator.partnership).version
    assert version.framework.name == "Riverside Good Work Pledge"


def test_a_coordinator_adds_their_partnerships_own_framework(client, coordinator):
    partnership = coordinator.partnership
    response = client.post(upload_url(partnership), {"file": yaml_file(SMALL_FRAMEWORK)}, follow=True)
    version = FrameworkVersion.objects.get()
    assert version.framework.partnership == partnership
    assert version.loaded_by == coordinator.user
    assert response.redirect_chain == [(detail_url(partnership, version), 302)]
    page = response.content.decode()
    assert "Riverside Good Work Pledge, version 1, has been added." in page
    assert "Pay a fair wage" in page


def test_adding_the_same_file_again_changes_nothing_and_says_so(client, coordinator):
    partnership = coordinator.partnership
    client.post(upload_url(partnership), {"file": yaml_file(SMALL_FRAMEWORK)})
    response = client.post(upload_url(partnership), {"file": yaml_file(SMALL_FRAMEWORK)}, follow=True)
    assert "This file had already been added, so nothing has changed." in response.content.decode()
    assert FrameworkVersion.objects.count() == 1


def test_a_coordinator_adds_a_new_version_and_the_old_one_stays(client, coordinator):
    partnership = coordinator.partnership
    client.post(upload_url(partnership), {"file": yaml_file(SMALL_FRAMEWORK)})
    changed = edited(SMALL_FRAMEWORK, 'version: "1"', 'version: "2"').replace("Pay a fair wage", "Pay fairly")
    client.post(upload_url(partnership), {"file": yaml_file(changed)})
    first, second = FrameworkVersion.objects.order_by("published_at", "id")
    assert (first.version, second.version) == ("1", "2")
    assert first.items.filter(title="Pay a fair wage").exists()
    assert second.items.filter(title="Pay fairly").exists()


def assert_refused(response, *problems):
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Error: Add a framework" in page
    summary = page[page.index('class="govuk-error-summary"') : page.index("</div>\n</div>")]
    for problem in problems:
        assert f'<a href="#id_file">{escape(problem)}</a>' in summary
        assert f'<span class="govuk-visually-hidden">Error:</span> {escape(problem)}</p>' in page
    assert not FrameworkVersion.objects.exists()
    assert not Framework.objects.exists()


def test_a_coordinator_sees_every_problem_in_a_malformed_file_and_nothing_is_saved(client, coordinator):
    text = edited(SMALL_FRAMEWORK, "slug: riverside-pledge", "slug: Riverside Pledge")
    text = edited(text, "[employer]", "[shop]")
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(text)})
    assert_refused(
        response,
        'slug (line 2): "Riverside Pledge" cannot be used. Use only small letters, numbers and hyphens, like '
        '"co-production", up to 60 characters.',
        'stakeholder_groups → 1st group → sectors → 1st sector (line 28): "shop" is not a sector Included knows. '
        "Use one of: public_body, employer, vcse, education, funder, community_group.",
    )


def test_a_huge_file_is_refused(client, coordinator):
    huge = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(huge)})
    assert_refused(
        response,
        "The file is bigger than 1 MB. A framework file is much smaller than that: check that you chose the "
        "right file.",
    )


def test_a_binary_file_with_a_yaml_name_is_refused_by_its_content(client, coordinator):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(png, "framework.yaml")})
    assert_refused(
        response, "This is not a text file. A framework file is plain text, written in YAML and saved as UTF-8."
    )


def test_a_file_that_is_not_utf8_is_refused(client, coordinator):
    latin1 = SMALL_FRAMEWORK.replace("Two promises", "Two café promises").encode("latin-1")
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(latin1)})
    assert_refused(
        response,
        "Line 8: the file is not saved as UTF-8 text, so some letters cannot be read. Save the file as UTF-8 and "
        "try again.",
    )


def test_a_file_with_another_ending_is_refused(client, coordinator):
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(SMALL_FRAMEWORK, "pledge.docx")})
    assert_refused(response, "The file must be a YAML file, with a name ending in .yaml or .yml.")


def test_sending_no_file_asks_for_one(client, coordinator):
    response = client.post(upload_url(coordinator.partnership), {})
    assert_refused(response, "Choose a framework file to upload.")


def test_an_empty_file_is_refused(client, coordinator):
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(b"")})
    assert_refused(response, "The file you chose is empty.")


def test_a_partnership_cannot_take_the_slug_of_a_shipped_framework(client, coordinator, shipped_frameworks):
    text = edited(SMALL_FRAMEWORK, "slug: riverside-pledge", "slug: emif")
    response = client.post(upload_url(coordinator.partnership), {"file": yaml_file(text)})
    page = response.content.decode()
    assert escape('slug: "emif" is the slug of a framework that comes with Included. Choose a different slug.') in page
    assert not Framework.objects.filter(partnership=coordinator.partnership).exists()
