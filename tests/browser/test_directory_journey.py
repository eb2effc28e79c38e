"""The directory, end to end in a real browser: an organisation's admin describes a service, adds two places with
their access features and opening times, corrects one place, and publishes it; a member of the public finds it by
the second place's postcode district and an access need only that place has. Every page on the way is checked with
axe, with JavaScript on and off.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.steps import sign_out
from tests.directory.factories import ensure_taxonomy, make_service
from tests.factories import OrganisationMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_publishes_a_service_with_two_places_and_the_public_finds_it(page, visit, click_through, sign_in):
    ensure_taxonomy()
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    make_service(
        organisation, name="Upstairs advice", place={"name": "Old hall", "postal_code": "RV7 1AA", "step_free": False}
    )

    sign_in(admin.user)
    visit(
        reverse(
            "www:organisation_home",
            kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
        )
    )
    click_through(page.get_by_role("link", name="Your services and spaces"))
    click_through(page.get_by_role("button", name="Add a service or space"))
    page.get_by_label("Name of the service or space").fill("Riverside peer café")
    page.get_by_label("What it offers").fill(
        "A café run by peers, where you can talk about work and what gets in the way."
    )
    page.get_by_role("group", name="How do people get in?").get_by_label("Drop in").check()
    page.get_by_role("group", name="Is it free?").get_by_label("Yes, it is free").check()
    page.get_by_role("group", name="What is it for?").get_by_label("Peer support").check()
    page.get_by_label("It is led by people with lived experience of barriers to work").check()
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("h1")).to_have_text("Riverside peer café")
    expect(page.locator("main")).to_contain_text("Draft")

    click_through(page.get_by_role("link", name="Add a place"))
    page.get_by_label("Name of the place").fill("Canal Street hub")
    page.get_by_label("Street address").fill("14 Canal Street")
    page.get_by_label("Town or city").fill("Riverside")
    page.get_by_label("Postcode").fill("nope")
    page.get_by_role("group", name="What does the place have?").get_by_label("Step-free access").check()
    click_through(page.get_by_role("button", name="Save"))
    # A wrong postcode is pointed out, and nothing typed is lost.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real postcode, like RV1 2AB")
    expect(page.get_by_label("Street address")).to_have_value("14 Canal Street")
    page.get_by_label("Postcode").fill("rv7 4ts")
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text("RV7 4TS")

    # The second place, with a hearing loop and a quiet space.
    click_through(page.get_by_role("link", name="Add a place"))
    page.get_by_label("Name of the place").fill("Mill Lane library")
    page.get_by_label("Street address").fill("2 Mill Lane")
    page.get_by_label("Town or city").fill("Riverside")
    page.get_by_label("Postcode").fill("RV8 2CD")
    what_it_has = page.get_by_role("group", name="What does the place have?")
    what_it_has.get_by_label("Hearing loop").check()
    what_it_has.get_by_label("A quiet space").check()
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text("RV8 2CD")

    # The first place's street number was wrong: it is changed, not added again.
    click_through(page.get_by_role("link", name="Change Canal Street hub"))
    expect(page.get_by_label("Street address")).to_have_value("14 Canal Street")
    page.get_by_label("Street address").fill("41 Canal Street")
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text("41 Canal Street, Riverside, RV7 4TS")

    click_through(page.get_by_role("link", name="Add opening times"))
    page.get_by_role("group", name="Which days?").get_by_label("Wednesday").check()
    page.get_by_label("Opens at").fill("10:00")
    page.get_by_label("Closes at").fill("13:00")
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text("10:00 to 13:00")

    click_through(page.get_by_role("button", name="Publish it"))
    expect(page.locator("main")).to_contain_text("Published")
    sign_out(page, click_through)

    visit(reverse("directory:search", kwargs={"partnership_slug": organisation.partnership.slug}))
    page.get_by_label("Town or postcode").fill("RV8")
    page.get_by_role("group", name="Access you need").get_by_label("Hearing loop").check()
    click_through(page.get_by_role("button", name="Search"))
    expect(page.locator("#results")).to_have_text("1 service")
    click_through(page.get_by_role("link", name="Riverside peer café"))
    expect(page.locator("h1")).to_have_text("Riverside peer café")
    main = page.locator("main")
    expect(main).to_contain_text("Led by people with lived experience")
    expect(main).to_contain_text("Canal Street hub")
    expect(main).to_contain_text("Mill Lane library")
    expect(main).to_contain_text("Hearing loop")
    expect(main).to_contain_text("Wednesday: 10:00 to 13:00")


def test_a_visitor_who_searches_too_often_is_asked_to_wait_and_keeps_their_search(page, visit, click_through, settings):
    settings.FIND_HELP_SEARCHES_PER_MINUTE = 1
    organisation = OrganisationMemberFactory().organisation
    make_service(organisation, name="Job club", place={"name": "Mill Lane library", "postal_code": "RV8 2CD"})

    visit(reverse("directory:search", kwargs={"partnership_slug": organisation.partnership.slug}))
    page.get_by_label("Words to search for").fill("job club")
    click_through(page.get_by_role("button", name="Search"))
    expect(page.locator("#results")).to_have_text("1 service")

    page.get_by_label("Words to search for").fill("job club in the library")
    page.get_by_label("Town or postcode").fill("RV8")
    click_through(page.get_by_role("button", name="Search"), status=429)
    expect(page.locator("#results")).to_have_text("Wait a minute, then search again")
    expect(page.get_by_label("Words to search for")).to_have_value("job club in the library")
    expect(page.get_by_label("Town or postcode")).to_have_value("RV8")
    expect(page.locator("main")).not_to_contain_text("Mill Lane library")
