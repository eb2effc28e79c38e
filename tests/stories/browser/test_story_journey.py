"""A story of something that failed, from draft to the public library, in a real browser with JavaScript on and off;
axe checks every page on the way."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from included.stories.enums import StoryStatus
from included.stories.models import Story
from tests.assessments.factories import make_reviewer
from tests.browser.fixtures import PageChecker, open_context, sign_in_on
from tests.factories import OrganisationMemberFactory

from ..factories import ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Reviewer:
    """The reviewer's own browser window, signed in once, with every page checked like the member's."""

    def __init__(self, browser, live_server, javascript_enabled, user):
        self.context = open_context(browser, live_server.url, javascript_enabled=javascript_enabled)
        self.checker = PageChecker(self.context.new_page(), javascript_enabled)
        self.page = self.checker.page
        sign_in_on(self.checker, user)

    def visit(self, path):
        self.page.goto(path)
        self.checker.check()

    def click_through(self, locator):
        with self.page.expect_navigation():
            locator.click()
        self.checker.check()


def test_a_story_of_a_failure_is_reviewed_changed_published_and_found_by_theme(
    page, sign_in, visit, click_through, browser, live_server, javascript_enabled
):
    ThemeFactory(slug="getting-into-work", name="Getting into work")
    member = OrganisationMemberFactory(member=True)
    organisation = member.organisation
    partnership = organisation.partnership
    reviewer_user = make_reviewer(partnership)

    # A member writes a story of something that did not work.
    sign_in(member.user)
    visit(
        reverse("stories:list", kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug})
    )
    click_through(page.get_by_role("button", name="Write a story"))
    click_through(page.get_by_role("button", name="Save the draft"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    expect(page).to_have_title(re.compile("^Error: "))
    page.get_by_label("Give the story a short title").fill("The evening job club nobody came to")
    page.get_by_label("What did you try?").fill("We ran a job club on Tuesday evenings in our hall.")
    page.get_by_label("Who was it for?").fill("Carers who want paid work in the evenings.")
    page.get_by_label("What happened?").fill("Aisha Khan came every week. Most people stopped after one week.")
    page.get_by_role("radio", name="It did not work").check()
    page.get_by_label("What did you learn?").fill("We chose the time before we asked anyone.")
    page.get_by_label("Easy-read summary").fill("Our job club did not work. The time was wrong.")
    page.get_by_role("checkbox", name="Getting into work").check()
    click_through(page.get_by_role("button", name="Save the draft"))
    expect(page.locator("h1")).to_have_text("The evening job club nobody came to")

    # Aisha is named, so her consent is recorded before anything else.
    click_through(page.get_by_role("link", name="Add someone named or in a picture"))
    page.get_by_label("Their name").fill("Aisha Khan")
    page.get_by_role("radio", name="Named in the story").check()
    click_through(page.get_by_role("button", name="Add them"))
    expect(page.locator("h1")).to_have_text("Record consent for Aisha Khan")
    page.get_by_role("radio", name="Gave consent").check()
    page.get_by_role("radio", name="On an easy-read consent form").check()
    click_through(page.get_by_role("button", name="Save the record"))
    expect(page.locator("#people ~ table")).to_contain_text("Given on")

    click_through(page.get_by_role("button", name="Send for review"))
    click_through(page.get_by_role("button", name="Send for review"))
    expect(page.locator("main")).to_contain_text("Waiting for review")

    # The reviewer asks for a change to the words.
    reviewer = Reviewer(browser, live_server, javascript_enabled, reviewer_user)
    try:
        reviewer.visit(reverse("stories:review_list", kwargs={"partnership_slug": partnership.slug}))
        reviewer.click_through(reviewer.page.get_by_role("link", name="The evening job club nobody came to"))
        reviewer.page.get_by_role("radio", name="Ask for changes to its words or how it is told").check()
        reviewer.page.get_by_label("Your comments").fill("Please say who it was for as the carers would say it.")
        reviewer.click_through(reviewer.page.get_by_role("button", name="Send your review"))
        expect(reviewer.page.locator(".govuk-notification-banner")).to_contain_text("We have told the organisation")

        # The member changes the story and sends it back with an answer.
        visit(
            reverse(
                "stories:story",
                kwargs={
                    "partnership_slug": partnership.slug,
                    "organisation_slug": organisation.slug,
                    "story_id": Story.objects.get().pk,
                },
            )
        )
        expect(page.locator("#review ~ ol")).to_contain_text("Please say who it was for")
        click_through(page.get_by_role("link", name="Change the story"))
        page.get_by_label("Who was it for?").fill("Carers looking for a few hours of paid work.")
        click_through(page.get_by_role("button", name="Save the draft"))
        click_through(page.get_by_role("button", name="Send it back for review"))
        page.get_by_label("What did you change?").fill("We used the words the carers used.")
        click_through(page.get_by_role("button", name="Send for review"))

        # The reviewer agrees.
        reviewer.visit(
            reverse("stories:review", kwargs={"partnership_slug": partnership.slug, "story_id": Story.objects.get().pk})
        )
        expect(reviewer.page.locator("main")).to_contain_text("We used the words the carers used.")
        reviewer.page.get_by_role("radio", name="It can be published as it is").check()
        reviewer.click_through(reviewer.page.get_by_role("button", name="Send your review"))
    finally:
        reviewer.context.close()

    # The member publishes it.
    visit(page.url)
    click_through(page.get_by_role("button", name="Publish", exact=True))
    click_through(page.get_by_role("button", name="Publish the story"))
    assert Story.objects.get().status == StoryStatus.PUBLISHED

    # The public finds it by its theme.
    click_through(page.get_by_role("button", name="Sign out"))
    visit(reverse("stories:library", kwargs={"partnership_slug": partnership.slug}))
    page.get_by_label("Theme").select_option(label="Getting into work")
    click_through(page.get_by_role("button", name="Show stories"))
    click_through(page.get_by_role("link", name="The evening job club nobody came to"))
    expect(page.locator("h1")).to_have_text("The evening job club nobody came to")
    expect(page.locator("main")).to_contain_text("It did not work")
    expect(page.locator("main")).to_contain_text("Carers looking for a few hours of paid work.")
