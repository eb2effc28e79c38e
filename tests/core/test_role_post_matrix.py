"""Every form and every action, every role, sent as a POST: who may act, and that nobody else changes anything.

The GET matrix (test_role_page_matrix.py) shows who may open a page; this one sends what a form would send. A
signed-out visitor is sent to sign in; anyone else without the right gets 403 or 404 (or 400 for a request that
cannot name anything), and the database is exactly as it was. Someone with the right is never refused.
"""

import pytest
from django.apps import apps
from django.db.models import Max
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from included.access.models import OrganisationMember
from included.assessments import services
from included.language.advice import sign_advice
from tests.core.test_role_page_matrix import PUBLIC, ROLES, World, partnership_page_names
from tests.impact.factories import PartnershipFactFactory
from tests.invitations.factories import InvitationFactory
from tests.language.factories import DismissalFactory, WordListEntryFactory

EVERYONE_IN_IT = {"member_a", "admin_a", "admin_b", "coordinator", "reviewer"}
ORGANISATION_A = {"member_a", "admin_a"}
ANYONE_SIGNED_IN = set(ROLES) - {"anonymous"}


class PostWorld(World):
    """The GET matrix's world, plus the things only actions touch: invitations, a word list entry, a draft's file."""

    def __init__(self):
        super().__init__()
        from django.core.files.uploadedfile import SimpleUploadedFile

        organisation_a = self.draft.organisation
        self.invitation = InvitationFactory(partnership=self.partnership)
        self.organisation_invitation = InvitationFactory(
            partnership=self.partnership, for_organisation=True, organisation=organisation_a
        )
        self.member_a_row = OrganisationMember.objects.get(user=self.users["member_a"])
        self.entry = WordListEntryFactory(partnership=self.partnership)
        self.dismissal = DismissalFactory(partnership=self.partnership)
        self.draft_file = services.add_evidence_file(
            self.draft_item,
            SimpleUploadedFile("note.txt", b"a note"),
            content_type="text/plain",
            by=self.users["admin_a"],
        )
        self.fact = PartnershipFactFactory(partnership=self.partnership)


def _advice_link(world, user):
    token = sign_advice(world.partnership, world.dismissal.text_key, user, k=world.dismissal.flag_key, l="Plainer word")
    return "?" + urlencode({"token": token})


# action name -> (who may send it, how to build its URL arguments from the world[, what else the request carries])
POSTS = {
    "www:invitations": ({"coordinator"}, lambda w: w.p),
    "invitations:withdraw": ({"coordinator"}, lambda w: w.p | {"invitation_id": w.invitation.pk}),
    "invitations:resend": ({"coordinator"}, lambda w: w.p | {"invitation_id": w.invitation.pk}),
    "organisations:profile": ({"admin_a"}, lambda w: w.org_a),
    "organisations:members": ({"admin_a"}, lambda w: w.org_a),
    "organisations:member_role": ({"admin_a"}, lambda w: w.org_a | {"member_id": w.member_a_row.pk}),
    "organisations:member_remove": ({"admin_a"}, lambda w: w.org_a | {"member_id": w.member_a_row.pk}),
    "organisations:withdraw_invitation": (
        {"admin_a"},
        lambda w: w.org_a | {"invitation_id": w.organisation_invitation.pk},
    ),
    "organisations:resend_invitation": (
        {"admin_a"},
        lambda w: w.org_a | {"invitation_id": w.organisation_invitation.pk},
    ),
    "frameworks:upload": ({"coordinator"}, lambda w: w.p),
    "frameworks:start_draft": ({"coordinator"}, lambda w: w.p),
    "frameworks:start_draft_from_version": (
        {"coordinator"},
        lambda w: w.p | {"framework_slug": w.own_version.framework.slug, "version": w.own_version.version},
    ),
    "frameworks:draft_detail": ({"coordinator"}, lambda w: w.fd | {"field": "short_name"}),
    "frameworks:draft_add_level": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_level": ({"coordinator"}, lambda w: w.fd | {"number": 1}),
    "frameworks:draft_add_group": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_group": ({"coordinator"}, lambda w: w.fd | {"key": "employers"}),
    "frameworks:draft_add_section": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_change_section": ({"coordinator"}, lambda w: w.fd | {"key": "our-steps"}),
    "frameworks:draft_add_item": ({"coordinator"}, lambda w: w.fd | {"section_key": "our-steps"}),
    "frameworks:draft_change_item": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors"}),
    "frameworks:draft_add_prompt": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors"}),
    "frameworks:draft_prompt": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors", "number": 1}),
    "frameworks:draft_move": (
        {"coordinator"},
        lambda w: w.fd,
        {"data": {"part": "item", "key": "open-your-doors", "direction": "up", "version": "1"}},
    ),
    "frameworks:draft_remove": (
        {"coordinator"},
        lambda w: w.fd | {"part": "item", "key": "open-your-doors"},
        {"data": {"version": "1"}},
    ),
    "frameworks:draft_publish": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_delete": ({"coordinator"}, lambda w: w.fd),
    "assessments:sign_up": ({"admin_a"}, lambda w: w.org_a),
    "assessments:edit_statement": ({"admin_a"}, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:start": (ORGANISATION_A, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:item": (ORGANISATION_A, lambda w: w.org_a | {"assessment_id": w.draft.pk, "item_id": w.draft_item.pk}),
    "assessments:add_action": (
        ORGANISATION_A,
        lambda w: w.org_a | {"assessment_id": w.draft.pk, "item_id": w.draft_item.pk},
    ),
    "assessments:change_action": (
        ORGANISATION_A,
        lambda w: w.org_a | {"assessment_id": w.draft.pk, "action_id": w.action.pk},
    ),
    "assessments:remove_file": (
        ORGANISATION_A,
        lambda w: w.org_a | {"assessment_id": w.draft.pk, "file_id": w.draft_file.pk},
    ),
    "assessments:submit": (ORGANISATION_A, lambda w: w.org_a | {"assessment_id": w.draft.pk}),
    "assessments:respond": (ORGANISATION_A, lambda w: w.org_a | {"assessment_id": w.submitted.pk}),
    "assessments:verdict": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk, "item_id": w.submitted_item.pk}),
    "assessments:complete_review": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk}),
    "assessments:assign": ({"coordinator"}, lambda w: w.p | {"assessment_id": w.submitted.pk}),
    "directory:add_service": (ORGANISATION_A, lambda w: w.org_a),
    "directory:import": ({"admin_a"}, lambda w: w.org_a),
    "directory:change_service": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:add_location": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:add_opening_times": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:change_location": (ORGANISATION_A, lambda w: w.draft_place_kwargs),
    "directory:remove_location": (ORGANISATION_A, lambda w: w.draft_place_kwargs),
    "directory:change_opening_times": (ORGANISATION_A, lambda w: w.draft_times_kwargs),
    "directory:remove_opening_times": (ORGANISATION_A, lambda w: w.draft_times_kwargs),
    "directory:publish": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:unpublish": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.published_service.pk}),
    "directory:confirm": (ORGANISATION_A, lambda w: w.org_a | {"service_id": w.published_service.pk}),
    "coproduction:record_activity": (ORGANISATION_A, lambda w: w.org_a),
    "coproduction:edit_activity": (
        ORGANISATION_A,
        lambda w: w.org_a | {"activity_id": w.activity.pk, "section": "about"},
    ),
    "coproduction:create_link": (ORGANISATION_A, lambda w: w.org_a | {"activity_id": w.activity.pk}),
    "coproduction:switch_off_link": (ORGANISATION_A, lambda w: w.org_a | {"activity_id": w.activity.pk}),
    "coproduction:add_contribution": (ORGANISATION_A, lambda w: w.org_a | {"activity_id": w.activity.pk}),
    "coproduction:record_response": (
        ORGANISATION_A,
        lambda w: w.org_a | {"activity_id": w.activity.pk, "contribution_id": w.contribution.pk},
    ),
    "coproduction:change_contribution_choices": (
        ORGANISATION_A,
        lambda w: w.org_a | {"activity_id": w.activity.pk, "contribution_id": w.contribution.pk},
    ),
    "coproduction:delete_contribution": (
        {"admin_a"},
        lambda w: w.org_a | {"activity_id": w.activity.pk, "contribution_id": w.contribution.pk},
    ),
    "coproduction:record_feedback": (ORGANISATION_A, lambda w: w.org_a | {"activity_id": w.activity.pk}),
    "stories:write": (ORGANISATION_A, lambda w: w.org_a),
    **{
        f"stories:{name}": (ORGANISATION_A, lambda w: w.org_a | {"story_id": w.story.pk})
        for name in ("change", "add_person", "add_image", "send_for_review", "publish", "take_down")
    },
    "stories:record_consent": (
        ORGANISATION_A,
        lambda w: w.org_a | {"story_id": w.story.pk, "person_id": w.story_person.pk},
    ),
    **{
        f"stories:{name}": (
            ORGANISATION_A,
            lambda w: w.org_a | {"story_id": w.story.pk, "image_id": w.story_image.pk},
        )
        for name in ("describe_image", "remove_image")
    },
    "stories:take_person_out": (
        ORGANISATION_A,
        lambda w: w.org_a | {"story_id": w.story.pk, "person_id": w.story_person.pk},
    ),
    "stories:review": ({"reviewer"}, lambda w: w.p | {"story_id": w.waiting_story.pk}),
    "stories:settings": ({"coordinator"}, lambda w: w.p),
    "language:add_entry": ({"coordinator", "reviewer"}, lambda w: w.p),
    "language:change_entry": ({"coordinator", "reviewer"}, lambda w: w.p | {"kind": w.entry.kind, "key": w.entry.key}),
    "language:switch_entry": ({"coordinator", "reviewer"}, lambda w: w.p | {"kind": w.entry.kind, "key": w.entry.key}),
    # Dismissing needs a link signed for the person; the service still checks they take part in the partnership.
    "language:dismiss": (EVERYONE_IN_IT, lambda w: w.p, {"query": _advice_link, "data": {"reason": "It reads well."}}),
    "language:restore": (EVERYONE_IN_IT, lambda w: w.p, {"query": _advice_link}),
    "language:api": (PUBLIC, lambda w: w.p),
    "language:check": (PUBLIC, lambda w: w.p),
    "joining:ask": (PUBLIC, lambda w: w.p),
    "joining:accept": ({"coordinator"}, lambda w: w.p | {"request_id": w.join_request.pk}),
    "joining:decline": (
        {"coordinator"},
        lambda w: w.p | {"request_id": w.join_request.pk},
        {"data": {"reason": "We only take groups from Riverside."}},
    ),
    "partnerships:details": ({"coordinator"}, lambda w: w.p),
    "organisations:archive": ({"coordinator"}, lambda w: w.org_a),
    "organisations:restore": ({"coordinator"}, lambda w: w.p | {"organisation_slug": w.archived.slug}),
    "assessments:withdraw_sign_up": ({"admin_a"}, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:approve_statement": (
        {"coordinator"},
        lambda w: w.p | {"sign_up_id": w.waiting_sign_up.pk},
        {"data": {"version": "1"}},
    ),
    "commissioning:open_round": ({"admin_b"}, lambda w: w.p),
    "commissioning:write_scoring_framework": (
        {"admin_b"},
        lambda w: w.p | {"slug": "inclusive-grants", "version": "1"},
    ),
    "commissioning:add_lot": ({"admin_b"}, lambda w: w.c.r, {"data": {"title": "Lot 1", "amount": "500"}}),
    "commissioning:panel": ({"admin_b"}, lambda w: w.c.r),
    "commissioning:change_round": ({"admin_b"}, lambda w: w.c.r, {"data": {"version": "1", "title": "New name"}}),
    "commissioning:withdraw_round": ({"admin_b"}, lambda w: w.c.r, {"data": {"reason": "The money did not come."}}),
    "commissioning:apply": ({"admin_a"}, lambda w: w.c.r | {"organisation_slug": w.org_a["organisation_slug"]}),
    "commissioning:declare": ({"reviewer"}, lambda w: w.c.a, {"data": {"has_conflict": "no"}}),
    "commissioning:score": ({"reviewer"}, lambda w: w.c.a),
    "commissioning:moderate": ({"admin_b"}, lambda w: w.c.a),
    "commissioning:decide": ({"admin_b"}, lambda w: w.c.a),
    "commissioning:ask": (ORGANISATION_A, lambda w: w.c.d, {"data": {"kind": "question", "text": "When?"}}),
    "commissioning:answer": (
        {"admin_b"},
        lambda w: w.c.d | {"question_id": w.c.question.pk},
        {"data": {"answer": "Next month."}},
    ),
    "assessments:return_statement": (
        {"coordinator"},
        lambda w: w.p | {"sign_up_id": w.waiting_sign_up.pk},
        {"data": {"version": "1", "reason": "Please say more about who you work with."}},
    ),
    # Everyone writes and shares only their own words; only the person who shared (not in ROLES) stops a share.
    "people:edit_fact": (ANYONE_SIGNED_IN, lambda w: {"section": "access"}, {"data": {"text": "My own words."}}),
    "people:new_share": (ANYONE_SIGNED_IN, lambda w: {}),
    "people:remove_facts": (ANYONE_SIGNED_IN, lambda w: {}),
    "people:stop_share": ({"person"}, lambda w: {"share_id": w.share.pk}),
    "invitations:assisted_new": (ORGANISATION_A, lambda w: w.org_a, {"data": {"name": "Robin Hale"}}),
    "invitations:assisted_cancel": (ORGANISATION_A, lambda w: w.org_a | {"invitation_id": w.assisted.pk}),
    "invitations:assisted_new_code": (ORGANISATION_A, lambda w: w.org_a | {"invitation_id": w.assisted.pk}),
    "invitations:claim": (PUBLIC, lambda w: {}, {"data": {"code": "ABCD-EFGH-JKMN"}}),
    "impact:facts": ({"coordinator"}, lambda w: w.p),
    "impact:delete_fact": ({"coordinator"}, lambda w: w.p | {"fact_id": w.fact.pk}),
    "impact:reports": ({"coordinator"}, lambda w: w.p, {"data": {"year": "2025"}}),
    "impact:edit_section": (
        {"coordinator"},
        lambda w: w.p | {"report_id": w.report.pk, "section": "introduction"},
        {"data": {"text": "Our year.", "version": "1"}},
    ),
    "impact:build_pdf": ({"coordinator"}, lambda w: w.p | {"report_id": w.report.pk}),
    "impact:publish": ({"coordinator"}, lambda w: w.p | {"report_id": w.report.pk}),
    "impact:social_mobility": ({"admin_a"}, lambda w: w.org_a),
    # A person's own small steps and wellbeing answers (pages outside /p/, checked here all the same).
    "steps:add_goal": (ANYONE_SIGNED_IN, lambda w: {}, {"data": {"words": "Find a quiet place to study"}}),
    "steps:change_goal": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}, {"data": {"words": "Changed"}}),
    "steps:remove_goal": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}),
    "steps:add_step": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}, {"data": {"words": "A step"}}),
    "steps:change_step": ({"member_a"}, lambda w: {"step_id": w.step.pk}, {"data": {"words": "Changed"}}),
    "steps:mark_done": ({"member_a"}, lambda w: {"step_id": w.step.pk}),
    "steps:mark_not_done": ({"member_a"}, lambda w: {"step_id": w.step.pk}),
    "steps:remove_step": ({"member_a"}, lambda w: {"step_id": w.step.pk}),
    "steps:take_break": (ANYONE_SIGNED_IN, lambda w: {}),
    "steps:come_back": (ANYONE_SIGNED_IN, lambda w: {}),
    "steps:allow_supporter": (ANYONE_SIGNED_IN, lambda w: {"organisation_id": w.draft.organisation.pk}),
    "steps:remove_supporter": ({"member_a"}, lambda w: {"supporter_id": w.supporter.pk}),
    "steps:suggestion": ({"member_a"}, lambda w: {"suggestion_id": w.suggestion.pk}, {"data": {"leave": "1"}}),
    "steps:suggest": ({"admin_b"}, lambda w: {"supporter_id": w.supporter.pk}, {"data": {"words": "An idea"}}),
    "wellbeing:answer": (ANYONE_SIGNED_IN, lambda w: {}, {"data": {"life_satisfaction": "5"}}),
    "wellbeing:delete_answer": ({"member_a"}, lambda w: {"answer_id": w.answer.pk}),
    "wellbeing:delete_all": (ANYONE_SIGNED_IN, lambda w: {}),
    "assessments:declare_conflict": (
        {"reviewer"},
        lambda w: w.p | {"review_id": w.review.pk},
        {"data": {"has_conflict": "no"}},
    ),
    "assessments:availability": (
        {"reviewer"},
        lambda w: w.p,
        {"data": {"until_0": "1", "until_1": "1", "until_2": "2030"}},
    ),
    "coproduction:review_time": (
        {"coordinator"},
        lambda w: w.p | {"review_id": w.review.pk},
        {
            "data": {
                "given_on_0": "2",
                "given_on_1": "3",
                "given_on_2": "2026",
                "hours_given": "3",
                "recognition": "paid_hourly",
                "hourly_rate": "13.45",
                "wage_area": "uk",
            }
        },
    ),
}


def snapshot():
    """How many rows each of Included's tables holds, and when each last changed."""
    state = {}
    for model in apps.get_models():
        if not model.__module__.startswith("included."):
            continue
        queryset = model._default_manager.all()
        changed = queryset.aggregate(last=Max("updated_at"))["last"] if _has(model, "updated_at") else None
        state[model._meta.label] = (queryset.count(), changed)
    return state


def _has(model, name):
    return any(field.name == name for field in model._meta.get_fields())


@pytest.fixture
def world(db):
    return PostWorld()


def may(who, role):
    return who == PUBLIC or role in who


@pytest.mark.parametrize("name", list(POSTS))
def test_role_post_matrix(world, name):
    who, build, *more = POSTS[name]
    extras = more[0] if more else {}
    url = reverse(name, kwargs=build(world))
    data = extras.get("data", {})

    def address(user):
        return url + extras["query"](world, user) if "query" in extras and user else url

    problems = []
    # Everyone without the right goes first: their POSTs must leave the world exactly as it was.
    for role in [r for r in ROLES if not may(who, r)]:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        before = snapshot()
        response = client.post(address(world.users.get(role)), data)
        if role == "anonymous":
            if response.status_code != 302 or reverse("account_login") not in response["Location"]:
                problems.append(f"a signed-out visitor should be sent to sign in, got {response.status_code}")
        elif response.status_code not in (400, 403, 404):
            problems.append(f"{role} must not be able to send it, got {response.status_code}")
        if snapshot() != before:
            problems.append(f"a POST by {role} changed the database")
    # Then one person with the right: they are heard (the form may still point out what is missing).
    allowed = [r for r in ROLES if may(who, r) and r != "anonymous"]
    if allowed:
        client = Client()
        client.force_login(world.users[allowed[-1]])
        response = client.post(address(world.users[allowed[-1]]), data)
        if response.status_code in (403, 404) or response.status_code >= 500:
            problems.append(f"{allowed[-1]} may send it but got {response.status_code}")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_every_page_that_takes_a_post_is_in_the_post_matrix():
    """A new form or action under /p/ must be added here, so nobody forgets to decide who may send it."""
    names = partnership_page_names()
    only_read = {
        "www:organisation_home",
        "www:invite",  # its form is sent to www:invitations
        "frameworks:list",
        "frameworks:detail",
        "frameworks:export_version",
        "frameworks:drafts",
        "frameworks:draft",
        "frameworks:draft_section",
        "frameworks:draft_item",
        "frameworks:draft_check_words",
        "frameworks:draft_export",
        "assessments:progress",
        "assessments:assessment",
        "assessments:download_evidence",
        "assessments:my_reviews",
        "assessments:review",
        "assessments:submitted",
        "assessments:overview",
        "assessments:register",
        "assessments:commitment",
        "coproduction:activities",
        "coproduction:activity",
        "coproduction:organisation_measures",
        "coproduction:export_activities",
        "coproduction:export_contributions",
        "coproduction:export_responses",
        "coproduction:organisation_you_said_we_did",
        "coproduction:you_said_we_did",
        "coproduction:partnership_measures",
        "language:word_lists",
        "language:history",
        "language:dismissals",
        "notifications:previews",
        "notifications:preview",
        "joining:asked",
        "joining:requests",
        "joining:request",
        "partnerships:privacy",
        "organisations:coordinator_list",
        "organisations:archived",
        "assessments:statements_waiting",
        "people:shared_with_organisation",
        "people:shared_person",
        "invitations:assisted_list",
        "people:shared_with_reviewer",
        "people:shared_with_reviewer_person",
        "invitations:assisted_detail",
        "directory:services",
        "directory:service",
        "directory:search",
        "directory:public_service",
        "stories:list",
        "stories:story",
        "stories:review_list",
        "stories:library",
        "stories:public_story",
        "stories:picture",
        "opendata:index",
        "opendata:dictionary",
        "opendata:csv",
        "opendata:json",
        "opendata:csv_metadata",
        "impact:dashboard",
        "impact:item",
        "impact:report",
        "impact:report_pdf",
        "impact:annual_report",
        "impact:benchmark",
        "commissioning:rounds",
        "commissioning:scoring_framework",
        "commissioning:round",
        "commissioning:check",
        "commissioning:application",
        "commissioning:scores",
        "commissioning:letter",
        "commissioning:ledger",
        "commissioning:ledger_json",
        "commissioning:ledger_csv",
        "wellbeing:partnership",
        "coproduction:reviewers",
        "coproduction:reviewer",
    }
    missing = names - set(POSTS) - only_read
    assert not missing, f"Add these to the POST matrix: {sorted(missing)}"


@pytest.mark.parametrize(
    "name",
    [
        "www:organisation_home",
        "assessments:overview",
        "coproduction:partnership_measures",
        "language:word_lists",
        "notifications:previews",
        "notifications:preview",
        "organisations:coordinator_list",
        "assessments:statements_waiting",
        "opendata:index",
        "opendata:csv",
    ],
)
def test_pages_that_only_read_change_nothing_when_sent_a_post(world, name):
    """A POST to a page that only reads must not act: it is refused or answered like a GET, with nothing changed."""
    from tests.core.test_role_page_matrix import PAGES

    url = reverse(name, kwargs=PAGES[name][1](world))
    for role in ROLES[1:]:
        client = Client()
        client.force_login(world.users[role])
        before = snapshot()
        response = client.post(url, {})
        assert response.status_code < 500
        assert snapshot() == before, f"a POST by {role} to {name} changed the database"
