import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from included.access.rules import is_signed_in, organisations_of, partnerships_coordinated_by, people_in, reviewers_of
from included.core.models import TimeStampedModel
from included.frameworks.enums import SCALE_HIGHEST, SCALE_LOWEST

from .enums import ActionStatus, AssessmentStatus, Involvement, ReviewStatus, Verdict
from .uploads import ending_for


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)

    def published(self):
        """Sign-ups with a statement the public may read: approved, or made when no approval was needed."""
        return self.filter(approved_at__isnull=False)

    def waiting_for_approval(self):
        """Statements a coordinator has still to approve: new or changed since the last approval, not sent back."""
        return (
            self.active()
            .filter(returned_at__isnull=True)
            .exclude(approved_at__isnull=False, approved_statement=models.F("statement"))
        )

    def for_partnership(self, partnership):
        return self.filter(organisation__partnership=partnership)


class SignUp(TimeStampedModel):
    """An organisation's public commitment to a framework: steps 1 and 2 of the call to action."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="sign_ups")
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="sign_ups"
    )
    lead_name = models.CharField("Name of your lead", max_length=150)
    lead_role = models.CharField("Their job or role", max_length=150, blank=True)
    statement = models.TextField("What inclusion means for your organisation")
    signed_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The statement the public register shows. Where a partnership approves statements, it is the last one a
    # coordinator approved, so a change waits off the register; elsewhere every saved statement is approved at once.
    approved_statement = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A coordinator sent the statement back with a reason; the next change of it asks for approval again.
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    # Bumped on every change of the statement, so two admins editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework_version"], name="one_sign_up_per_organisation_and_version"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.framework_version}"

    @property
    def partnership(self):
        return self.organisation.partnership

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_published(self):
        return self.approved_at is not None

    @property
    def is_waiting_for_approval(self):
        return (
            not self.is_withdrawn
            and self.returned_at is None
            and (self.approved_at is None or self.approved_statement != self.statement)
        )


def visible_cycles(user, path=""):
    """`AssessmentQuerySet.visible_to` as a condition on the cycles found at `path` ("assessment__" from a review),
    so a list of other rows can filter on the cycle it joins instead of asking whether it is among every cycle the
    person may see. For a signed-in user only."""
    own = models.Q(**{f"{path}organisation__in": organisations_of(user)})
    coordinated = models.Q(**{f"{path}organisation__partnership__in": partnerships_coordinated_by(user)})
    asked = models.Q(**{f"{path}pk__in": Review.objects.filter(reviewer=user).values("assessment_id")})
    return own | (~models.Q(**{f"{path}status": AssessmentStatus.DRAFT}) & (coordinated | asked))


class AssessmentQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(organisation__partnership=partnership)

    def drafts(self):
        return self.filter(status=AssessmentStatus.DRAFT)

    def submitted(self):
        return self.exclude(status=AssessmentStatus.DRAFT)

    def visible_to(self, user):
        """The one place that decides who may read assessments: `access.rules.can_see_cycle`, for many at once.

        Members of the organisation see all its cycles. Coordinators of the partnership see submitted
        cycles, never drafts. Reviewers see the submitted cycles they were asked to review.
        """
        if not is_signed_in(user):
            return self.none()
        return self.filter(visible_cycles(user))

    def visible_in(self, access, user):
        """`visible_to` within one partnership, for a person whose roles there are already read (`access.rules.Access`
        of `access_in`): a coordinator sees every submitted cycle of the partnership and their own organisations'
        drafts, a condition the database answers from the partnership's rows alone. Anyone else: `visible_to`."""
        cycles = self.for_partnership(access.partnership)
        if not access.is_coordinator:
            return cycles.visible_to(user)
        own = [membership.organisation_id for membership in access.memberships]
        return cycles.filter(~models.Q(status=AssessmentStatus.DRAFT) | models.Q(organisation__in=own))


class Assessment(TimeStampedModel):
    """One self-assessment cycle against one framework version. Locked once submitted."""

    sign_up = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="assessments")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveSmallIntegerField(help_text="1 for the first cycle, 2 for the next, and so on.")
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycle")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sign_up", "number"], name="cycle_number_unique_per_sign_up"),
            models.UniqueConstraint(
                fields=["sign_up"], condition=models.Q(status="draft"), name="one_draft_cycle_per_sign_up"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AssessmentStatus.values), name="assessment_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="submitted_cycle_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.sign_up.framework_version} – cycle {self.number}"

    @property
    def partnership(self):
        return self.organisation.partnership

    @property
    def framework_version(self):
        return self.sign_up.framework_version

    @property
    def is_draft(self):
        return self.status == AssessmentStatus.DRAFT

    def reviewers_to_ask(self):
        """The partnership's lived-experience reviewers who could still be asked: not asked yet, and not from the
        organisation under review."""
        return (
            get_user_model()
            .objects.filter(pk__in=reviewers_of(self.organisation.partnership))
            .exclude(pk__in=people_in(self.organisation))
            .exclude(pk__in=self.reviews.values("reviewer_id"))
            .exclude(pk__in=ReviewerAway.objects.away_on(timezone.localdate()).values("reviewer_id"))
            .order_by("name", "email")
        )


class AssessmentItemQuerySet(models.QuerySet):
    def with_framework(self):
        return self.select_related("item__section").order_by("item__section__position", "item__position")

    def for_display(self):
        """Everything the answers partial shows, in a fixed number of queries whatever the size."""
        return self.with_framework().prefetch_related(
            "files",
            "actions",
            Prefetch(
                "review_comments",
                queryset=ReviewComment.objects.select_related("review__reviewer", "responded_by").order_by("id"),
            ),
        )


class AssessmentItem(models.Model):
    """What an organisation says about one framework item in one cycle."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("frameworks.FrameworkItem", on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    target = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    evidence_links = models.TextField(blank=True, help_text="One web address on each line.")
    involvement = models.CharField(max_length=10, choices=Involvement.choices, blank=True)
    involvement_note = models.TextField(blank=True)
    # Bumped on every save, so two people editing at once are told instead of one overwriting the other.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssessmentItemQuerySet.as_manager()

    EDITABLE_FIELDS = ("rating", "target", "evidence", "evidence_links", "involvement", "involvement_note")

    class Meta:
        ordering = ["assessment", "item__section__position", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_item_per_cycle"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=SCALE_LOWEST, rating__lte=SCALE_HIGHEST),
                name="rating_within_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(target__gte=SCALE_LOWEST, target__lte=SCALE_HIGHEST),
                name="target_within_scale",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} – {self.item}"

    @property
    def links(self):
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    @property
    def is_complete(self):
        return self.rating is not None

    @property
    def rating_level(self):
        return self.assessment.framework_version.level(self.rating) if self.rating else None

    @property
    def target_level(self):
        return self.assessment.framework_version.level(self.target) if self.target else None


# Where evidence files are stored. Nothing else is kept here, so any file in it that no row points to is an orphan.
EVIDENCE_FOLDER = "evidence"


def evidence_path(instance, filename):
    # A random name: the person's own file name is kept in the database, never on disk. The ending is the one for
    # the type found inside the file, never one the sender chose.
    return f"{EVIDENCE_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ending_for(instance.content_type, filename)}"


class EvidenceFile(models.Model):
    assessment_item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Action(TimeStampedModel):
    assessment_item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("What you will do")
    who = models.CharField("Who will do it", max_length=150)
    due = models.DateField("By when", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ActionStatus.values), name="action_status_known"),
        ]

    def __str__(self):
        return self.what[:60]


class ReviewQuerySet(models.QuerySet):
    def for_reviewer(self, user):
        return self.filter(reviewer=user)

    def waiting(self):
        return self.exclude(status=ReviewStatus.COMPLETED)

    def finished(self):
        return self.filter(status=ReviewStatus.COMPLETED)


class Review(TimeStampedModel):
    """A lived-experience reviewer's look at one submitted cycle."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED)
    summary = models.TextField("Overall comments", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reviewer"], name="one_review_per_reviewer_per_cycle"),
            models.CheckConstraint(condition=models.Q(status__in=ReviewStatus.values), name="review_status_known"),
        ]
        # Reviews waiting, longest waiting first, a page at a time (the coordinators' overview).
        indexes = [models.Index(fields=["created_at", "id"], name="review_waiting_idx")]

    def __str__(self):
        return f"Review of {self.assessment} by {self.reviewer}"

    @property
    def partnership(self):
        return self.assessment.partnership


class ReviewCommentQuerySet(models.QuerySet):
    def finished(self):
        """Comments of finished reviews only: a reviewer can change their mind until they finish."""
        return self.filter(review__status=ReviewStatus.COMPLETED)

    def earlier_than(self, review):
        """What the same reviewer said in their finished reviews of the same sign-up's earlier cycles, newest cycle
        first: so a reviewer looking at cycle 3 can see what they said before and how the organisation answered."""
        cycle = review.assessment
        return (
            self.finished()
            .filter(
                review__reviewer_id=review.reviewer_id,
                assessment_item__assessment__sign_up_id=cycle.sign_up_id,
                assessment_item__assessment__number__lt=cycle.number,
            )
            .select_related("assessment_item__assessment")
            .order_by("-assessment_item__assessment__number", "pk")
        )


class ReviewComment(TimeStampedModel):
    """A reviewer agrees with or challenges one rating; the organisation can answer."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    assessment_item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="review_comments")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    comment = models.TextField(blank=True)
    response = models.TextField("Your response", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped on every response saved, so two people answering at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_item__item__section__position", "assessment_item__item__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "assessment_item"], name="one_comment_per_item_per_review"),
            models.CheckConstraint(condition=models.Q(verdict__in=Verdict.values), name="verdict_known"),
            models.CheckConstraint(
                condition=~models.Q(verdict="challenge") | ~models.Q(comment=""),
                name="challenge_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.assessment_item.item}"

    @property
    def is_challenge(self):
        return self.verdict == Verdict.CHALLENGE


class ReviewerAwayQuerySet(models.QuerySet):
    def away_on(self, day):
        return self.filter(until__gt=day)


class ReviewerAway(TimeStampedModel):
    """A reviewer is not available for new reviews until a day they choose. They need not say why, and nothing
    asks. Reviews they already have stay theirs."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="away_from_reviews")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    until = models.DateField("Not available until")

    objects = ReviewerAwayQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "partnership"], name="one_away_date_per_reviewer_per_partnership"
            )
        ]

    def __str__(self):
        return f"Away until {self.until}"


class ConflictDeclaration(TimeStampedModel):
    """Before starting a review, the reviewer says whether they have a conflict of interest with the organisation.
    A reviewer with a conflict cannot start; the coordinator sees what they declared and can ask someone else."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="conflict_declaration")
    has_conflict = models.BooleanField()
    details = models.TextField("What the conflict is", blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(has_conflict=True) | models.Q(details=""), name="conflict_details_only_with_conflict"
            )
        ]

    def __str__(self):
        return "Conflict declared" if self.has_conflict else "No conflict"
