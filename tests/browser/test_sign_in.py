import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

pytestmark = pytest.mark.browser


def test_an_organisation_member_signs_in_with_email_and_password(page, sign_in):
    membership = OrganisationMemberFactory(member=True)

    sign_in(membership.user)

    expect(page.locator("header")).to_contain_text(f"Signed in as {membership.user.name}")


def test_a_coordinator_signs_in_with_a_code_from_their_authenticator(page, page_checker, sign_in):
    coordinator = PartnershipMemberFactory()

    sign_in(coordinator.user)

    assert any(url.endswith(reverse("mfa_authenticate")) for url in page_checker.documents)
    expect(page.locator("header")).to_contain_text(f"Signed in as {coordinator.user.name}")


def test_a_wrong_password_is_explained_and_the_email_is_kept(page, visit, submit):
    membership = OrganisationMemberFactory()
    visit(reverse("account_login"))

    page.locator("input[name=login]").fill(membership.user.email)
    password = page.locator("input[name=password]")
    password.fill("not my password")
    submit(password)

    expect(page).to_have_title("Error: Sign in – Included")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("input[name=login]")).to_have_value(membership.user.email)
