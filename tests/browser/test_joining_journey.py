"""Asking to join, end to end in a real browser: a visitor asks for their organisation to join; the coordinator
sees the request, with a member that may be the same organisation, and accepts it; the contact gets the invitation.
Every page on the way is checked with axe, with JavaScript on and off.
"""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from included.joining.models import JoinRequest
from tests.factories import OrganisationFactory, PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTACT_EMAIL = "nadia@kitchen.example.org"


def test_a_visitor_asks_to_join_and_the_coordinator_accepts(page, visit, click_through, sign_in):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    OrganisationFactory(partnership=partnership, name="The Riverside Kitchen Ltd")

    visit(reverse("assessments:register", kwargs={"partnership_slug": partnership.slug}))
    click_through(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Ask to join"))
    expect(page.locator("h1")).to_have_text(f"Ask to join {partnership.name}")

    page.get_by_label("Organisation name").fill("Riverside Kitchen")
    page.get_by_role("group", name="What kind of organisation is it?").get_by_label("Community group").check()
    page.get_by_role("group", name="How many people work or volunteer there?").get_by_label(
        "Micro (fewer than 10 people)"
    ).check()
    page.get_by_label("Charity or company number (optional)").fill("12")
    page.get_by_label("Your name").fill("Nadia Rahman")
    page.get_by_label("Your email address").fill(CONTACT_EMAIL)
    click_through(page.get_by_role("button", name="Send your request"))

    # A number in no register's format is pointed out, and nothing typed is lost.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a charity or company number")
    expect(page.get_by_label("Your name")).to_have_value("Nadia Rahman")
    page.get_by_label("Charity or company number (optional)").fill("sc 012 345")
    click_through(page.get_by_role("button", name="Send your request"))

    expect(page.locator("h1")).to_have_text("We have your request")
    assert sorted(email.to[0] for email in mail.outbox) == sorted([CONTACT_EMAIL, coordinator.user.email])
    assert JoinRequest.objects.get().registration_number == "SC012345"

    sign_in(coordinator.user)
    click_through(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Requests to join"))
    expect(page.locator("table")).to_contain_text("The Riverside Kitchen Ltd (already a member): the same name")

    click_through(page.get_by_role("link", name="Riverside Kitchen", exact=True))
    expect(page.locator("main")).to_contain_text("This may be an organisation you already know")
    click_through(page.get_by_role("button", name="Accept and send the invitation"))

    expect(page.locator("main")).to_contain_text("Riverside Kitchen is added")
    invitation = mail.outbox[-1]
    assert invitation.to == [CONTACT_EMAIL]
    assert "You will be an admin for Riverside Kitchen" in invitation.body
    assert "/invitations/" in invitation.body
