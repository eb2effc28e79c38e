"""In a real browser, with and without JavaScript: a reviewer moves one kind of email to the weekly email, two
things happen, and the weekly email holds both. Every page is checked with axe-core for WCAG 2.2 AA."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from included.notifications.enums import Frequency, Kind
from included.notifications.kinds import Recipient
from included.notifications.sending import choices_of
from included.notifications.tokens import stop_url
from tests.assessments.factories import AssessmentFactory, coordinator_of, make_reviewer
from tests.factories import PartnershipFactory, PartnershipMemberFactory

from .helpers import assign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_chooses_the_weekly_email_and_gets_both_things_in_one(page, sign_in, visit, click_through):
    partnership = PartnershipFactory()
    reviewer = make_reviewer(partnership, name="Jo Reviewer")
    coordinator_of(partnership)
    first = AssessmentFactory(submitted=True, sign_up__organisation__partnership=partnership)
    second = AssessmentFactory(submitted=True, sign_up__organisation__partnership=partnership)
    mail.outbox.clear()

    sign_in(reviewer)
    visit(reverse("accounts:settings"))
    click_through(page.get_by_role("link", name="Change which emails you get"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your emails")
    question = page.get_by_role("group", name=Kind.REVIEWER_ASSIGNED.label)
    expect(question.get_by_label("Straight away")).to_be_checked()
    question.get_by_label("In one email each week").check()
    click_through(page.get_by_role("button", name="Save your choices"))

    expect(page.locator(".govuk-notification-banner, .govuk-panel, [role=alert], [role=status]").first).to_contain_text(
        "Your email choices are saved."
    )
    expect(
        page.get_by_role("group", name=Kind.REVIEWER_ASSIGNED.label).get_by_label("In one email each week")
    ).to_be_checked()
    assert choices_of(reviewer)[Kind.REVIEWER_ASSIGNED] == Frequency.WEEKLY

    assign(first, reviewer)
    assign(second, reviewer)
    assert [m for m in mail.outbox if m.to == [reviewer.email]] == []

    call_command("send_digests")

    [email] = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert email.subject == "Your week on Included: 2 things waiting for you"
    assert first.organisation.name in email.body
    assert second.organisation.name in email.body


def test_the_stop_link_and_the_email_previews_pages(page, sign_in, visit, click_through):
    partnership = PartnershipFactory()
    coordinator = PartnershipMemberFactory(partnership=partnership).user
    link = stop_url(Kind.CYCLE_SUBMITTED, Recipient(coordinator.email, coordinator))

    visit(link.removeprefix(settings.SITE_URL))
    click_through(page.get_by_role("button", name="Yes, stop these emails"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails stopped")
    assert choices_of(coordinator)[Kind.CYCLE_SUBMITTED] == Frequency.NEVER
    visit("/emails/stop/cycle_submitted/not-a-real-link/", status=400)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")

    sign_in(coordinator)
    visit(reverse("notifications:previews", kwargs={"partnership_slug": partnership.slug}))
    click_through(page.get_by_role("link", name=Kind.REVIEW_FINISHED.label))
    expect(page.get_by_role("heading", level=1)).to_have_text(Kind.REVIEW_FINISHED.label)
    expect(page.locator(".included-email-preview")).to_contain_text("Read the review")
