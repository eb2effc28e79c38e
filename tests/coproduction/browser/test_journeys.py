"""Journeys through co-production in a real browser, with JavaScript on and off; axe checks every page."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from included.coproduction import services
from included.coproduction.models import Activity, Contribution
from tests.factories import PartnershipMemberFactory

from ..conftest import activity_kwargs, org_kwargs
from ..factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name, day, month, year):
    page.locator(f"#id_{name}_0").fill(str(day))
    page.locator(f"#id_{name}_1").fill(str(month))
    page.locator(f"#id_{name}_2").fill(str(year))


def test_an_organisation_records_an_activity_with_a_contribution(page, sign_in, visit, click_through, member):
    organisation = member.organisation
    sign_in(member.user)
    visit(reverse("coproduction:activities", kwargs=org_kwargs(organisation)))
    click_through(page.get_by_role("button", name="Record an activity"))

    click_through(page.get_by_role("button", name="Save and continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the activity")
    expect(page).to_have_title(re.compile("^Error: "))

    page.get_by_label("Name of the activity").fill("Planning the job fair")
    page.get_by_label("What was it for?").fill("To plan the job fair with people who use our service.")
    page.get_by_role("radio", name="Service design").check()
    page.get_by_role("radio", name="Workshop").check()
    page.get_by_label(re.compile("^Co-design:")).check()
    fill_date(page, "invited_on", 1, 9, 2026)
    fill_date(page, "held_on", 5, 9, 2026)
    click_through(page.get_by_role("button", name="Save and continue"))

    expect(page.locator("h1")).to_have_text("Who took part and how they were thanked")
    page.get_by_label("How many people took part?").fill("6")
    page.get_by_label("How many hours did they give, added together?").fill("12")
    page.get_by_role("radio", name="Paid by the hour").check()
    page.get_by_label("If you paid by the hour: how much an hour, in pounds?").fill("12.00")
    page.get_by_role("radio", name="Outside London").check()
    click_through(page.get_by_role("button", name="Save and continue"))

    page.get_by_role("checkbox", name="Easy read papers").check()
    page.get_by_label(re.compile("apart from paying people")).fill("80")
    page.get_by_label("How many hours of staff time did it take?").fill("5")
    click_through(page.get_by_role("button", name="Save and continue"))
    click_through(page.get_by_role("link", name="Go to the activity"))

    expect(page.locator("h1")).to_have_text("Planning the job fair")
    expect(page.locator("main")).to_contain_text("Short notice")
    expect(page.locator("main")).to_contain_text("Below the Real Living Wage of £13.45")
    click_through(page.get_by_role("button", name="Add a contribution"))
    page.get_by_label("What did the person say?").fill("Please hold it near a bus stop.")
    page.get_by_role("radio", name="Yes, they agreed").check()
    click_through(page.get_by_role("button", name="Add the contribution"))

    card = page.locator(".govuk-summary-card", has_text="Please hold it near a bus stop.")
    expect(card).to_contain_text("Waiting for a response")
    assert Activity.objects.get().contributions.get().text == "Please hold it near a bus stop."


def test_a_participant_adds_what_they_said_by_link_and_hears_back(page, visit, click_through, activity, member):
    _link, token = services.create_contribution_link(activity, by=member.user)
    visit(reverse("coproduction:take_part", kwargs={"token": token}))

    click_through(page.get_by_role("button", name="Send"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tick the box to agree")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what you would like to say")

    page.get_by_label("What would you like to tell them?").fill("Start after the school run, please.")
    page.get_by_role("radio", name="Yes, it can be published").check()
    page.get_by_label("Your email address (optional)").fill("dee@example.org")
    page.get_by_label("Email me to say what happened because of what I said").check()
    page.get_by_label("I agree that they can keep what I said").check()
    click_through(page.get_by_role("button", name="Send"))
    expect(page.locator("h1")).to_have_text("Thank you")

    contribution = Contribution.objects.get()
    services.record_response(contribution, decision="adopted", what_changed="We now start at 10am.", by=member.user)
    assert [email.to for email in mail.outbox] == [["dee@example.org"]]

    click_through(page.get_by_role("link", name=re.compile("has done about what people said")))
    expect(page.locator("main")).to_contain_text("Start after the school run, please.")
    expect(page.locator("main")).to_contain_text("We now start at 10am.")


def test_the_public_page_filters_without_javascript(page, visit, click_through, activity):
    ResponseFactory(contribution=ContributionFactory(activity=activity, text="Adopted idea."))
    ContributionFactory(activity=activity, text="Waiting idea.")
    visit(reverse("coproduction:organisation_you_said_we_did", kwargs=org_kwargs(activity.organisation)))

    page.get_by_label("What happened").select_option(label="Waiting for a response")
    click_through(page.get_by_role("button", name="Show"))

    expect(page.locator("main")).to_contain_text("Waiting idea.")
    expect(page.locator("main")).not_to_contain_text("Adopted idea.")


def test_a_coordinator_sees_the_partnership_measures(page, sign_in, visit, organisation):
    for day in range(1, 6):
        activity = ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))
        FeedbackRecordFactory(response__contribution__activity=activity)
    coordinator = PartnershipMemberFactory(partnership=organisation.partnership).user
    sign_in(coordinator)

    visit(reverse("coproduction:partnership_measures", kwargs={"partnership_slug": organisation.partnership.slug}))

    expect(page.locator("caption", has_text="Answering people")).to_be_visible()
    expect(page.locator("main")).to_contain_text("100% (5 of 5)")
    expect(page.locator("main")).to_contain_text("By organisation")


def test_the_activity_page_with_its_link_and_contributions_passes_the_checks(
    page, sign_in, visit, click_through, member
):
    activity = ActivityFactory(organisation=member.organisation)
    FeedbackRecordFactory(response__contribution__activity=activity)
    ContributionFactory(activity=activity, named=True, hears_back=True)
    sign_in(member.user)
    visit(reverse("coproduction:activity", kwargs=activity_kwargs(activity)))

    click_through(page.get_by_role("button", name="Make a link"))

    expect(page.locator(".govuk-inset-text", has_text="Your link")).to_contain_text("/take-part/")
    visit(reverse("coproduction:organisation_measures", kwargs=org_kwargs(member.organisation)))


def test_a_person_changes_their_mind_and_then_asks_for_their_words_to_be_deleted(
    page, sign_in, visit, click_through, activity
):
    from tests.factories import OrganisationMemberFactory

    admin = OrganisationMemberFactory(organisation=activity.organisation)
    contribution = ContributionFactory(activity=activity, named=True, hears_back=True, text="Use a room with a ramp.")
    sign_in(admin.user)
    visit(reverse("coproduction:activity", kwargs=activity_kwargs(activity)))

    card = page.locator(f"#contribution-{contribution.pk}")
    click_through(card.get_by_role("link", name=re.compile("^Change their choices")))
    page.get_by_role("radio", name="No, or we did not ask").check()
    page.get_by_label("They want their name shown with what they said").uncheck()
    click_through(page.get_by_role("button", name="Save their choices"))
    expect(page.locator(f"#contribution-{contribution.pk}")).to_contain_text("Private: never published")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Their choices are saved.")

    click_through(page.locator(f"#contribution-{contribution.pk}").get_by_role("link", name=re.compile("^Delete")))
    expect(page.locator("main")).to_contain_text("Use a room with a ramp.")
    click_through(page.get_by_role("button", name="Delete the contribution"))

    expect(page.locator("main")).not_to_contain_text("Use a room with a ramp.")
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
