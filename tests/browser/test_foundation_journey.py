"""The foundation, end to end in a real browser: from a coordinator's invitation to the public register.

Each person uses only the pages, as a new user would: a coordinator invites an organisation; its admin accepts,
creates an account, signs up, fills in and submits a self-assessment; the coordinator chooses a reviewer; the
reviewer agrees with one rating and challenges another; the organisation responds; anyone can see the outcome.
The journey runs with JavaScript on and off, and every page on the way is checked with axe (see conftest.py).
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from tests.browser.steps import choose_reviewer, join_with_a_new_account, open_from_menu, sign_out
from tests.factories import FrameworkVersionFactory, PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGANISATION = "Riverside Community Bakery"
ADMIN_NAME = "Amara Okafor"
ADMIN_EMAIL = "amara@riverside-bakery.example.org"
ADMIN_PASSWORD = "flour ovens sunrise"  # noqa: S105 (typed into the sign-up page of the test server)
REVIEWER_NAME = "Jordan Ellis"
STATEMENT = "Inclusion means anyone who wants to bake can work with us, and be themselves at work."
EVIDENCE = "Two of our bakers came to us through the supported internship and now train new starters."
ACTION = "Ask the supported internship team to help us rewrite our job adverts."
CHALLENGE = "Nobody I spoke to had seen your job adverts. Where do you put them?"
RESPONSE = "You are right. From next month we will post them at the job centre and the library too."


def long_date(day):
    return dateformat.format(day, "j F Y")


def coordinator_invites_the_organisation(page, sign_in, click_through, submit, coordinator):
    sign_in(coordinator)
    open_from_menu(page, click_through, "Invitations")
    click_through(page.get_by_role("link", name="Invite an organisation"))

    form = page.locator("form").filter(has=page.get_by_role("button", name="Add the organisation and send"))
    form.get_by_label("Organisation name").fill(ORGANISATION)
    form.get_by_role("group", name="What kind of organisation is it?").get_by_label("Employer", exact=True).check()
    form.get_by_role("group", name="How many people work or volunteer there?").get_by_label(
        "Small (10 to 49 people)"
    ).check()
    form.get_by_label("Name of the person who will look after it on Included").fill(ADMIN_NAME)
    email = form.get_by_label("Their email address")
    email.fill(ADMIN_EMAIL)
    submit(email)

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{ORGANISATION} is added. We have emailed {ADMIN_EMAIL} a link to join."
    )
    sent = page.get_by_role("table").get_by_role("row").filter(has_text=ADMIN_EMAIL)
    expect(sent).to_contain_text("Waiting")
    sign_out(page, click_through)


def admin_accepts_the_invitation(page, visit, click_through, mailoutbox):
    (email,) = mailoutbox
    assert email.to == [ADMIN_EMAIL]
    join_with_a_new_account(
        page, visit, click_through, email=email, joining=ORGANISATION, name=ADMIN_NAME, password=ADMIN_PASSWORD
    )
    expect(page.locator("h1")).to_have_text(ORGANISATION)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"You have joined {ORGANISATION}.")


def admin_signs_up_and_submits_the_first_self_assessment(page, click_through, screenshot, framework):
    click_through(page.get_by_role("link", name="Sign up to a framework"))
    page.get_by_role("radio", name=f"{framework.framework.name} (version {framework.version})").check()
    page.get_by_label("Who will lead this for your organisation?").fill(ADMIN_NAME)
    page.get_by_label("Their job or role (optional)").fill("Owner")
    page.get_by_label("What does inclusion mean for your organisation?").fill(STATEMENT)
    click_through(page.get_by_role("button", name="Sign up", exact=True))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your statement is now on the public register.")

    click_through(page.get_by_role("button", name=re.compile("^Start your first self-assessment")))
    expect(page.locator("main")).to_contain_text("You have rated 0 of 2 items.")

    # Before anything is rated, the check page lists the items still to rate, with no submit button to press in vain.
    click_through(page.get_by_role("link", name="Check and submit"))
    still_to_rate = page.locator("main ul.govuk-list--bullet")
    expect(page.get_by_role("heading", name="Items still to rate")).to_be_visible()
    expect(page.get_by_role("button", name="Submit self-assessment")).to_have_count(0)
    click_through(still_to_rate.get_by_role("link", name="1. Checklist point 1"))

    page.get_by_role("group", name="Where are you now?").get_by_label(re.compile("^3 – Doing:")).check()
    page.get_by_label("How do you know? (evidence)").fill(EVIDENCE)
    page.get_by_role("group", name="Where do you aim to be by your next self-assessment? (optional)").get_by_label(
        re.compile("^4 – Doing well:")
    ).check()
    click_through(page.get_by_role("button", name="Save and stay here"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved 1. Checklist point 1.")

    page.get_by_label("What will you do?").fill(ACTION)
    page.get_by_label("Who will do it?").fill(ADMIN_NAME)
    due = timezone.localdate() + datetime.timedelta(days=90)
    due_boxes = page.get_by_role("group", name="By when? (optional)")
    due_boxes.get_by_label("Day").fill(str(due.day))
    due_boxes.get_by_label("Month").fill(str(due.month))
    due_boxes.get_by_label("Year").fill(str(due.year))
    click_through(page.get_by_role("button", name="Add action"))
    actions = page.get_by_role("table", name="Actions for this item")
    expect(actions).to_contain_text(ACTION)
    expect(actions).to_contain_text(long_date(due))
    expect(page.get_by_label("How do you know? (evidence)")).to_have_value(EVIDENCE)
    screenshot("item")
    click_through(page.get_by_role("button", name="Save and go to the next item"))

    expect(page.locator("h1")).to_have_text("2. Checklist point 2")
    # The aim is optional; here the admin leaves it blank, as many will.
    page.get_by_role("group", name="Where are you now?").get_by_label(re.compile("^4 – Doing well:")).check()
    click_through(page.get_by_role("button", name="Save and go back to all items"))
    expect(page.locator("main")).to_contain_text("You have rated 2 of 2 items.")

    click_through(page.get_by_role("link", name="Check and submit"))
    expect(page.locator("main")).to_contain_text(EVIDENCE)
    expect(page.locator("main")).to_contain_text(f"{ACTION} – {ADMIN_NAME}, by {long_date(due)}")
    click_through(page.get_by_role("button", name="Submit self-assessment"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your self-assessment is submitted.")
    sign_out(page, click_through)


def coordinator_chooses_the_reviewer(page, sign_in, click_through, coordinator, reviewer):
    # A coordinator coming back later types the new code their app shows. The test does not wait 30 seconds for
    # one, so it forgets that the first code was used.
    cache.clear()
    sign_in(coordinator)
    choose_reviewer(page, click_through, organisation=ORGANISATION, reviewer=reviewer)
    sign_out(page, click_through)


def reviewer_agrees_with_one_rating_and_challenges_the_other(page, sign_in, click_through, reviewer):
    sign_in(reviewer)
    open_from_menu(page, click_through, "Your reviews")
    click_through(page.get_by_role("link", name=ORGANISATION))
    expect(page.locator("main")).to_contain_text(EVIDENCE)

    # A reviewer says whether they have a conflict of interest before they start.
    click_through(page.get_by_role("link", name="Answer a question about conflicts of interest"))
    page.get_by_role("radio", name="No").check()
    click_through(page.get_by_role("button", name="Save your answer"))
    click_through(page.get_by_role("link", name=re.compile("^Start")))
    expect(page.locator("h1")).to_have_text("1. Checklist point 1")
    page.get_by_role("radio", name="I agree with this rating").check()
    click_through(page.get_by_role("button", name="Save and go to the next item"))

    expect(page.locator("h1")).to_have_text("2. Checklist point 2")
    page.get_by_role("radio", name="I challenge this rating").check()
    click_through(page.get_by_role("button", name="Save and check your review"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why you challenge this rating")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("radio", name="I challenge this rating")).to_be_checked()
    page.get_by_label("Your comment").fill(CHALLENGE)
    click_through(page.get_by_role("button", name="Save and check your review"))

    expect(page.locator("h1")).to_have_text("Check your review before you finish")
    expect(page.locator("main")).to_contain_text("You challenged this rating")
    click_through(page.get_by_role("button", name="Finish review"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Your review of {ORGANISATION} is finished.")
    sign_out(page, click_through)


def admin_responds_to_the_challenge(page, sign_in, click_through):
    sign_in(get_user_model().objects.get(email=ADMIN_EMAIL), password=ADMIN_PASSWORD)
    open_from_menu(page, click_through, "Your organisation")
    click_through(page.get_by_role("link", name="Cycle 1"))
    expect(page.locator("main")).to_contain_text("Reviewers challenged 1 rating you have not answered yet.")

    click_through(page.get_by_role("link", name="Respond to the reviewers"))
    expect(page.locator("main")).to_contain_text(CHALLENGE)
    page.get_by_label(f"Your response to {REVIEWER_NAME}").fill(RESPONSE)
    click_through(page.get_by_role("button", name="Save your responses"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your responses are saved.")
    expect(page.locator("main")).to_contain_text(RESPONSE)
    sign_out(page, click_through)


def visitor_reads_the_outcome_on_the_register(page, visit, click_through, screenshot, partnership):
    visit(reverse("www:home"))
    click_through(page.get_by_role("link", name=partnership.name, exact=True))

    expect(page.locator("h1")).to_have_text("Register of commitments")
    card = page.locator(".govuk-summary-card").filter(has_text=ORGANISATION)
    expect(card).to_contain_text("Reviewed by people with lived experience")
    expect(card).to_contain_text(f"Last reviewed on {long_date(timezone.localdate())}.")
    expect(card).to_contain_text(STATEMENT)
    expect(page.locator("main")).not_to_contain_text(EVIDENCE)
    screenshot("register")

    click_through(card.get_by_role("link", name=ORGANISATION))
    reviewed = page.get_by_role("table", name="Self-assessments reviewed by people with lived experience")
    expect(reviewed.get_by_role("row").nth(1)).to_contain_text("1 of 1")
    main = page.locator("main")
    expect(main).to_contain_text(STATEMENT)
    for private in (EVIDENCE, ACTION, CHALLENGE, RESPONSE):
        expect(main).not_to_contain_text(private)


def test_an_invited_organisation_is_assessed_reviewed_and_shown_on_the_register(
    page, visit, click_through, submit, sign_in, screenshot, mailoutbox
):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    reviewer = PartnershipMemberFactory(partnership=partnership, reviewer=True, user__name=REVIEWER_NAME).user
    framework = FrameworkVersionFactory(items=2)

    coordinator_invites_the_organisation(page, sign_in, click_through, submit, coordinator.user)
    admin_accepts_the_invitation(page, visit, click_through, mailoutbox)
    admin_signs_up_and_submits_the_first_self_assessment(page, click_through, screenshot, framework)
    coordinator_chooses_the_reviewer(page, sign_in, click_through, coordinator.user, reviewer)
    reviewer_agrees_with_one_rating_and_challenges_the_other(page, sign_in, click_through, reviewer)
    admin_responds_to_the_challenge(page, sign_in, click_through)
    visitor_reads_the_outcome_on_the_register(page, visit, click_through, screenshot, partnership)
