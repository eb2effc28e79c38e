"""A small-grants round, end to end in a real browser, with JavaScript on and off and axe on every page.

A funder opens a round with the shipped scoring framework and chooses its panel; a community group applies with
the short form and attaches its Included evidence; an officer and a panel member with lived experience score on
their own; the funder records the agreed score and awards the grant; the group reads its letter; the award is on
the public ledger and in the 360Giving file.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from included.commissioning import scoring
from included.commissioning.models import Application
from tests.assessments.factories import make_reviewer
from tests.browser.steps import open_from_menu, sign_out
from tests.commissioning.factories import make_applicant, make_funder
from tests.factories import OrganisationMemberFactory, PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CRITERIA = scoring.parse(scoring.read_text(scoring.shipped_files()[0].read_text(encoding="utf-8"))).criteria


def fill_date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def choose_scores(page, score):
    for criterion in CRITERIA:
        group = page.get_by_role("group", name=f"{criterion.title} ({criterion.weight} marks)")
        group.get_by_label(re.compile(rf"^{score}, ")).check()


def score_on_their_own(page, visit, click_through, application_url, score):
    visit(application_url)
    page.get_by_role("group", name="Do you have a conflict of interest with this application?").get_by_label(
        "No", exact=True
    ).check()
    click_through(page.get_by_role("button", name="Send"))
    click_through(page.get_by_role("link", name="Score this application"))
    choose_scores(page, score)
    click_through(page.get_by_role("button", name="Send my scores"))
    expect(page.locator("h1")).to_contain_text("Scores for")


def test_a_small_grant_from_opening_to_the_ledger(page, visit, click_through, sign_in):
    partnership = PartnershipFactory()
    funder, commissioner = make_funder(partnership, organisation__name="Riverside Community Foundation")
    officer = OrganisationMemberFactory(organisation=funder, member=True).user
    reviewer = make_reviewer(partnership)
    group, group_admin = make_applicant(partnership, name="Eastside Peer Support Group")
    today = timezone.localdate()

    # The funder opens a small-grants round with the shipped scoring framework.
    sign_in(commissioner)
    visit(reverse("commissioning:rounds", kwargs={"partnership_slug": partnership.slug}))
    click_through(page.get_by_role("link", name="Open a funding round"))
    page.get_by_label("Grants programme").check()
    page.get_by_label("Name of the round").fill("Small grants for peer support")
    page.get_by_label("What the money is for").fill("Groups run by and for people facing barriers to work.")
    page.get_by_label("Who can apply").fill("Community groups in the partnership.")
    page.get_by_label("Money in the round, in pounds").fill("10000")
    page.get_by_label("Most one application can ask for, in pounds").fill("3000")
    page.get_by_label("Small grants up to, in pounds").fill("3000")
    fill_date(page, "Opens on", today)
    fill_date(page, "Closes on", today)
    click_through(page.get_by_role("button", name="Open the round"))
    expect(page.locator("h1")).to_have_text("Small grants for peer support")
    expect(page.locator("main")).to_contain_text("Social value carries 15 marks out of 100")

    click_through(page.get_by_role("link", name="Choose the panel"))
    for person in (officer, reviewer):
        page.get_by_label(re.compile(re.escape(person.name))).check()
        page.get_by_label("Paid by the hour").check()
        page.get_by_label("Hours (optional)").fill("3")
        page.get_by_label("Pay per hour, in pounds (optional)").fill("13.45")
        click_through(page.get_by_role("button", name="Add to the panel"))
        expect(page.locator("table")).to_contain_text(person.name)
    round_url = page.url.replace("panel/", "")
    sign_out(page, click_through)

    # The community group applies with the short form and attaches what Included shows about it.
    sign_in(group_admin)
    visit(round_url)
    click_through(page.get_by_role("link", name="Apply for Eastside Peer Support Group"))
    page.get_by_label("Name of your project").fill("Tuesday drop-in")
    page.get_by_label("What the money will pay for").fill("Room hire, tea and bus fares.")
    page.get_by_label("How much are you asking for, in pounds?").fill("£2,400")
    for criterion in CRITERIA:
        page.get_by_label(criterion.question).fill("We run it with the people who come.")
    page.get_by_label(re.compile("^Attach what Included shows about us")).check()
    click_through(page.get_by_role("button", name="Send the application"))
    expect(page.locator("main")).to_contain_text("Your application is sent")
    expect(page.locator("main")).to_contain_text("The short form for small grants")
    application_url = page.url
    sign_out(page, click_through)

    # Two panel members score on their own: the second cannot see the first's scores until they send theirs.
    sign_in(officer)
    score_on_their_own(page, visit, click_through, application_url, 3)
    sign_out(page, click_through)
    sign_in(reviewer)
    assert Client().get(application_url + "scores/").status_code == 302
    score_on_their_own(page, visit, click_through, application_url, 4)
    expect(page.locator("table")).to_contain_text(officer.name)
    sign_out(page, click_through)

    # The funder records the agreed score and awards the grant.
    sign_in(commissioner)
    visit(application_url + "scores/")
    choose_scores(page, 4)
    page.get_by_label("Why the panel agreed these scores").fill("We agreed the group is led by people who use it.")
    click_through(page.get_by_role("button", name="Record the agreed score"))
    expect(page.locator("main")).to_contain_text("The agreed score: 100.0 out of 100")
    page.get_by_label("Award", exact=True).check()
    page.get_by_label("Amount awarded, in pounds (if you award)").fill("2400")
    page.get_by_label("The reasons for the decision").fill("It meets a clear need in Eastside.")
    page.get_by_label("Feedback for the applicant").fill("Tell other groups what you learn.")
    click_through(page.get_by_role("button", name="Record the decision"))
    sign_out(page, click_through)

    # The group reads its letter; the award is on the public ledger and in the 360Giving file.
    sign_in(group_admin)
    visit(application_url)
    click_through(page.get_by_role("link", name="Read the decision letter"))
    expect(page.locator("h1")).to_have_text("You have been awarded £2,400.00")
    expect(page.locator("main")).to_contain_text("It meets a clear need in Eastside.")
    # The letter prints on its own: no menu, footer, back link or buttons.
    page.emulate_media(media="print")
    for part in (".govuk-service-navigation", ".govuk-footer", ".govuk-back-link", ".govuk-button"):
        for element in page.locator(part).all():
            expect(element).to_be_hidden()
    page.emulate_media(media="screen")
    sign_out(page, click_through)
    visit(reverse("assessments:register", kwargs={"partnership_slug": partnership.slug}))
    open_from_menu(page, click_through, "Grants given")
    expect(page.locator("main")).to_contain_text("Eastside Peer Support Group")
    expect(page.locator("main")).to_contain_text("£2,400.00")
    data = json.loads(
        Client().get(reverse("commissioning:ledger_json", kwargs={"partnership_slug": partnership.slug})).content
    )
    assert [grant["recipientOrganization"][0]["name"] for grant in data["grants"]] == ["Eastside Peer Support Group"]
    assert Application.objects.get().evidence_consent
