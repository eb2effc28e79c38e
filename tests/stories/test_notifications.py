"""The emails stories send: a story waits for a review, and a reviewer asked for changes."""

import pytest

from included.notifications.enums import Kind
from included.notifications.sending import notify
from included.stories import services
from tests.assessments.factories import make_reviewer
from tests.factories import OrganisationMemberFactory
from tests.notifications.helpers import emails_to

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_reviewers_are_told_each_time_a_story_is_sent_and_the_writer_when_changes_are_asked(
    django_capture_on_commit_callbacks,
):
    writer = OrganisationMemberFactory(member=True)
    organisation = writer.organisation
    story = StoryFactory(organisation=organisation, created_by=writer.user, title="Our evening job club")
    reviewer = make_reviewer(organisation.partnership, name="Jo Reviewer")
    # A reviewer who belongs to the organisation does not review its stories, so is not asked.
    own_reviewer = make_reviewer(organisation.partnership)
    OrganisationMemberFactory(organisation=organisation, user=own_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_for_review(story, by=writer.user)
    [asked] = emails_to(reviewer)
    assert asked.subject == "Please read the story “Our evening job club”"
    assert f"/stories/review/{story.pk}/" in asked.body
    assert emails_to(own_reviewer) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.review_story(story, agreed=False, comments="Say who it was for in their words.", by=reviewer)
    [changes] = emails_to(writer.user)
    assert changes.subject == "A reviewer asked for changes to “Our evening job club”"
    assert f"/stories/{story.pk}/" in changes.body

    with django_capture_on_commit_callbacks(execute=True):
        services.send_for_review(story, by=writer.user, answer="We used their words.")
    assert len(emails_to(reviewer)) == 2
    # The same event again never emails twice.
    note = story.review_notes.last()
    notify(Kind.STORY_REVIEW_WAITING, [note.pk])
    assert len(emails_to(reviewer)) == 2
