"""The demo's person with a space of their own (small steps and wellbeing), and its reviewers' time, pay and
availability. What they say is in data/steps_and_wellbeing.yaml; everything is made through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from included.accounts.models import User
from included.assessments import services as assessment_services
from included.assessments.enums import ReviewStatus
from included.assessments.models import Review
from included.coproduction import services as coproduction_services
from included.coproduction.enums import Recognition, WageArea
from included.demo.content import read
from included.organisations.models import Organisation
from included.steps import services as step_services
from included.steps.models import Step
from included.wellbeing import services as wellbeing_services
from included.wellbeing.models import Answer
from included.wellbeing.questions import QUESTION_KEYS

CONTENT = read("steps_and_wellbeing")


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def load_demo_steps_and_wellbeing(partnership, make_person):
    """Jess Carter's goals, steps, a supporter's suggestion and her wellbeing answers. Returns her account."""
    spec = CONTENT["person"]
    person = make_person(spec["name"], spec["email"])
    today = timezone.localdate()
    for goal_spec in CONTENT["goals"]:
        goal = step_services.add_goal(person, goal_spec["words"], by=person)
        for step_spec in goal_spec["steps"]:
            day = None
            if "day_in_days" in step_spec:
                day = today + datetime.timedelta(days=step_spec["day_in_days"])
            step = step_services.add_step(goal, step_spec["words"], on_date=day, by=person)
            if "done_days_ago" in step_spec:
                step_services.mark_done(step, by=person)
                Step.objects.filter(pk=step.pk).update(done_at=_days_ago(step_spec["done_days_ago"]))
    supporter_spec = CONTENT["supporter"]
    organisation = Organisation.objects.get(partnership=partnership, name=supporter_spec["organisation"])
    supporter = step_services.allow_supporter(person, organisation, by=person)
    step_services.suggest_step(
        supporter, supporter_spec["suggestion"], by=User.objects.get(email=supporter_spec["suggested_by"])
    )
    for answer_spec in CONTENT["wellbeing"]:
        answer = wellbeing_services.record_answers(
            person, dict(zip(QUESTION_KEYS, answer_spec["scores"], strict=True)), by=person
        )
        Answer.objects.filter(pk=answer.pk).update(answered_at=_days_ago(answer_spec["days_ago"]))
    return person


def load_demo_counted_answers(people):
    """One counted set of answers for each of the first people, so the coordinators' figures have enough."""
    for person, scores in zip(people, CONTENT["counted_answers"], strict=False):
        wellbeing_services.record_answers(
            person, dict(zip(QUESTION_KEYS, scores, strict=True)), counts_in_partnership_figures=True, by=person
        )


def load_demo_reviewer_care(partnership, coordinator):
    """Time and pay for each finished review, a declaration on each open one, and one reviewer away for a while."""
    pay = CONTENT["review_pay"]
    reviews = Review.objects.filter(assessment__organisation__partnership=partnership).select_related("reviewer")
    for review in reviews:
        if review.status == ReviewStatus.COMPLETED:
            coproduction_services.record_review_time(
                review,
                given_on=timezone.localdate(review.completed_at),
                hours_given=Decimal(pay["hours"]),
                recognition=Recognition.PAID_HOURLY,
                hourly_rate=Decimal(pay["hourly_rate"]),
                wage_area=WageArea(pay["wage_area"]),
                by=coordinator,
            )
        else:
            assessment_services.declare_conflict(review, has_conflict=False, by=review.reviewer)
    away = CONTENT["away"]
    reviewer = User.objects.get(email=away["reviewer"])
    until = timezone.localdate() + datetime.timedelta(days=away["until_in_days"])
    assessment_services.set_away(reviewer, partnership, until, by=reviewer)
