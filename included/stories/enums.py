from django.db import models


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "Waiting for review"
    CHANGES_ASKED = "changes_asked", "Changes asked"
    AGREED = "agreed", "Review agreed"
    PUBLISHED = "published", "Published"
    TAKEN_DOWN = "taken_down", "Taken down"


# While a story waits for a reviewer, nobody changes it under them.
EDITABLE = (StoryStatus.DRAFT, StoryStatus.CHANGES_ASKED, StoryStatus.AGREED, StoryStatus.TAKEN_DOWN)
# What reviewers of the partnership may read: a story sent to them, and what came of it. Never a draft.
SEEN_BY_REVIEWERS = (StoryStatus.IN_REVIEW, StoryStatus.CHANGES_ASKED, StoryStatus.AGREED, StoryStatus.PUBLISHED)

STATUS_TAG_COLOURS = {
    StoryStatus.DRAFT: "grey",
    StoryStatus.IN_REVIEW: "blue",
    StoryStatus.CHANGES_ASKED: "orange",
    StoryStatus.AGREED: "turquoise",
    StoryStatus.PUBLISHED: "green",
    StoryStatus.TAKEN_DOWN: "red",
}


class Outcome(models.TextChoices):
    WORKED = "worked", "It worked"
    PARTLY = "partly", "It partly worked"
    DID_NOT_WORK = "did_not_work", "It did not work"
    TOO_EARLY = "too_early", "Too early to say"


class Appears(models.TextChoices):
    NAMED = "named", "Named in the story"
    PICTURED = "pictured", "In a picture"
    NAMED_AND_PICTURED = "both", "Named and in a picture"


class ConsentDecision(models.TextChoices):
    GIVEN = "given", "Gave consent"
    WITHDRAWN = "withdrawn", "Withdrew consent"


class ConsentMethod(models.TextChoices):
    SPOKEN = "spoken", "They told us in person or on the phone"
    WRITTEN = "written", "In writing (a letter, email or signed form)"
    EASY_READ = "easy_read", "On an easy-read consent form"
    SUPPORTER = "supporter", "Through a supporter or advocate"


class ReviewNoteKind(models.TextChoices):
    SENT = "sent", "Sent for review"
    AGREED = "agreed", "The reviewer agreed"
    CHANGES_ASKED = "changes_asked", "The reviewer asked for changes"
    ANSWER = "answer", "The organisation answered"
