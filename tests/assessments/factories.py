"""Factories for sign-ups, self-assessment cycles and reviews.

They go through included/assessments/services.py, as people do, so every record is one the product could have
made: a cycle has one answer per framework item, a submitted cycle has every rating, a finished review has a view
on every item. Services check who acts, so where a test names nobody, the organisation's first admin (or the
partnership's first coordinator) acts, and is made if there is none yet.
"""

import factory
from django.utils import timezone

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import PartnershipMember
from included.assessments import services
from included.assessments.enums import Verdict
from included.assessments.models import Assessment, Review, ReviewComment, SignUp
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipMemberFactory,
    UserFactory,
)

EVIDENCE = "We asked the people who use our service to help us write our job adverts."


def admin_of(organisation):
    """Someone who may act for the organisation in every way: its first admin, or a new one."""
    membership = organisation.memberships.filter(role=MemberRole.ADMIN).order_by("pk").first()
    return membership.user if membership else OrganisationMemberFactory(organisation=organisation).user


def coordinator_of(partnership):
    """Someone who may choose reviewers: the partnership's first coordinator, or a new one."""
    role = PartnershipMember.objects.coordinators().filter(partnership=partnership).order_by("pk").first()
    return role.user if role else PartnershipMemberFactory(partnership=partnership).user


class SignUpFactory(factory.django.DjangoModelFactory):
    """An organisation signed up to a small framework, with a named lead and a public statement."""

    class Meta:
        model = SignUp

    organisation = factory.SubFactory(OrganisationFactory)
    framework_version = factory.SubFactory(FrameworkVersionFactory)
    lead_name = "Priya Shah"
    lead_role = "Operations manager"
    statement = factory.Sequence(lambda n: f"Inclusion means anyone can work with us and be themselves ({n}).")
    signed_by = None

    class Params:
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))

    @classmethod
    def _create(cls, model_class, organisation, framework_version, lead_name, lead_role, statement, signed_by, **extra):
        record = services.sign_up(
            organisation,
            framework_version,
            lead_name=lead_name,
            lead_role=lead_role,
            statement=statement,
            by=signed_by or admin_of(organisation),
        )
        if extra:
            SignUp.objects.filter(pk=record.pk).update(**extra)
            record.refresh_from_db()
        return record


def rate_every_item(assessment, *, rating=3, evidence=EVIDENCE, by=None):
    """Answer every item the way a person would, one save at a time."""
    by = by or admin_of(assessment.organisation)
    target = min(rating + 1, assessment.framework_version.highest_level["level"])
    for answer in assessment.items.all():
        services.save_item(
            answer,
            {"rating": rating, "target": target, "evidence": evidence, "involvement": "yes"},
            expected_version=answer.version,
            by=by,
        )


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A draft cycle with one unrated answer per item. `rated=True` rates them all; `submitted=True` also submits."""

    class Meta:
        model = Assessment

    sign_up = factory.SubFactory(SignUpFactory)
    started_by = None
    rated = False
    submitted = False

    @classmethod
    def _create(cls, model_class, sign_up, started_by, rated, submitted, **extra):
        started_by = started_by or admin_of(sign_up.organisation)
        assessment = services.start_assessment(sign_up, by=started_by)
        if rated or submitted:
            rate_every_item(assessment, by=started_by)
        if submitted:
            services.submit_assessment(assessment, by=started_by)
        return assessment


def make_reviewer(partnership, **user_fields):
    """A lived-experience reviewer of the partnership, with two-step verification set up."""
    return PartnershipMember.objects.create(
        partnership=partnership, user=UserFactory(with_two_step=True, **user_fields), role=PartnershipRole.REVIEWER
    ).user


class ReviewFactory(factory.django.DjangoModelFactory):
    """A reviewer asked to review a submitted cycle. `agreed=True` agrees with every rating; `completed=True` also
    finishes the review, which marks the cycle reviewed when it is the last one open."""

    class Meta:
        model = Review

    assessment = factory.SubFactory(AssessmentFactory, submitted=True)
    reviewer = factory.LazyAttribute(lambda review: make_reviewer(review.assessment.organisation.partnership))
    assigned_by = None
    agreed = False
    completed = False
    summary = ""

    @classmethod
    def _create(cls, model_class, assessment, reviewer, assigned_by, agreed, completed, summary, **extra):
        partnership = assessment.organisation.partnership
        PartnershipMember.objects.get_or_create(partnership=partnership, user=reviewer, role=PartnershipRole.REVIEWER)
        review = services.assign_reviewer(assessment, reviewer, by=assigned_by or coordinator_of(partnership))
        if agreed or completed:
            for answer in assessment.items.all():
                services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=reviewer)
        if completed:
            services.complete_review(review, summary=summary, by=reviewer)
            review.refresh_from_db()
        return review


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    """A reviewer's view on the first item. `challenge=True` challenges it; `responded=True` adds the answer (the
    review must be finished by then)."""

    class Meta:
        model = ReviewComment

    review = factory.SubFactory(ReviewFactory)
    assessment_item = factory.LazyAttribute(lambda comment: comment.review.assessment.items.with_framework().first())
    verdict = Verdict.AGREE
    comment = ""
    responded = False

    class Params:
        challenge = factory.Trait(
            verdict=Verdict.CHALLENGE, comment="Nobody I spoke to had heard of this. Who did you ask?"
        )

    @classmethod
    def _create(cls, model_class, review, assessment_item, verdict, comment, responded, **extra):
        record = services.record_verdict(review, assessment_item, verdict=verdict, comment=comment, by=review.reviewer)
        if responded:
            response = responded if isinstance(responded, str) else "We asked our peer group and will report back."
            services.respond_to_comment(record, response=response, by=admin_of(review.assessment.organisation))
        return record
