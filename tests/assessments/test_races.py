"""People working on one self-assessment at the same moment: saves, submitting and starting a cycle.

Each test runs real threads on PostgreSQL, each with its own connection, released together, and repeats the race
a few times so a lucky ordering cannot hide a bug.
"""

import pytest
from django.test import Client
from django.urls import reverse

from included.assessments import services
from included.assessments.enums import AssessmentStatus
from included.assessments.models import Assessment, AssessmentItem
from tests.concurrency import postgresql_only, run_together
from tests.factories import OrganisationMemberFactory

from .factories import AssessmentFactory, SignUpFactory, admin_of

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]

ROUNDS = 5
PEOPLE = 8


def outcomes(results):
    return [value if kind == "ok" else type(value).__name__ for kind, value in results]


def save_the_same_version_at_once(answer_id, people):
    version = AssessmentItem.objects.get(pk=answer_id).version

    def prepare(index):
        return index, AssessmentItem.objects.select_related("assessment").get(pk=answer_id)

    def save(prepared):
        index, answer = prepared
        data = {"rating": 1 + index % 5, "evidence": f"Words of person {index}"}
        services.save_item(answer, data, expected_version=version, by=people[index])
        return index

    return version, run_together(len(people), prepare, save)


def test_of_eight_saves_of_the_same_version_exactly_one_is_saved():
    draft = AssessmentFactory()
    people = [admin_of(draft.organisation)] + [
        OrganisationMemberFactory(organisation=draft.organisation, member=True).user for _ in range(PEOPLE - 1)
    ]
    answer_id = draft.items.with_framework().first().pk
    for _ in range(ROUNDS):
        version, results = save_the_same_version_at_once(answer_id, people)
        saved = [value for kind, value in results if kind == "ok"]
        refused = [value for kind, value in results if kind == "error"]
        assert len(saved) == 1, f"{len(saved)} people were told their save went through: {outcomes(results)}"
        assert all(isinstance(error, services.EditConflict) for error in refused), outcomes(results)
        answer = AssessmentItem.objects.get(pk=answer_id)
        assert answer.version == version + 1
        assert answer.evidence == f"Words of person {saved[0]}"


def submit_while_emptying_a_rating(draft):
    person = admin_of(draft.organisation)
    answer_id = draft.items.with_framework().first().pk

    def prepare(index):
        if index == 0:
            return "submit", Assessment.objects.get(pk=draft.pk)
        return "save", AssessmentItem.objects.select_related("assessment").get(pk=answer_id)

    def act(prepared):
        what, record = prepared
        if what == "submit":
            return services.submit_assessment(record, by=person)
        return services.save_item(record, {"rating": None}, expected_version=record.version, by=person)

    return run_together(2, prepare, act)


def test_a_save_racing_a_submit_never_leaves_a_submitted_cycle_with_an_unrated_item():
    for _ in range(ROUNDS):
        draft = AssessmentFactory(rated=True)
        results = submit_while_emptying_a_rating(draft)
        (submit_kind, submit_result), (save_kind, save_result) = results
        cycle = Assessment.objects.get(pk=draft.pk)
        unrated = cycle.items.filter(rating__isnull=True).count()
        if cycle.status == AssessmentStatus.SUBMITTED:
            assert unrated == 0, f"A submitted cycle has an unrated item: {outcomes(results)}"
            assert save_kind == "error" and isinstance(save_result, services.AssessmentLocked), outcomes(results)
        else:
            assert submit_kind == "error" and isinstance(submit_result, services.NotReady), outcomes(results)
            assert save_kind == "ok" and unrated == 1


def start_at_once(sign_up, people):
    organisation = sign_up.organisation
    url = reverse(
        "assessments:start",
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "sign_up_id": sign_up.pk,
        },
    )

    def prepare(index):
        client = Client()
        client.force_login(people[index])
        return client

    return run_together(len(people), prepare, lambda client: client.post(url))


def test_two_people_starting_a_new_cycle_at_once_both_land_on_the_one_cycle():
    for _ in range(ROUNDS):
        sign_up = SignUpFactory()
        organisation = sign_up.organisation
        people = [admin_of(organisation), OrganisationMemberFactory(organisation=organisation, member=True).user]
        results = start_at_once(sign_up, people)
        assert [kind for kind, _ in results] == ["ok", "ok"], outcomes(results)
        drafts = list(Assessment.objects.filter(sign_up=sign_up))
        assert len(drafts) == 1
        cycle_url = reverse(
            "assessments:assessment",
            kwargs={
                "partnership_slug": organisation.partnership.slug,
                "organisation_slug": organisation.slug,
                "assessment_id": drafts[0].pk,
            },
        )
        assert [(response.status_code, response["Location"]) for _, response in results] == [(302, cycle_url)] * 2
