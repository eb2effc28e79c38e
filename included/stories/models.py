"""Stories and lessons: what an organisation tried, for whom, what happened and what it learnt, failures included.

A story is written by an organisation's members as a draft. Everyone named or pictured in it is a `StoryPerson`,
whose consent is a list of `ConsentRecord`s that only grows: the newest one says where things stand. A story can
go to a lived-experience reviewer of the partnership (`ReviewNote`s hold the conversation), and is then published
to the partnership's public library. Pictures are `StoryImage`s, kept like evidence files and never public until
the story is.

A story can tell about published services of its partnership's directory (`Story.services`).
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery

from included.core.models import TimeStampedModel

from .enums import (
    EDITABLE,
    SEEN_BY_REVIEWERS,
    Appears,
    ConsentDecision,
    ConsentMethod,
    Outcome,
    ReviewNoteKind,
    StoryStatus,
)


class StorySettings(models.Model):
    """A partnership's choices about its story library. A partnership without a row uses the defaults."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="story_settings"
    )
    review_required = models.BooleanField(
        default=True, help_text="Every story goes to a lived-experience reviewer before it is published."
    )

    class Meta:
        verbose_name_plural = "story settings"

    def __str__(self):
        return f"Story settings for {self.partnership}"


class ThemeQuerySet(models.QuerySet):
    def available_to(self, partnership):
        """The themes that come with Included, and the partnership's own."""
        return self.filter(models.Q(partnership__isnull=True) | models.Q(partnership=partnership))


class Theme(models.Model):
    """What a story is about, in plain words ("Getting into work", "Peer support"). Themes are data: Included ships
    some (no partnership) and a partnership can add its own in the admin."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="story_themes"
    )
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="theme_slug_unique_in_partnership"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(partnership__isnull=True), name="shipped_theme_slug_unique"
            ),
        ]

    def __str__(self):
        return self.name


class StoryQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def published(self):
        """In the public library: published, by an organisation that is still a member."""
        return self.filter(status=StoryStatus.PUBLISHED, organisation__archived_at__isnull=True)

    def for_partnership(self, partnership):
        return self.filter(organisation__partnership=partnership)

    def seen_by_reviewers(self):
        return self.filter(status__in=SEEN_BY_REVIEWERS)

    def waiting_for_review(self):
        return self.filter(status=StoryStatus.IN_REVIEW)

    def newest_first(self):
        return self.order_by("-published_at", "-updated_at", "-id")

    def about_theme(self, theme):
        return self.filter(themes=theme)

    def about_item(self, framework_item):
        return self.filter(framework_items=framework_item)

    def from_sector(self, sector):
        return self.filter(organisation__sector=sector)


class Story(TimeStampedModel):
    """One thing an organisation tried, and what it learnt. A story about a failure is as welcome as a success."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=200)
    tried = models.TextField("What we tried")
    for_whom = models.TextField("Who it was for")
    happened = models.TextField("What happened")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    learnt = models.TextField("What we learnt")
    differently = models.TextField("What we would do differently", blank=True)
    easy_read_summary = models.TextField("Easy-read summary", blank=True)

    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    framework_items = models.ManyToManyField("frameworks.FrameworkItem", blank=True, related_name="stories")
    # "You said, we did": the responses to what people said that this story tells more about.
    responses = models.ManyToManyField("coproduction.Response", blank=True, related_name="stories")
    # Published services of the story's own partnership that the story tells about (services.linkable_services).
    services = models.ManyToManyField("directory.Service", blank=True, related_name="stories")

    status = models.CharField(max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories_written"
    )
    sent_for_review_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    taken_down_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change, so two people editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "stories"
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StoryStatus.values), name="story_status_known"),
            models.CheckConstraint(condition=models.Q(outcome__in=Outcome.values), name="story_outcome_known"),
            models.CheckConstraint(
                condition=~models.Q(status=StoryStatus.PUBLISHED) | models.Q(published_at__isnull=False),
                name="published_story_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="story_library_order")]

    def __str__(self):
        return self.title

    @property
    def partnership(self):
        return self.organisation.partnership

    @property
    def is_editable(self):
        return self.status in EDITABLE

    @property
    def is_published(self):
        return self.status == StoryStatus.PUBLISHED

    @property
    def tells_of_failure(self):
        return self.outcome in (Outcome.DID_NOT_WORK, Outcome.PARTLY)


class StoryPersonQuerySet(models.QuerySet):
    def in_story(self):
        """People still in the story: not taken out of it."""
        return self.filter(taken_out_at__isnull=True)

    def with_consent(self):
        """Each person with their newest consent record's decision, method and day (None if there is none)."""
        newest = ConsentRecord.objects.filter(person=OuterRef("pk")).order_by("-created_at", "-id")
        return self.annotate(
            consent_decision=Subquery(newest.values("decision")[:1]),
            consent_method=Subquery(newest.values("method")[:1]),
            consent_on=Subquery(newest.values("given_on")[:1]),
        )

    def without_consent(self):
        """People whose newest record is not consent given: none recorded yet, or withdrawn."""
        given = ConsentRecord.objects.filter(person=OuterRef("pk")).order_by("-created_at", "-id")
        # Spelled out: a NULL (nothing recorded) would slip through `exclude(newest=GIVEN)` in SQL.
        newest = self.annotate(newest=Subquery(given.values("decision")[:1]))
        return newest.filter(models.Q(newest__isnull=True) | models.Q(newest=ConsentDecision.WITHDRAWN))


class StoryPerson(models.Model):
    """Someone named or pictured in a story. Not an account: often a person the organisation supports."""

    WITHDRAWN_NAME = "Name removed"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=150)
    appears = models.CharField(max_length=10, choices=Appears.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # Taken out of the story's words and pictures: their consent no longer matters to publishing it, and their
    # records are kept.
    taken_out_at = models.DateTimeField(null=True, blank=True)

    objects = StoryPersonQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(appears__in=Appears.values), name="story_person_appears_known")
        ]

    def __str__(self):
        return self.name


class ConsentRecord(models.Model):
    """One thing a person said about appearing in a story, with how and when. Records are never changed: a change
    of mind is a new record. The only exception is taking the person's name and words out once they withdraw."""

    person = models.ForeignKey(StoryPerson, on_delete=models.CASCADE, related_name="consent_records")
    decision = models.CharField(max_length=10, choices=ConsentDecision.choices)
    method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    given_on = models.DateField(help_text="The day they told us.")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=ConsentDecision.values), name="consent_decision_known"
            ),
            models.CheckConstraint(condition=models.Q(method__in=ConsentMethod.values), name="consent_method_known"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} on {self.given_on}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Consent records are never changed. Record a new one instead.")
        super().save(*args, **kwargs)


class StoryImageQuerySet(models.QuerySet):
    def without_description(self):
        return self.filter(description="")


def story_image_path(instance, filename):
    # A random name: the person's file name never becomes a path on the server.
    import secrets

    from included.assessments.uploads import ending_for

    return f"stories/{instance.story_id}/{secrets.token_hex(16)}{ending_for(instance.content_type, filename)}"


class StoryImage(models.Model):
    """A picture in a story. Shown to the public only once the story is published, and only with a description."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=story_image_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    description = models.TextField(blank=True, help_text="What the picture shows, for people who cannot see it.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = StoryImageQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.description[:60] or "A picture with no description yet"


class ReviewNote(models.Model):
    """One turn in the conversation between a lived-experience reviewer and the organisation about a story."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="review_notes")
    kind = models.CharField(max_length=20, choices=ReviewNoteKind.choices)
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ReviewNoteKind.values), name="review_note_kind_known"),
            models.CheckConstraint(
                condition=~models.Q(kind=ReviewNoteKind.CHANGES_ASKED) | ~models.Q(text=""),
                name="changes_asked_say_what",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()
