import pytest
from django.urls import reverse

from included.core.models import AuditEvent
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.organisations.services import update_profile
from tests.accounts.helpers import h1_count, page_text, sign_in
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def profile_url(organisation):
    return reverse(
        "organisations:profile",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )


def details(**changes):
    return {
        "version": "1",
        "name": "Oak Tree Café",
        "sector": Sector.EMPLOYER,
        "size": Size.SMALL,
        "local_area": "Riverside",
        "website": "",
        "registration_number": "",
    } | changes


@pytest.fixture
def admin(client):
    membership = OrganisationMemberFactory(organisation__name="Oak Tree Café")
    client.force_login(membership.user)
    return membership


def test_admin_sees_the_details_and_a_warning_about_changing_the_sector(client, admin):
    response = client.get(profile_url(admin.organisation))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Warning The questions in self-assessments depend on the kind of organisation" in text
    assert 'value="Oak Tree Café"' in response.content.decode()


def test_admin_updates_the_details(client, admin):
    response = client.post(
        profile_url(admin.organisation),
        details(
            size=Size.MEDIUM, lived_experience_led="on", website="oaktree.example.org", registration_number="sc012345"
        ),
        follow=True,
    )
    assert "Oak Tree Café's details are saved." in page_text(response)
    organisation = admin.organisation
    organisation.refresh_from_db()
    assert organisation.size == Size.MEDIUM
    assert organisation.lived_experience_led is True
    assert organisation.website == "https://oaktree.example.org"
    assert organisation.registration_number == "SC012345"
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.actor == admin.user
    assert event.details["before"]["size"] == Size.SMALL


def test_changing_the_sector_says_what_it_means(client, admin):
    response = client.post(profile_url(admin.organisation), details(sector=Sector.VCSE), follow=True)
    assert "New self-assessments will ask the questions for voluntary, community or social enterprise" in page_text(
        response
    )
    admin.organisation.refresh_from_db()
    assert admin.organisation.sector == Sector.VCSE


def test_saving_with_no_changes_says_so(client, admin):
    response = client.post(profile_url(admin.organisation), details(), follow=True)
    assert "Nothing was changed." in page_text(response)
    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_two_admins_changing_the_details_at_once_see_both_versions(client, admin):
    colleague = OrganisationMemberFactory(organisation=admin.organisation)
    update_profile(Organisation.objects.get(pk=admin.organisation.pk), by=colleague.user, local_area="Northfield")
    response = client.post(profile_url(admin.organisation), details(local_area="Southmead"))
    assert response.status_code == 409
    assert f"{colleague.user.name} saved these details" in page_text(response)
    assert "We have not saved your changes yet" in page_text(response)
    assert "Northfield" in page_text(response)
    assert 'value="Southmead"' in response.content.decode()
    organisation = Organisation.objects.get(pk=admin.organisation.pk)
    assert organisation.local_area == "Northfield"
    # Saving again from the conflict page is a knowing choice, and it goes through.
    response = client.post(profile_url(organisation), details(local_area="Southmead", version=organisation.version))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.local_area == "Southmead"


def test_a_page_sent_without_its_version_is_told_it_is_out_of_date(client, admin):
    data = details(local_area="Southmead")
    del data["version"]
    response = client.post(profile_url(admin.organisation), data)
    assert response.status_code == 200
    assert "This page is out of date" in page_text(response)
    admin.organisation.refresh_from_db()
    assert admin.organisation.local_area == "Riverside"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the organisation's name"),
        ({"name": "x" * 5000}, "The organisation's name must be 200 characters or fewer"),
        ({"sector": "pirates"}, "Choose one of the kinds of organisation listed"),
        ({"size": ""}, "Choose how many people work or volunteer there"),
        ({"website": "javascript:alert(1)"}, "Enter a web address in the right format"),
        ({"website": "https://" + "x" * 400 + ".org"}, "300 characters or fewer"),
        ({"registration_number": "<script>"}, "can only have letters, numbers, spaces and dashes"),
        ({"local_area": "y" * 1000}, "The local area must be 150 characters or fewer"),
    ],
)
def test_bad_details_get_a_clear_error_and_nothing_is_saved(client, admin, changes, message):
    response = client.post(profile_url(admin.organisation), details(**changes))
    assert response.status_code == 200
    assert message in page_text(response)
    assert "<title>Error: " in response.content.decode()
    admin.organisation.refresh_from_db()
    assert admin.organisation.name == "Oak Tree Café"


def test_markup_in_a_name_is_saved_as_plain_text(client, admin):
    client.post(profile_url(admin.organisation), details(name="<script>alert(1)</script>"))
    admin.organisation.refresh_from_db()
    assert admin.organisation.name == "<script>alert(1)</script>"
    response = client.get(profile_url(admin.organisation))
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_name_another_organisation_in_the_partnership_uses_is_refused(client, admin):
    OrganisationFactory(partnership=admin.organisation.partnership, name="Elm Tree Bakery")
    response = client.post(profile_url(admin.organisation), details(name="elm tree bakery"))
    assert response.status_code == 200
    assert "Another organisation in this partnership is already called elm tree bakery" in page_text(response)


def test_who_can_open_the_profile(client):
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    url = profile_url(organisation)

    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    cases = [
        (OrganisationMemberFactory(organisation=organisation, member=True).user, 403),
        (OrganisationMemberFactory(organisation__partnership=organisation.partnership).user, 404),
        (PartnershipMemberFactory(partnership=organisation.partnership).user, 404),
        (PartnershipMemberFactory().user, 404),
        (UserFactory(), 404),
    ]
    for person, status in cases:
        client.force_login(person)
        assert client.get(url).status_code == status, person
        assert client.post(url, details(name="Taken over")).status_code == status, person
    organisation.refresh_from_db()
    assert organisation.name != "Taken over"


def test_details_typed_after_the_session_ended_are_offered_again_after_signing_in(client):
    admin = OrganisationMemberFactory(organisation__name="Oak Tree Café")
    response = client.post(profile_url(admin.organisation), details(local_area="Northfield and Southmead"))
    assert response.url.startswith(reverse("account_login"))
    sign_in(client, admin.user)
    response = client.get(profile_url(admin.organisation))
    assert 'value="Northfield and Southmead"' in response.content.decode()
    admin.organisation.refresh_from_db()
    assert admin.organisation.local_area == "Riverside"
