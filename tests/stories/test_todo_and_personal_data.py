"""What stories put on to-do lists, and what they hold about a person: in the download, and cleared on deletion."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from included.access.rules import access_in
from included.accounts.services import erase_account
from included.core import personal_data
from included.core.personal_data import ERASED_NAME
from included.stories import services
from included.stories.models import Story
from included.stories.todo import to_do
from tests.assessments.factories import make_reviewer
from tests.factories import OrganisationFactory, OrganisationMemberFactory

from .factories import StoryFactory, add_person_with_consent

pytestmark = pytest.mark.django_db


def test_reviewers_see_stories_waiting_and_organisations_see_changes_asked_in_fixed_queries():
    writer = OrganisationMemberFactory(member=True)
    organisation = writer.organisation
    partnership = organisation.partnership
    reviewer = make_reviewer(partnership)
    StoryFactory(organisation=organisation, in_review=True)

    def items(user):
        access = access_in(user, partnership)
        with CaptureQueriesContext(connection) as queries:
            found = to_do(user, access)
        return found, len(queries)

    [waiting], few = items(reviewer)
    assert waiting.label == "Read 1 story waiting for your review"
    for _ in range(3):
        StoryFactory(organisation=OrganisationFactory(partnership=partnership), in_review=True)
    [waiting], many = items(reviewer)
    assert waiting.label == "Read 4 stories waiting for your review" and many == few

    story = Story.objects.filter(organisation=organisation).get()
    services.review_story(story, agreed=False, comments="Use their words.", by=reviewer)
    [changes], _ = items(writer.user)
    assert changes.label == "A reviewer asked for changes to 1 story"
    assert f"/stories/{story.pk}/" in changes.url


def test_a_writer_gets_their_stories_in_the_download_and_their_name_is_taken_out_when_they_leave():
    writer = OrganisationMemberFactory(member=True, user__name="Robin Fairweather")
    OrganisationMemberFactory(organisation=writer.organisation)  # an admin stays, so the account can go
    story = StoryFactory(
        organisation=writer.organisation,
        created_by=writer.user,
        happened="Robin Fairweather ran it with two volunteers.",
    )
    add_person_with_consent(story, writer.user, name="Jo Bloggs")

    data = personal_data.collect(writer.user)
    assert data["stories_you_wrote"][0]["title"] == story.title
    assert data["story_consent_you_recorded"][0]["what"] == "Gave consent"
    assert data["story_people_you_added"][0]["name"] == "Jo Bloggs"

    erase_account(writer.user, by=writer.user)
    story.refresh_from_db()
    assert "Robin Fairweather" not in story.happened and ERASED_NAME in story.happened
