"""The demo shows a person's own space and reviewers looked after: Jess Carter's small steps and wellbeing answers,
enough counted answers for the coordinators' figures, and reviewers' time, pay and availability."""

import pytest
from django.utils import timezone

from included.accounts.models import User
from included.assessments.enums import ReviewStatus
from included.assessments.models import ConflictDeclaration, Review, ReviewerAway
from included.coproduction import reports
from included.demo.partnership import load_demo
from included.steps.models import Goal, Step, Suggestion
from included.wellbeing.figures import partnership_figures
from included.wellbeing.models import Answer

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_persons_space_and_reviewers_looked_after():
    partnership = load_demo()
    jess = User.objects.get(email="jess.carter@mail.example")
    assert not jess.organisation_memberships.exists()
    assert Goal.objects.of(jess).count() == 2
    assert Step.objects.of(jess).done().count() == 3
    assert Step.objects.of(jess).filter(on_date__lt=timezone.localdate()).exists()
    assert Suggestion.objects.for_person(jess).waiting().count() == 1
    assert Answer.objects.of(jess).count() == 3
    assert partnership_figures(partnership).enough_people
    finished = Review.objects.filter(assessment__organisation__partnership=partnership, status=ReviewStatus.COMPLETED)
    assert all(hasattr(review, "payment") for review in finished)
    assert reports.reviewers_time_and_pay(partnership).reviews == finished.count()
    open_reviews = Review.objects.filter(assessment__organisation__partnership=partnership).exclude(
        status=ReviewStatus.COMPLETED
    )
    assert ConflictDeclaration.objects.filter(review__in=open_reviews).count() == open_reviews.count()
    assert ReviewerAway.objects.filter(partnership=partnership, until__gt=timezone.localdate()).count() == 1
