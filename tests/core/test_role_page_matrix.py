"""Every page, every role: who may open it, and what everyone else gets.

Signed-out visitors are sent to sign in for private pages. Signed-in people without the right get 403 (a role
they lack) or 404 (an object that is not theirs): never the page. The table below is the single place to read
who may see what.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from included.assessments import services
from included.assessments.models import SignUp
from included.invitations import assisted
from included.people import services as people_services
from included.steps import services as step_services
from included.wellbeing import services as wellbeing_services
from tests.assessments.factories import make_reviewer, rate_every_item
from tests.commissioning.factories import MatrixCommissioning
from tests.coproduction.factories import ActivityFactory, ContributionFactory
from tests.directory.factories import make_service
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tests.frameworks.drafts import build_tiny_framework
from tests.helpers import read_download
from tests.impact.factories import impact_reports
from tests.joining.factories import JoinRequestFactory
from tests.people.factories import person_with_facts
from tests.stories.factories import build_story_world

PUBLIC = "public"
SIGNED_IN = "signed_in"
IN_IT = {"member_a", "admin_a", "admin_b", "coordinator", "reviewer"}
ROLES = ["anonymous", "member_a", "admin_a", "admin_b", "coordinator", "reviewer", "other_coordinator"]

# page name -> (who may open it, how to build its URL arguments from the world)
PAGES = {
    "www:home": (PUBLIC, lambda w: {}),
    "core:accessibility": (PUBLIC, lambda w: {}),
    "accounts:settings": (SIGNED_IN, lambda w: {}),
    "notifications:preferences": (SIGNED_IN, lambda w: {}),
    "www:invitations": ({"coordinator"}, lambda w: w.p),
    "www:invite": ({"coordinator"}, lambda w: w.p | {"kind": "organisation"}),
    "www:organisation_home": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "organisations:profile": ({"admin_a"}, lambda w: w.org_a),
    "organisations:members": ({"admin_a"}, lambda w: w.org_a),
    "frameworks:list": (PUBLIC, lambda w: w.p),
    "frameworks:detail": (
        PUBLIC,
        lambda w: w.p | {"framework_slug": w.version.framework.slug, "version": w.version.version},
    ),
    "frameworks:upload": ({"coordinator"}, lambda w: w.p),
    "frameworks:export_version": (
        PUBLIC,
        lambda w: w.p | {"framework_slug": w.own_version.framework.slug, "version": w.own_version.version},
    ),
    "frameworks:drafts": ({"coordinator"}, lambda w: w.p),
    "frameworks:start_draft": ({"coordinator"}, lambda w: w.p),
    "frameworks:draft": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_detail": ({"coordinator"}, lambda w: w.fd | {"field": "short_name"}),
    "frameworks:draft_add_level": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_level": ({"coordinator"}, lambda w: w.fd | {"number": 1}),
    "frameworks:draft_add_group": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_group": ({"coordinator"}, lambda w: w.fd | {"key": "employers"}),
    "frameworks:draft_add_section": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_section": ({"coordinator"}, lambda w: w.fd | {"key": "our-steps"}),
    "frameworks:draft_change_section": ({"coordinator"}, lambda w: w.fd | {"key": "our-steps"}),
    "frameworks:draft_add_item": ({"coordinator"}, lambda w: w.fd | {"section_key": "our-steps"}),
    "frameworks:draft_item": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors"}),
    "frameworks:draft_change_item": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors"}),
    "frameworks:draft_add_prompt": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors"}),
    "frameworks:draft_prompt": ({"coordinator"}, lambda w: w.fd | {"key": "open-your-doors", "number": 1}),
    "frameworks:draft_remove": ({"coordinator"}, lambda w: w.fd | {"part": "item", "key": "open-your-doors"}),
    "frameworks:draft_delete": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_check_words": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_publish": ({"coordinator"}, lambda w: w.fd),
    "frameworks:draft_export": ({"coordinator"}, lambda w: w.fd),
    "assessments:sign_up": ({"admin_a"}, lambda w: w.org_a),
    "assessments:edit_statement": ({"admin_a"}, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:progress": ({"member_a", "admin_a"}, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:assessment": ({"member_a", "admin_a"}, lambda w: w.org_a | {"assessment_id": w.draft.pk}),
    "assessments:item": (
        {"member_a", "admin_a"},
        lambda w: w.org_a | {"assessment_id": w.draft.pk, "item_id": w.draft_item.pk},
    ),
    "assessments:change_action": (
        {"member_a", "admin_a"},
        lambda w: w.org_a | {"assessment_id": w.draft.pk, "action_id": w.action.pk},
    ),
    "assessments:submit": ({"member_a", "admin_a"}, lambda w: w.org_a | {"assessment_id": w.draft.pk}),
    "assessments:respond": ({"member_a", "admin_a"}, lambda w: w.org_a | {"assessment_id": w.submitted.pk}),
    "assessments:download_evidence": (
        {"member_a", "admin_a", "coordinator", "reviewer"},
        lambda w: w.p | {"file_id": w.evidence.pk},
    ),
    "assessments:my_reviews": ({"reviewer"}, lambda w: w.p),
    "assessments:review": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk}),
    "assessments:verdict": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk, "item_id": w.submitted_item.pk}),
    "assessments:complete_review": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk}),
    "assessments:declare_conflict": ({"reviewer"}, lambda w: w.p | {"review_id": w.review.pk}),
    "assessments:availability": ({"reviewer"}, lambda w: w.p),
    "coproduction:reviewers": ({"coordinator"}, lambda w: w.p),
    "coproduction:reviewer": ({"coordinator"}, lambda w: w.p | {"user_id": w.review.reviewer_id}),
    "coproduction:review_time": ({"coordinator"}, lambda w: w.p | {"review_id": w.review.pk}),
    "assessments:submitted": ({"coordinator", "reviewer"}, lambda w: w.p | {"assessment_id": w.submitted.pk}),
    "assessments:assign": ({"coordinator"}, lambda w: w.p | {"assessment_id": w.submitted.pk}),
    "assessments:overview": ({"coordinator"}, lambda w: w.p),
    "assessments:register": (PUBLIC, lambda w: w.p),
    "assessments:commitment": (PUBLIC, lambda w: w.org_a),
    "coproduction:activities": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "coproduction:record_activity": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "coproduction:activity": ({"member_a", "admin_a"}, lambda w: w.org_a | {"activity_id": w.activity.pk}),
    "coproduction:change_contribution_choices": (
        {"member_a", "admin_a"},
        lambda w: w.org_a | {"activity_id": w.activity.pk, "contribution_id": w.contribution.pk},
    ),
    "coproduction:delete_contribution": (
        {"admin_a"},
        lambda w: w.org_a | {"activity_id": w.activity.pk, "contribution_id": w.contribution.pk},
    ),
    "coproduction:organisation_measures": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "coproduction:export_activities": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "coproduction:organisation_you_said_we_did": (PUBLIC, lambda w: w.org_a),
    "coproduction:you_said_we_did": (PUBLIC, lambda w: w.p),
    "coproduction:partnership_measures": ({"coordinator"}, lambda w: w.p),
    "language:word_lists": ({"coordinator", "reviewer"}, lambda w: w.p),
    "notifications:previews": ({"coordinator"}, lambda w: w.p),
    "notifications:preview": ({"coordinator"}, lambda w: w.p | {"kind": "reviewer_assigned"}),
    "joining:ask": (PUBLIC, lambda w: w.p),
    "joining:asked": (PUBLIC, lambda w: w.p),
    "joining:requests": ({"coordinator"}, lambda w: w.p),
    "joining:request": ({"coordinator"}, lambda w: w.p | {"request_id": w.join_request.pk}),
    "partnerships:details": ({"coordinator"}, lambda w: w.p),
    "partnerships:privacy": (PUBLIC, lambda w: w.p),
    "opendata:index": (PUBLIC, lambda w: w.p),
    "opendata:dictionary": (PUBLIC, lambda w: w.p),
    "opendata:csv": (PUBLIC, lambda w: w.p | {"dataset_slug": "register"}),
    "opendata:json": (PUBLIC, lambda w: w.p | {"dataset_slug": "coproduction-measures"}),
    "opendata:csv_metadata": (PUBLIC, lambda w: w.p | {"dataset_slug": "frameworks"}),
    "organisations:coordinator_list": ({"coordinator"}, lambda w: w.p),
    "organisations:archived": ({"coordinator"}, lambda w: w.p),
    "organisations:archive": ({"coordinator"}, lambda w: w.org_a),
    "assessments:withdraw_sign_up": ({"admin_a"}, lambda w: w.org_a | {"sign_up_id": w.sign_up.pk}),
    "assessments:statements_waiting": ({"coordinator"}, lambda w: w.p),
    "assessments:return_statement": ({"coordinator"}, lambda w: w.p | {"sign_up_id": w.waiting_sign_up.pk}),
    "directory:services": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "directory:add_service": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "directory:import": ({"admin_a"}, lambda w: w.org_a),
    "directory:service": ({"member_a", "admin_a"}, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:change_service": ({"member_a", "admin_a"}, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:add_location": ({"member_a", "admin_a"}, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:add_opening_times": ({"member_a", "admin_a"}, lambda w: w.org_a | {"service_id": w.draft_service.pk}),
    "directory:change_location": ({"member_a", "admin_a"}, lambda w: w.draft_place_kwargs),
    "directory:remove_location": ({"member_a", "admin_a"}, lambda w: w.draft_place_kwargs),
    "directory:change_opening_times": ({"member_a", "admin_a"}, lambda w: w.draft_times_kwargs),
    "directory:remove_opening_times": ({"member_a", "admin_a"}, lambda w: w.draft_times_kwargs),
    "directory:search": (PUBLIC, lambda w: w.p),
    "directory:public_service": (PUBLIC, lambda w: w.p | {"service_id": w.published_service.pk}),
    "stories:list": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "stories:write": ({"member_a", "admin_a"}, lambda w: w.org_a),
    **{
        f"stories:{name}": ({"member_a", "admin_a"}, lambda w: w.org_a | {"story_id": w.story.pk})
        for name in ("story", "change", "add_person", "add_image", "send_for_review", "publish", "take_down")
    },
    "stories:record_consent": (
        {"member_a", "admin_a"},
        lambda w: w.org_a | {"story_id": w.story.pk, "person_id": w.story_person.pk},
    ),
    **{
        f"stories:{name}": (
            {"member_a", "admin_a"},
            lambda w: w.org_a | {"story_id": w.story.pk, "image_id": w.story_image.pk},
        )
        for name in ("describe_image", "remove_image")
    },
    "stories:take_person_out": (
        {"member_a", "admin_a"},
        lambda w: w.org_a | {"story_id": w.story.pk, "person_id": w.story_person.pk},
    ),
    "stories:review_list": ({"reviewer"}, lambda w: w.p),
    "stories:review": ({"reviewer"}, lambda w: w.p | {"story_id": w.waiting_story.pk}),
    "stories:settings": ({"coordinator"}, lambda w: w.p),
    "stories:library": (PUBLIC, lambda w: w.p),
    "stories:public_story": (PUBLIC, lambda w: w.p | {"story_id": w.published_story.pk}),
    "stories:picture": (
        PUBLIC,
        lambda w: w.p | {"story_id": w.published_story.pk, "image_id": w.published_image.pk},
    ),
    "impact:dashboard": (PUBLIC, lambda w: w.p),
    "impact:item": (PUBLIC, lambda w: w.p | {"item_id": w.submitted_item.item_id}),
    "impact:facts": ({"coordinator"}, lambda w: w.p),
    "impact:reports": ({"coordinator", "reviewer"}, lambda w: w.p),
    "impact:report": ({"coordinator", "reviewer"}, lambda w: w.p | {"report_id": w.report.pk}),
    "impact:edit_section": ({"coordinator"}, lambda w: w.p | {"report_id": w.report.pk, "section": "introduction"}),
    "impact:report_pdf": ({"coordinator"}, lambda w: w.p | {"report_id": w.report.pk}),
    "impact:annual_report": (PUBLIC, lambda w: w.p | {"year": w.published_report.year}),
    "impact:benchmark": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "impact:social_mobility": ({"admin_a"}, lambda w: w.org_a),
    "commissioning:rounds": (IN_IT, lambda w: w.p),
    "commissioning:open_round": ({"admin_b"}, lambda w: w.p),
    "commissioning:scoring_framework": (IN_IT, lambda w: w.p | {"slug": "inclusive-grants", "version": "1"}),
    "commissioning:write_scoring_framework": (
        {"admin_b"},
        lambda w: w.p | {"slug": "inclusive-grants", "version": "1"},
    ),
    "commissioning:round": (IN_IT, lambda w: w.c.r),
    "commissioning:panel": ({"admin_b"}, lambda w: w.c.r),
    "commissioning:change_round": ({"admin_b"}, lambda w: w.c.r),
    "commissioning:withdraw_round": ({"admin_b"}, lambda w: w.c.r),
    "commissioning:check": ({"admin_b"}, lambda w: w.c.r),
    "commissioning:apply": ({"admin_a"}, lambda w: w.c.r | {"organisation_slug": w.org_a["organisation_slug"]}),
    "commissioning:application": ({"member_a", "admin_a", "admin_b", "reviewer"}, lambda w: w.c.a),
    "commissioning:score": ({"reviewer"}, lambda w: w.c.a),
    "commissioning:scores": ({"admin_b"}, lambda w: w.c.a),
    "commissioning:letter": ({"member_a", "admin_a", "admin_b"}, lambda w: w.c.d),
    "commissioning:ledger": (PUBLIC, lambda w: w.p),
    "commissioning:ledger_json": (PUBLIC, lambda w: w.p),
    "commissioning:ledger_csv": (PUBLIC, lambda w: w.p),
    "www:host_partnerships": (set(), lambda w: {}),
    "www:host_new_partnership": (set(), lambda w: {}),
    "www:host_invite_coordinator": (set(), lambda w: w.p),
    # A person's own place: everyone has one and sees only their own; what they share, only those it is shared with.
    # Assisted sign-up: anyone in organisation A starts one (member_a helped this one); the claim page is public.
    "invitations:claim": (PUBLIC, lambda w: {}),
    "invitations:assisted_list": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "invitations:assisted_new": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "invitations:assisted_detail": ({"member_a", "admin_a"}, lambda w: w.org_a | {"invitation_id": w.assisted.pk}),
    "invitations:assisted_cancel": ({"member_a", "admin_a"}, lambda w: w.org_a | {"invitation_id": w.assisted.pk}),
    "invitations:assisted_new_code": ({"member_a", "admin_a"}, lambda w: w.org_a | {"invitation_id": w.assisted.pk}),
    "people:hub": (SIGNED_IN, lambda w: {}),
    "people:facts": (SIGNED_IN, lambda w: {}),
    "people:edit_fact": (SIGNED_IN, lambda w: {"section": "access"}),
    "people:remove_facts": (SIGNED_IN, lambda w: {}),
    "people:shares": (SIGNED_IN, lambda w: {}),
    "people:new_share": (SIGNED_IN, lambda w: {}),
    "people:stop_share": ({"person"}, lambda w: {"share_id": w.share.pk}),
    "people:looked": (SIGNED_IN, lambda w: {}),
    "people:one_page": (SIGNED_IN, lambda w: {}),
    "people:shared_with_organisation": ({"member_a", "admin_a"}, lambda w: w.org_a),
    "people:shared_person": ({"member_a", "admin_a"}, lambda w: w.org_a | {"share_id": w.share.pk}),
    "people:shared_with_reviewer": ({"reviewer"}, lambda w: w.p),
    "people:shared_with_reviewer_person": ({"reviewer"}, lambda w: w.p | {"share_id": w.reviewer_share.pk}),
    # A person's own space: member_a's goals, steps and answers are theirs alone; everyone else gets 404.
    "steps:home": (SIGNED_IN, lambda w: {}),
    "steps:add_goal": (SIGNED_IN, lambda w: {}),
    "steps:change_goal": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}),
    "steps:remove_goal": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}),
    "steps:add_step": ({"member_a"}, lambda w: {"goal_id": w.goal.pk}),
    "steps:change_step": ({"member_a"}, lambda w: {"step_id": w.step.pk}),
    "steps:remove_step": ({"member_a"}, lambda w: {"step_id": w.step.pk}),
    "steps:take_break": (SIGNED_IN, lambda w: {}),
    "steps:supporters": (SIGNED_IN, lambda w: {}),
    "steps:suggestion": ({"member_a"}, lambda w: {"suggestion_id": w.suggestion.pk}),
    "steps:supporting": (SIGNED_IN, lambda w: {}),
    "steps:suggest": ({"admin_b"}, lambda w: {"supporter_id": w.supporter.pk}),
    "wellbeing:home": (SIGNED_IN, lambda w: {}),
    "wellbeing:answer": (SIGNED_IN, lambda w: {}),
    "wellbeing:delete_answer": ({"member_a"}, lambda w: {"answer_id": w.answer.pk}),
    "wellbeing:delete_all": (SIGNED_IN, lambda w: {}),
    "wellbeing:partnership": ({"coordinator"}, lambda w: w.p),
}


class World:
    """One partnership with two organisations, a coordinator and a reviewer, and a second partnership."""

    def __init__(self):
        partnership = PartnershipFactory()
        self.partnership = partnership
        self.p = {"partnership_slug": partnership.slug}
        admin_a = OrganisationMemberFactory(organisation__partnership=partnership)
        organisation_a = admin_a.organisation
        self.org_a = self.p | {"organisation_slug": organisation_a.slug}
        member_a = OrganisationMemberFactory(organisation=organisation_a, member=True)
        admin_b = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership))
        # Organisation B's statement waits for a coordinator's approval; a third organisation is archived.
        self.waiting_sign_up = services.sign_up(
            admin_b.organisation,
            FrameworkVersionFactory(items=1),
            lead_name="B",
            lead_role="",
            statement="B's.",
            by=admin_b.user,
        )
        SignUp.objects.filter(pk=self.waiting_sign_up.pk).update(approved_at=None, approved_statement="")
        self.archived = OrganisationFactory(partnership=partnership, archived_at=timezone.now())
        coordinator = PartnershipMemberFactory(partnership=partnership)
        reviewer = make_reviewer(partnership)
        other_coordinator = PartnershipMemberFactory()
        self.users = {
            "member_a": member_a.user,
            "admin_a": admin_a.user,
            "admin_b": admin_b.user,
            "coordinator": coordinator.user,
            "reviewer": reviewer,
            "other_coordinator": other_coordinator.user,
        }
        self.version = FrameworkVersionFactory(items=2)
        self.own_version = FrameworkVersionFactory(framework__partnership=partnership, items=1)
        self.framework_draft = build_tiny_framework(partnership, coordinator.user)
        self.fd = self.p | {"draft_id": self.framework_draft.pk}
        self.sign_up = services.sign_up(
            organisation_a, self.version, lead_name="Lead", lead_role="", statement="Our statement.", by=admin_a.user
        )
        self.submitted = services.start_assessment(self.sign_up, by=admin_a.user)
        rate_every_item(self.submitted, by=admin_a.user)
        self.submitted_item = self.submitted.items.with_framework().first()
        self.evidence = services.add_evidence_file(
            self.submitted_item, SimpleUploadedFile("plan.txt", b"our plan"), content_type="text/plain", by=admin_a.user
        )
        services.submit_assessment(self.submitted, by=admin_a.user)
        self.review = services.assign_reviewer(self.submitted, reviewer, by=coordinator.user)
        services.declare_conflict(self.review, has_conflict=False, by=reviewer)
        self.draft = services.start_assessment(self.sign_up, by=admin_a.user)
        self.draft_item = self.draft.items.with_framework().first()
        self.action = services.add_action(self.draft_item, what="Private plan", who="Lead", due=None, by=admin_a.user)
        self.activity = ActivityFactory(organisation=organisation_a)
        self.contribution = ContributionFactory(activity=self.activity)
        self.join_request = JoinRequestFactory(partnership=partnership)
        # A person who shares one section of Facts About Me with organisation A, and keeps another private.
        self.person = person_with_facts(known_as="Call me Sam.", access="I need breaks.")
        self.share = people_services.share_sections(
            self.person, organisation_a, ["people.known_as"], days=30, by=self.person
        )
        # Not one of ROLES (the matrix never signs in as them): only the hostile input test opens their pages.
        self.users["person"] = self.person
        self.assisted = assisted.start_assisted_sign_up(organisation_a, name="Robin Hale", by=member_a.user)
        # The person also shares one section with the partnership's reviewer, and nobody else.
        self.reviewer_share = people_services.share_with_reviewer(
            self.person,
            reviewer.partnership_roles.get(partnership=partnership),
            ["people.known_as"],
            days=30,
            by=self.person,
        )
        self.draft_service = make_service(
            organisation_a, name="A's draft", published=False, place={}, times=["MO"], by=admin_a.user
        )
        draft = self.org_a | {"service_id": self.draft_service.pk}
        self.draft_place_kwargs = draft | {"location_id": self.draft_service.places.get().location_id}
        self.draft_times_kwargs = draft | {"schedule_id": self.draft_service.schedules.get().pk}
        self.published_service = make_service(organisation_a, name="A's club", by=admin_a.user)
        stories = build_story_world(organisation_a, admin_a.user)
        self.story, self.story_person, self.story_image, self.waiting_story, self.published_story = stories[:5]
        self.published_image = stories[5]
        self.report, self.published_report = impact_reports(partnership, coordinator.user)
        self.c = MatrixCommissioning(self)
        # member_a's own small steps and wellbeing answers; organisation B may suggest steps to them.
        person = member_a.user
        self.goal = step_services.add_goal(person, "Feel calmer on the phone", by=person)
        self.step = step_services.add_step(self.goal, "Ring a friend for five minutes", by=person)
        self.supporter = step_services.allow_supporter(person, admin_b.organisation, by=person)
        self.suggestion = step_services.suggest_step(self.supporter, "Look at one advert", by=admin_b.user)
        scores = {"life_satisfaction": 6, "worthwhile": 7, "happy": 5, "anxious": 4}
        self.answer = wellbeing_services.record_answers(person, scores, by=person)


@pytest.fixture
def world(db):
    return World()


def allowed(who, role):
    if who == PUBLIC:
        return True
    if who == SIGNED_IN:
        return role != "anonymous"
    return role in who


@pytest.mark.parametrize("name", list(PAGES))
def test_role_page_matrix(world, name):
    who, build = PAGES[name]
    url = reverse(name, kwargs=build(world))
    problems = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            read_download(response)
        if allowed(who, role):
            if response.status_code != 200:
                problems.append(f"{role} should open it but got {response.status_code}")
        elif role == "anonymous":
            if response.status_code != 302 or reverse("account_login") not in response["Location"]:
                problems.append(f"a signed-out visitor should be sent to sign in, got {response.status_code}")
        elif response.status_code not in (403, 404):
            problems.append(f"{role} must not open it, got {response.status_code}")
    assert not problems, f"{name}: " + "; ".join(problems)


def partnership_page_names():
    """Every named URL under /p/<partnership>/, as "namespace:name"."""
    from django.urls import get_resolver

    names = set()

    def walk(resolver, namespace=None, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, pattern.namespace or namespace, prefix + str(pattern.pattern))
            elif pattern.name and (prefix + str(pattern.pattern)).startswith("p/"):
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver())
    return names


def test_the_matrix_covers_every_page_that_shows_partnership_data():
    """A new page under /p/ must be added to the matrix, so nobody forgets to decide who sees it."""
    names = partnership_page_names()
    # Pages that only act on a POST, or only act on one row, are tested in their own app's tests.
    post_only_or_row_actions = {
        "invitations:withdraw",
        "invitations:resend",
        "organisations:member_role",
        "organisations:member_remove",
        "organisations:withdraw_invitation",
        "organisations:resend_invitation",
        "assessments:start",
        "assessments:add_action",
        "assessments:remove_file",
        "coproduction:edit_activity",
        "coproduction:create_link",
        "coproduction:switch_off_link",
        "coproduction:add_contribution",
        "coproduction:record_response",
        "coproduction:record_feedback",
        "coproduction:export_contributions",
        "coproduction:export_responses",
        "language:check",
        "language:api",
        "language:dismiss",
        "language:restore",
        "language:add_entry",
        "language:history",
        "language:dismissals",
        "language:change_entry",
        "language:switch_entry",
        "joining:accept",
        "joining:decline",
        "frameworks:draft_move",
        "frameworks:start_draft_from_version",
        "organisations:restore",
        "assessments:approve_statement",
        "directory:publish",
        "directory:unpublish",
        "directory:confirm",
        "impact:delete_fact",
        "impact:build_pdf",
        "impact:publish",
        "commissioning:add_lot",
        "commissioning:declare",
        "commissioning:moderate",
        "commissioning:decide",
        "commissioning:ask",
        "commissioning:answer",
    }
    missing = names - set(PAGES) - post_only_or_row_actions
    assert not missing, f"Add these pages to the role matrix: {sorted(missing)}"
