"""Every service that changes a sign-up, a self-assessment or a review checks who is acting before any work.

Someone without the right (from another organisation, a coordinator on a draft, a reviewer not asked, a person
signed out) is refused with PermissionDenied and a plain message, and nothing changes: no row, no audit entry, no
stored file. The views refuse them earlier; these tests make sure the services do too, whoever calls them.
"""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from included.access import rules
from included.assessments import services
from included.assessments.enums import ActionStatus, AssessmentStatus, ReviewStatus, Verdict
from included.assessments.models import (
    Action,
    Assessment,
    AssessmentItem,
    EvidenceFile,
    Review,
    ReviewComment,
    SignUp,
)
from included.core.models import AuditEvent
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

from .factories import AssessmentFactory, ReviewFactory, SignUpFactory, make_reviewer

pytestmark = pytest.mark.django_db


def a_file(name="notes.txt", content=b"Notes from our panel."):
    return SimpleUploadedFile(name, content)


class World:
    """One partnership: an organisation with an admin and a member, another organisation, a coordinator, three
    reviewers, and a coordinator of another partnership.

    The organisation has a submitted cycle with an action, on which one review is open (with a view on every item)
    and another is finished with a challenge to answer; and a draft cycle, rated, with an action and a file.
    """

    def __init__(self):
        self.partnership = PartnershipFactory()
        self.organisation = OrganisationFactory(partnership=self.partnership, name="Bright Futures Bakery")
        self.admin = OrganisationMemberFactory(organisation=self.organisation).user
        self.member = OrganisationMemberFactory(organisation=self.organisation, member=True).user
        self.outsider = OrganisationMemberFactory(organisation__partnership=self.partnership).user
        self.coordinator = PartnershipMemberFactory(partnership=self.partnership).user
        self.reviewer = make_reviewer(self.partnership)
        self.second_reviewer = make_reviewer(self.partnership)
        self.stranger_reviewer = make_reviewer(self.partnership)
        self.other_coordinator = PartnershipMemberFactory().user
        self.anonymous = AnonymousUser()

        self.sign_up = SignUpFactory(organisation=self.organisation, signed_by=self.admin)
        self.sign_up_with_no_cycle = SignUpFactory(organisation=self.organisation, signed_by=self.admin)
        self.unsigned_version = FrameworkVersionFactory()

        self.submitted = AssessmentFactory(sign_up=self.sign_up, started_by=self.member, rated=True)
        first, *others = self.submitted.items.with_framework()
        self.submitted_action = services.add_action(first, what="Hold a taster day", who="Sam", due=None, by=self.admin)
        services.submit_assessment(self.submitted, by=self.member)
        self.open_review = ReviewFactory(
            assessment=self.submitted, reviewer=self.reviewer, assigned_by=self.coordinator, agreed=True
        )
        self.finished_review = ReviewFactory(
            assessment=self.submitted, reviewer=self.second_reviewer, assigned_by=self.coordinator
        )
        services.record_verdict(
            self.finished_review, first, verdict=Verdict.CHALLENGE, comment="Who did you ask?", by=self.second_reviewer
        )
        for answer in others:
            services.record_verdict(
                self.finished_review, answer, verdict=Verdict.AGREE, comment="", by=self.second_reviewer
            )
        services.complete_review(self.finished_review, summary="", by=self.second_reviewer)
        self.challenge = ReviewComment.objects.get(review=self.finished_review, assessment_item=first)

        self.draft = AssessmentFactory(sign_up=self.sign_up, started_by=self.member, rated=True)
        self.draft_item = self.draft.items.with_framework().first()
        self.draft_action = services.add_action(
            self.draft_item, what="Train managers", who="Ana", due=None, by=self.admin
        )
        self.draft_file = services.add_evidence_file(
            self.draft_item, a_file(), content_type="text/plain", by=self.member
        )
        for record in (self.submitted, self.draft, self.draft_item):
            record.refresh_from_db()


@pytest.fixture
def world():
    return World()


def stored_files():
    location = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(str(path) for path in location.rglob("*") if path.is_file())


def everything():
    """Every row and stored file a service here could change, so a test can check that none did."""
    rows = {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (SignUp, Assessment, AssessmentItem, EvidenceFile, Action, Review, ReviewComment, AuditEvent)
    }
    return rows | {"files": stored_files()}


# Each write service, called as someone would, and the people who may not make that change.
SERVICES = {
    "sign_up": (
        lambda w, by: services.sign_up(
            w.organisation, w.unsigned_version, lead_name="Ana", lead_role="", statement="We open doors.", by=by
        ),
        ["member", "outsider", "coordinator", "anonymous"],
    ),
    "update_statement": (
        lambda w, by: services.update_statement(
            w.sign_up, lead_name="Someone else", lead_role="", statement="Not ours to change.", by=by
        ),
        ["member", "outsider", "coordinator", "anonymous"],
    ),
    "start_assessment": (
        lambda w, by: services.start_assessment(w.sign_up_with_no_cycle, by=by),
        ["outsider", "coordinator", "reviewer", "anonymous"],
    ),
    "save_item": (
        lambda w, by: services.save_item(w.draft_item, {"rating": 1}, expected_version=w.draft_item.version, by=by),
        ["outsider", "coordinator", "reviewer", "anonymous"],
    ),
    "save_item with a file": (
        lambda w, by: services.save_item(
            w.draft_item,
            {"rating": 1},
            expected_version=w.draft_item.version,
            by=by,
            evidence_file=a_file("mine.txt"),
            content_type="text/plain",
        ),
        ["outsider", "coordinator", "anonymous"],
    ),
    "add_evidence_file": (
        lambda w, by: services.add_evidence_file(w.draft_item, a_file(), content_type="text/plain", by=by),
        ["outsider", "coordinator", "anonymous"],
    ),
    "remove_evidence_file": (
        lambda w, by: services.remove_evidence_file(w.draft_file, by=by),
        ["outsider", "coordinator", "anonymous"],
    ),
    "add_action": (
        lambda w, by: services.add_action(w.draft_item, what="Not our plan", who="Jo", due=None, by=by),
        ["outsider", "coordinator", "anonymous"],
    ),
    "set_action_status": (
        lambda w, by: services.set_action_status(w.submitted_action, ActionStatus.DONE, by=by),
        ["outsider", "coordinator", "reviewer", "anonymous"],
    ),
    "remove_action": (
        lambda w, by: services.remove_action(w.draft_action, by=by),
        ["outsider", "coordinator", "anonymous"],
    ),
    "submit_assessment": (
        lambda w, by: services.submit_assessment(w.draft, by=by),
        ["outsider", "coordinator", "reviewer", "anonymous"],
    ),
    "assign_reviewer": (
        lambda w, by: services.assign_reviewer(w.submitted, w.stranger_reviewer, by=by),
        ["admin", "outsider", "reviewer", "other_coordinator", "anonymous"],
    ),
    "assign_reviewers": (
        lambda w, by: services.assign_reviewers(w.submitted, [w.stranger_reviewer], by=by),
        ["admin", "outsider", "reviewer", "other_coordinator", "anonymous"],
    ),
    "assign_reviewers to a draft": (
        lambda w, by: services.assign_reviewers(w.draft, [w.stranger_reviewer], by=by),
        ["coordinator"],
    ),
    "record_verdict": (
        lambda w, by: services.record_verdict(
            w.open_review, w.open_review.assessment.items.first(), verdict=Verdict.CHALLENGE, comment="No", by=by
        ),
        ["stranger_reviewer", "second_reviewer", "coordinator", "admin", "anonymous"],
    ),
    "complete_review": (
        lambda w, by: services.complete_review(w.open_review, summary="Done", by=by),
        ["stranger_reviewer", "second_reviewer", "coordinator", "admin", "anonymous"],
    ),
    "respond_to_comment": (
        lambda w, by: services.respond_to_comment(w.challenge, response="Not ours to answer", by=by),
        ["outsider", "coordinator", "second_reviewer", "anonymous"],
    ),
    "answer_challenges": (
        lambda w, by: services.answer_challenges(w.submitted, {w.challenge: "Not ours to answer"}, by=by),
        ["outsider", "coordinator", "second_reviewer", "anonymous"],
    ),
    "record_file_download": (
        lambda w, by: services.record_file_download(w.draft_file, by=by),
        ["outsider", "coordinator", "stranger_reviewer", "anonymous"],
    ),
}


@pytest.mark.parametrize("name", SERVICES)
def test_a_person_without_the_right_is_refused_and_nothing_changes(world, name):
    call, people = SERVICES[name]
    before = everything()
    for person in people:
        with pytest.raises(PermissionDenied) as refused:
            call(world, getattr(world, person))
        assert str(refused.value).startswith("Only "), (name, person)
        assert everything() == before, (name, person)


class TestAnswerAndFileTogether:
    def test_an_answer_and_its_file_are_saved_together(self, world):
        item = world.draft_item

        services.save_item(
            item,
            {"rating": 5},
            expected_version=item.version,
            by=world.member,
            evidence_file=a_file("plan.txt", b"Our plan"),
            content_type="text/plain",
        )

        item.refresh_from_db()
        assert item.rating == 5
        assert item.files.get(original_name="plan.txt").uploaded_by == world.member

    def test_if_the_file_cannot_be_stored_the_answer_is_not_saved_either(self, world):
        item = world.draft_item
        before = everything()

        disk_full = mock.patch.object(FileSystemStorage, "_save", side_effect=OSError("The disk is full"))
        with disk_full, pytest.raises(OSError):
            services.save_item(
                item,
                {"rating": 5, "evidence": "Words that must not be half saved"},
                expected_version=item.version,
                by=world.member,
                evidence_file=a_file("plan.txt", b"Our plan"),
                content_type="text/plain",
            )

        assert everything() == before
        item.refresh_from_db()
        assert item.evidence != "Words that must not be half saved"

    def test_the_item_page_saves_nothing_when_the_file_cannot_be_stored(self, client, world):
        item = world.draft_item
        client.force_login(world.member)
        url = reverse(
            "assessments:item",
            kwargs={
                "partnership_slug": world.partnership.slug,
                "organisation_slug": world.organisation.slug,
                "assessment_id": world.draft.pk,
                "item_id": item.pk,
            },
        )
        data = {"version": item.version, "rating": "5", "evidence": "Half saved?", "evidence_file": a_file()}
        before = everything()

        disk_full = mock.patch.object(FileSystemStorage, "_save", side_effect=OSError("The disk is full"))
        with disk_full, pytest.raises(OSError):
            client.post(url, data)

        assert everything() == before

    def test_if_the_file_cannot_be_recorded_the_stored_copy_is_removed_and_nothing_is_saved(self, world):
        item = world.draft_item
        before = everything()

        refused = mock.patch.object(EvidenceFile, "save", side_effect=IntegrityError("refused"))
        with refused, pytest.raises(IntegrityError):
            services.save_item(
                item,
                {"rating": 5},
                expected_version=item.version,
                by=world.member,
                evidence_file=a_file("plan.txt", b"Our plan"),
                content_type="text/plain",
            )

        assert everything() == before

    def test_an_edit_conflict_keeps_the_file_out_too(self, world):
        item = world.draft_item
        before = everything()

        with pytest.raises(services.EditConflict):
            services.save_item(
                item,
                {"rating": 5},
                expected_version=item.version - 1,
                by=world.member,
                evidence_file=a_file("plan.txt", b"Our plan"),
                content_type="text/plain",
            )

        assert everything() == before


class TestAssignReviewers:
    def test_several_reviewers_are_asked_at_once_and_the_cycle_is_being_reviewed(self, world):
        another = make_reviewer(world.partnership)

        reviews = services.assign_reviewers(world.submitted, [world.stranger_reviewer, another], by=world.coordinator)

        assert [review.reviewer for review in reviews] == [world.stranger_reviewer, another]
        assert all(review.assigned_by == world.coordinator for review in reviews)
        world.submitted.refresh_from_db()
        assert world.submitted.status == AssessmentStatus.IN_REVIEW
        logged = AuditEvent.objects.filter(action="review.assigned", object_id__in=[str(r.pk) for r in reviews])
        assert logged.count() == 2

    @pytest.mark.parametrize(
        ("chosen", "message"),
        [
            ("member", "Choose a lived-experience reviewer from this partnership."),
            ("reviewer from the organisation", "A reviewer cannot review their own organisation."),
            ("reviewer already asked", "is already reviewing this self-assessment."),
            ("reviewer of another partnership", "Choose a lived-experience reviewer from this partnership."),
        ],
    )
    def test_one_wrong_choice_means_nobody_is_asked(self, world, chosen, message):
        wrong = {
            "member": lambda: world.member,
            "reviewer from the organisation": lambda: (
                OrganisationMemberFactory(organisation=world.organisation, user=make_reviewer(world.partnership)).user
            ),
            "reviewer already asked": lambda: world.reviewer,
            "reviewer of another partnership": lambda: make_reviewer(PartnershipFactory()),
        }[chosen]()
        before = everything()

        with pytest.raises(ValidationError, match=message):
            services.assign_reviewers(world.submitted, [world.stranger_reviewer, wrong], by=world.coordinator)

        assert everything() == before

    def test_choosing_nobody_is_refused(self, world):
        with pytest.raises(ValidationError, match="Choose at least one reviewer"):
            services.assign_reviewers(world.submitted, [], by=world.coordinator)

    def test_those_who_could_still_be_asked_are_the_partnerships_reviewers_from_outside_not_yet_asked(self, world):
        insider = make_reviewer(world.partnership)
        OrganisationMemberFactory(organisation=world.organisation, user=insider)
        make_reviewer(PartnershipFactory())

        assert list(world.submitted.reviewers_to_ask()) == [world.stranger_reviewer]


class TestAnswerChallenges:
    def second_challenge(self, world):
        """A third reviewer finishes with a challenge on the last item."""
        review = ReviewFactory(assessment=world.submitted, reviewer=world.stranger_reviewer)
        *others, last = world.submitted.items.with_framework()
        for answer in others:
            services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=world.stranger_reviewer)
        services.record_verdict(review, last, verdict=Verdict.CHALLENGE, comment="Show me", by=world.stranger_reviewer)
        services.complete_review(review, summary="", by=world.stranger_reviewer)
        return ReviewComment.objects.get(review=review, assessment_item=last)

    def test_new_and_changed_responses_are_saved_together_and_the_rest_left_alone(self, world):
        services.respond_to_comment(world.challenge, response="We asked six people.", by=world.admin)
        world.challenge.refresh_from_db()
        first_answered_at = world.challenge.responded_at
        second = self.second_challenge(world)

        changed = services.answer_challenges(
            world.submitted, {world.challenge: "We asked six people.", second: "Here is our plan."}, by=world.member
        )

        assert changed == [second]
        second.refresh_from_db()
        world.challenge.refresh_from_db()
        assert (second.response, second.responded_by) == ("Here is our plan.", world.member)
        assert world.challenge.responded_at == first_answered_at
        assert AuditEvent.objects.filter(action="review.response", actor=world.member).count() == 1

    def test_nothing_changed_while_a_challenge_waits_for_a_response_is_refused(self, world):
        before = everything()

        with pytest.raises(ValidationError, match="Write a response to at least one challenge"):
            services.answer_challenges(world.submitted, {world.challenge: "  "}, by=world.member)

        assert everything() == before

    def test_nothing_changed_when_every_challenge_is_answered_saves_nothing(self, world):
        services.respond_to_comment(world.challenge, response="We asked six people.", by=world.admin)
        before = everything()

        assert (
            services.answer_challenges(world.submitted, {world.challenge: "We asked six people."}, by=world.member)
            == []
        )
        assert everything() == before

    def test_a_response_once_given_cannot_be_emptied(self, world):
        services.respond_to_comment(world.challenge, response="We asked six people.", by=world.admin)
        before = everything()

        with pytest.raises(ValidationError, match="cannot be empty"):
            services.answer_challenges(world.submitted, {world.challenge: ""}, by=world.member)

        assert everything() == before

    def test_a_challenge_about_another_cycle_spoils_the_whole_answer(self, world):
        elsewhere = ReviewFactory(assessment__sign_up__organisation__partnership=world.partnership, agreed=True)
        services.complete_review(elsewhere, summary="", by=elsewhere.reviewer)
        before = everything()

        with pytest.raises(ValidationError, match="not about this self-assessment"):
            services.answer_challenges(
                world.submitted, {world.challenge: "Ours", elsewhere.comments.first(): "Not ours"}, by=world.member
            )

        assert everything() == before

    def test_an_unfinished_review_cannot_be_answered_yet(self, world):
        services.record_verdict(
            world.open_review,
            world.open_review.assessment.items.with_framework().first(),
            verdict=Verdict.CHALLENGE,
            comment="Still thinking",
            by=world.reviewer,
        )
        thinking = world.open_review.comments.get(verdict=Verdict.CHALLENGE)
        assert world.open_review.status != ReviewStatus.COMPLETED
        before = everything()

        with pytest.raises(ValidationError, match="once its reviewer has finished"):
            services.answer_challenges(world.submitted, {thinking: "Too soon"}, by=world.member)

        assert everything() == before


def test_the_list_of_cycles_a_person_may_see_agrees_with_the_rule_for_one(world):
    elsewhere = AssessmentFactory(submitted=True, sign_up__organisation__partnership=world.partnership)
    cycles = [world.draft, world.submitted, elsewhere]
    people = [
        "admin",
        "member",
        "outsider",
        "coordinator",
        "reviewer",
        "stranger_reviewer",
        "other_coordinator",
        "anonymous",
    ]
    for person in people:
        user = getattr(world, person)
        visible = set(Assessment.objects.visible_to(user).filter(pk__in=[c.pk for c in cycles]))
        assert visible == {c for c in cycles if rules.can_see_cycle(user, c)}, person
    assert set(Assessment.objects.visible_to(world.coordinator)) == {world.submitted, elsewhere}
