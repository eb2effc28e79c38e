"""Running a partnership, from the first day to the weekly email, as one story in a real browser.

The host starts a partnership and invites its coordinator. The coordinator joins, turns on two-step verification,
fills in the partnership's details and invites a lived-experience reviewer, who joins too. A visitor asks for their
organisation to join; the coordinator accepts; the contact joins from the email. The organisation signs up to a
framework, rates itself and submits. The coordinator asks the reviewer to review it; the reviewer hears by email,
challenges a rating and finishes. The organisation answers; the reviewer reads the answer. Last, the reviewer moves
one kind of email to the weekly email, two things of that kind happen, and one weekly email holds both.

Each person only uses the pages and the emails they are sent. Every page on the way is checked with axe (see
fixtures.py), and the story runs with JavaScript on and off.
"""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from included.notifications.enums import Kind
from included.partnerships.models import Partnership
from tests.assessments.factories import AssessmentFactory
from tests.browser.steps import choose_reviewer, join_with_a_new_account, open_from_menu, set_up_two_step, sign_out
from tests.factories import FrameworkVersionFactory
from tests.notifications.helpers import emails_to
from tests.partnerships.factories import make_host

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNERSHIP = "Eastbrook Works Together"
SLUG = "eastbrook-works-together"
COORDINATOR = ("Sam Adeyemi", "sam.adeyemi@eastbrook.example", "lantern orchard river")
REVIEWER = ("Priya Shah", "priya.shah@example.org", "willow kettle autumn")
CONTACT = ("Nadia Rahman", "nadia@greenhouse-cafe.example.org", "basil window summer")
ORGANISATION = "Greenhouse Cafe"
EVIDENCE = "Three of our six staff came to us through the job club, and two now train new starters."
CHALLENGE = "Nobody at the job club had heard of your training. How do people find out about it?"
ANSWER = "We now tell the job club each month, and put the dates on the library board."


def user(person):
    return get_user_model().objects.get(email=person[1])


def sign_in_as(sign_in, person, totp_secret=None):
    """Sign in with the person's own password and, for coordinators and reviewers, a code from their app. The test
    does not wait 30 seconds for a new code, so it forgets that the last one was used."""
    cache.clear()
    if totp_secret:
        sign_in(user(person), password=person[2], totp_secret=totp_secret)
    else:
        sign_in(user(person), password=person[2])


def only_email_to(person):
    (email,) = emails_to(person[1])
    mail.outbox.clear()
    return email


def test_a_partnership_runs_from_its_first_day_to_the_weekly_email(
    page, visit, click_through, submit, sign_in, mailoutbox
):
    framework = FrameworkVersionFactory(items=2)

    # 1. The host starts the partnership and invites its first coordinator.
    sign_in(make_host())
    expect(page.locator("main")).to_contain_text("You run this site.")
    visit(reverse("www:host_new_partnership"))
    page.get_by_label("Name of the partnership").fill(PARTNERSHIP)
    page.get_by_label("Area it covers").fill("Eastbrook")
    page.get_by_label("Email addresses of its first coordinators").fill(COORDINATOR[1])
    click_through(page.get_by_role("button", name="Start the partnership"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{PARTNERSHIP} is started.")
    sign_out(page, click_through)

    # 2. The coordinator joins from the email, turns on two-step verification and fills in the details.
    join_with_a_new_account(
        page, visit, click_through, email=only_email_to(COORDINATOR), joining=PARTNERSHIP,
        name=COORDINATOR[0], password=COORDINATOR[2],
    )  # fmt: skip
    coordinator_secret = set_up_two_step(page, click_through, submit, password=COORDINATOR[2])
    visit(reverse("partnerships:details", kwargs={"partnership_slug": SLUG}))
    page.get_by_label("Public contact email (optional)").fill("hello@eastbrook.example")
    page.get_by_label("Days before an invitation reminder").fill("5")
    click_through(page.get_by_role("button", name="Save the details"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{PARTNERSHIP}'s details are saved.")

    # ...and invites a lived-experience reviewer, who joins and turns on two-step verification too.
    visit(reverse("www:invitations", kwargs={"partnership_slug": SLUG}))
    click_through(page.get_by_role("link", name="Invite a lived-experience reviewer"))
    form = page.locator("form").filter(has=page.locator("input[name=action][value=reviewer]"))
    form.get_by_label("Their name").fill(REVIEWER[0])
    form.get_by_label("Their email address").fill(REVIEWER[1])
    click_through(form.get_by_role("button", name="Send the invitation"))
    sign_out(page, click_through)
    join_with_a_new_account(
        page, visit, click_through, email=only_email_to(REVIEWER), joining=PARTNERSHIP,
        name=REVIEWER[0], password=REVIEWER[2],
    )  # fmt: skip
    reviewer_secret = set_up_two_step(page, click_through, submit, password=REVIEWER[2])
    sign_out(page, click_through)

    # 3. A visitor asks for their organisation to join; the coordinator accepts; the contact joins from the email.
    visit(reverse("assessments:register", kwargs={"partnership_slug": SLUG}))
    open_from_menu(page, click_through, "Ask to join")
    page.get_by_label("Organisation name").fill(ORGANISATION)
    page.get_by_role("group", name="What kind of organisation is it?").get_by_label("Employer", exact=True).check()
    page.get_by_role("group", name="How many people work or volunteer there?").get_by_label(
        "Micro (fewer than 10 people)"
    ).check()
    page.get_by_label("Your name").fill(CONTACT[0])
    page.get_by_label("Your email address").fill(CONTACT[1])
    click_through(page.get_by_role("button", name="Send your request"))
    expect(page.locator("h1")).to_have_text("We have your request")
    assert only_email_to(COORDINATOR).subject == f"A request to join {PARTNERSHIP}"

    # The coordinator finds the request on their to-do list when they sign in.
    sign_in_as(sign_in, COORDINATOR, coordinator_secret)
    click_through(page.locator("main").get_by_role("link", name=re.compile("^Answer 1 request to join")))
    click_through(page.get_by_role("link", name=ORGANISATION, exact=True))
    click_through(page.get_by_role("button", name="Accept and send the invitation"))
    expect(page.locator("main")).to_contain_text(f"{ORGANISATION} is added")
    sign_out(page, click_through)

    join_with_a_new_account(
        page, visit, click_through, email=only_email_to(CONTACT), joining=ORGANISATION,
        name=CONTACT[0], password=CONTACT[2],
    )  # fmt: skip
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"You have joined {ORGANISATION}.")

    # 4. The organisation signs up to the framework, rates both items and submits its self-assessment.
    click_through(page.get_by_role("link", name="Sign up to a framework"))
    page.get_by_role("radio", name=f"{framework.framework.name} (version {framework.version})").check()
    page.get_by_label("Who will lead this for your organisation?").fill(CONTACT[0])
    page.get_by_label("What does inclusion mean for your organisation?").fill("Anyone who wants to cook can.")
    click_through(page.get_by_role("button", name="Sign up", exact=True))
    click_through(page.get_by_role("button", name=re.compile("^Start your first self-assessment")))
    click_through(page.get_by_role("link", name="1. Checklist point 1"))
    page.get_by_role("group", name="Where are you now?").get_by_label(re.compile("^3 – Doing:")).check()
    page.get_by_label("How do you know? (evidence)").fill(EVIDENCE)
    click_through(page.get_by_role("button", name="Save and go to the next item"))
    page.get_by_role("group", name="Where are you now?").get_by_label(re.compile("^2 – ")).check()
    click_through(page.get_by_role("button", name="Save and go back to all items"))
    expect(page.locator("main")).to_contain_text("You have rated 2 of 2 items.")
    click_through(page.get_by_role("link", name="Check and submit"))
    click_through(page.get_by_role("button", name="Submit self-assessment"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your self-assessment is submitted.")
    sign_out(page, click_through)

    # 5. The coordinator asks the reviewer to review it. The reviewer hears by email, follows the link, challenges
    # one rating and finishes the review.
    mail.outbox.clear()
    sign_in_as(sign_in, COORDINATOR, coordinator_secret)
    choose_reviewer(page, click_through, organisation=ORGANISATION, reviewer=user(REVIEWER))
    sign_out(page, click_through)

    asked = only_email_to(REVIEWER)
    assert asked.subject.startswith(f"Please review {ORGANISATION}: ")
    review_link = re.search(r"https?://\S+/reviews/\d+/", asked.body).group(0).removeprefix(settings.SITE_URL)
    sign_in_as(sign_in, REVIEWER, reviewer_secret)
    visit(review_link)
    expect(page.locator("main")).to_contain_text(EVIDENCE)
    click_through(page.get_by_role("link", name="Answer a question about conflicts of interest"))
    page.get_by_role("radio", name="No").check()
    click_through(page.get_by_role("button", name="Save your answer"))
    click_through(page.get_by_role("link", name=re.compile("^Start")))
    page.get_by_role("radio", name="I agree with this rating").check()
    click_through(page.get_by_role("button", name="Save and go to the next item"))
    page.get_by_role("radio", name="I challenge this rating").check()
    page.get_by_label("Your comment").fill(CHALLENGE)
    click_through(page.get_by_role("button", name="Save and check your review"))
    click_through(page.get_by_role("button", name="Finish review"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Your review of {ORGANISATION} is finished.")
    sign_out(page, click_through)

    # 6. The organisation answers the challenge, and the reviewer reads the answer on their review page.
    sign_in_as(sign_in, CONTACT)
    open_from_menu(page, click_through, "Your organisation")
    click_through(page.get_by_role("link", name="Cycle 1"))
    click_through(page.get_by_role("link", name="Respond to the reviewers"))
    expect(page.locator("main")).to_contain_text(CHALLENGE)
    page.get_by_label(f"Your response to {REVIEWER[0]}").fill(ANSWER)
    click_through(page.get_by_role("button", name="Save your responses"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your responses are saved.")
    sign_out(page, click_through)

    sign_in_as(sign_in, REVIEWER, reviewer_secret)
    open_from_menu(page, click_through, "Your reviews")
    expect(page.locator("main")).to_contain_text("They have answered 1 of your 1 challenge.")
    visit(review_link)
    expect(page.locator("main")).to_contain_text("Their answer to you")
    expect(page.locator("main")).to_contain_text(ANSWER)

    # 7. The reviewer moves "asked to review" emails to the weekly email. Two more organisations submit (made here
    # through the same services their pages call) and the coordinator asks the reviewer to review both.
    visit(reverse("accounts:settings"))
    click_through(page.get_by_role("link", name="Change which emails you get"))
    page.get_by_role("group", name=Kind.REVIEWER_ASSIGNED.label).get_by_label("In one email each week").check()
    click_through(page.get_by_role("button", name="Save your choices"))
    expect(page.locator("main")).to_contain_text("Your email choices are saved.")
    expect(
        page.get_by_role("group", name=Kind.REVIEWER_ASSIGNED.label).get_by_label("In one email each week")
    ).to_be_checked()
    sign_out(page, click_through)

    partnership = Partnership.objects.get(slug=SLUG)
    others = ["Eastbrook Bike Repair", "Hillside Care Homes"]
    for name in others:
        AssessmentFactory(
            submitted=True, sign_up__organisation__partnership=partnership, sign_up__organisation__name=name
        )
    mail.outbox.clear()
    sign_in_as(sign_in, COORDINATOR, coordinator_secret)
    for name in others:
        choose_reviewer(page, click_through, organisation=name, reviewer=user(REVIEWER))
    sign_out(page, click_through)
    assert emails_to(REVIEWER[1]) == []

    call_command("send_digests", stdout=StringIO())

    (weekly,) = emails_to(REVIEWER[1])
    assert weekly.subject.startswith("Your week on Included:")
    assert f"{Kind.REVIEWER_ASSIGNED.label}\n----------" in weekly.body
    for name in others:
        assert name in weekly.body
