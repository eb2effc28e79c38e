import pytest
from django.urls import reverse

from included.access.requests import SESSION_ORGANISATION
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationFactory, OrganisationMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_person_in_two_organisations_chooses_which_one_to_work_for(client):
    first = OrganisationMemberFactory(organisation__name="Alder Books")
    second = OrganisationMemberFactory(user=first.user, member=True, organisation__name="Birch Bakery")
    client.force_login(first.user)
    response = client.get(reverse("organisations:switch"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Alder Books" in text and "Birch Bakery" in text

    response = client.post(reverse("organisations:switch"), {"organisation": second.organisation_id})
    organisation = second.organisation
    assert response.url == reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    assert client.session[SESSION_ORGANISATION] == organisation.pk


@pytest.mark.parametrize("choice", ["", "abc", "<script>", "99999999999999999999999"])
def test_a_choice_that_is_not_one_of_theirs_gets_a_clear_error(client, choice):
    membership = OrganisationMemberFactory()
    client.force_login(membership.user)
    response = client.post(reverse("organisations:switch"), {"organisation": choice})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert SESSION_ORGANISATION not in client.session


def test_someone_elses_organisation_cannot_be_chosen(client):
    membership = OrganisationMemberFactory()
    stranger = OrganisationFactory()
    client.force_login(membership.user)
    response = client.post(reverse("organisations:switch"), {"organisation": stranger.pk})
    assert response.status_code == 200
    assert "Choose one of your organisations" in page_text(response)


def test_person_with_no_organisation_is_told_how_to_join_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("organisations:switch"))
    assert "You are not part of any organisation yet" in page_text(response)


def test_switching_needs_signing_in(client):
    response = client.get(reverse("organisations:switch"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
