"""The demo's YAML files are valid and complete: everything they name is defined, and every choice is one Included
offers. These read the files only, so a slip shows here, with its name, before anyone loads the demo."""

import yaml

from included.access.enums import MemberRole, PartnershipRole
from included.assessments.enums import ActionStatus, Involvement, Verdict
from included.coproduction.enums import AccessSupport, Decision, FeedbackMethod, LadderRung, Method, Recognition, Stage
from included.demo.content import read
from included.frameworks.loader import SHIPPED_DIR
from included.organisations.enums import Sector, Size

RIVERSIDE = read("riverside")
SELF_ASSESSMENTS = read("self_assessments")["self_assessments"]
COPRODUCTION = read("coproduction")
ORGANISATIONS = {spec["key"]: spec for spec in RIVERSIDE["organisations"]}
PARTNERSHIP_PEOPLE = {person["name"]: person for person in RIVERSIDE["partnership_people"]}


def everyone():
    """(name, email, where) for every person, as often as they appear."""
    for person in RIVERSIDE["partnership_people"]:
        yield person["name"], person["email"], "the partnership"
    for spec in RIVERSIDE["organisations"]:
        for person in spec["people"]:
            yield person["name"], person["email"], spec["key"]


def framework(slug):
    """The shipped framework file: its assessed item keys and its rating levels."""
    definition = yaml.safe_load((SHIPPED_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
    items = {
        item["key"] for section in definition["sections"] if section.get("assessed", True) for item in section["items"]
    }
    return items, {level["level"] for level in definition["scale"]}


def cycles():
    """(organisation key, framework slug, cycle number, cycle) for every cycle."""
    for history in SELF_ASSESSMENTS:
        for number, cycle in enumerate(history["cycles"], start=1):
            yield history["organisation"], history["framework"], number, cycle


def test_every_person_has_one_made_up_email_address_of_their_own():
    names_by_email, emails_by_name = {}, {}
    for name, email, _ in everyone():
        assert email.endswith(".example"), (name, email)
        assert names_by_email.setdefault(email, name) == name, f"{email} is used for two people"
        assert emails_by_name.setdefault(name, email) == email, f"{name} has two email addresses"
    for spec in RIVERSIDE["organisations"]:
        emails = [person["email"] for person in spec["people"]]
        assert len(emails) == len(set(emails)), spec["key"]
    reviewers = {p["email"] for p in RIVERSIDE["partnership_people"] if p["role"] == PartnershipRole.REVIEWER}
    assert not reviewers & {email for _, email, where in everyone() if where != "the partnership"}


def test_every_choice_in_the_partnership_file_is_one_included_offers():
    for person in RIVERSIDE["partnership_people"]:
        assert person["role"] in PartnershipRole.values, person
    for spec in RIVERSIDE["organisations"]:
        assert spec["sector"] in Sector.values, spec["key"]
        assert spec["size"] in Size.values, spec["key"]
        assert isinstance(spec["lived_experience_led"], bool), spec["key"]
        for field in ("name", "registration_number", "website", "local_area"):
            assert isinstance(spec[field], str), (spec["key"], field)
        roles = [person["role"] for person in spec["people"]]
        assert set(roles) <= set(MemberRole.values), spec["key"]
        assert {MemberRole.ADMIN, MemberRole.MEMBER} <= set(roles), f"{spec['key']} needs an admin and a member"


def test_every_organisation_the_files_name_is_defined_once():
    assert len(ORGANISATIONS) == len(RIVERSIDE["organisations"]), "two organisations share a key"
    named = [spec["organisation"] for spec in RIVERSIDE["sign_ups"]]
    named += [history["organisation"] for history in SELF_ASSESSMENTS]
    named += [plan["organisation"] for plan in COPRODUCTION["organisations"]]
    assert set(named) <= set(ORGANISATIONS), set(named) - set(ORGANISATIONS)


def test_sign_ups_are_to_shipped_frameworks_once_each_with_a_lead_role_and_a_statement():
    pairs = [(spec["organisation"], spec["framework"]) for spec in RIVERSIDE["sign_ups"]]
    assert len(pairs) == len(set(pairs))
    for spec in RIVERSIDE["sign_ups"]:
        assert (SHIPPED_DIR / f"{spec['framework']}.yaml").exists(), spec
        assert spec["lead_role"] and spec["statement"], spec
        assert isinstance(spec["days_ago"], int), spec


def test_each_sign_in_is_a_person_in_the_demo():
    emails = {email for _, email, _ in everyone()}
    for sign_in in RIVERSIDE["sign_ins"]:
        assert sign_in["email"] in emails, sign_in
        assert sign_in["role"] and sign_in["try"], sign_in


def test_cycles_belong_to_a_sign_up_and_answer_items_of_its_framework_on_its_scale():
    signed_up = {(spec["organisation"], spec["framework"]) for spec in RIVERSIDE["sign_ups"]}
    for key, slug, number, cycle in cycles():
        where = f"{key} cycle {number}"
        assert (key, slug) in signed_up, where
        items, levels = framework(slug)
        assert set(cycle["answers"]) <= items, (where, set(cycle["answers"]) - items)
        if number == 1 and "submitted_days_ago" in cycle:
            assert set(cycle["answers"]) == items, f"{where} is submitted, so it answers every item"
        for item, answer in cycle["answers"].items():
            assert {answer["rating"], answer["target"]} <= levels, (where, item)
            assert answer["evidence"], (where, item)
            assert answer.get("involvement", Involvement.YES) in Involvement.values, (where, item)
            assert all(link.startswith("https://") for link in answer.get("links", [])), (where, item)


def test_cycles_happen_one_after_another_and_only_a_submitted_cycle_is_reviewed():
    for history in SELF_ASSESSMENTS:
        last_ended = None  # days ago the cycle before was last worked on
        for number, cycle in enumerate(history["cycles"], start=1):
            where = f"{history['organisation']} cycle {number}"
            started = cycle["started_days_ago"]
            assert last_ended is None or started < last_ended, f"{where} starts before the last one ended"
            if "submitted_days_ago" not in cycle:
                assert "review" not in cycle, f"{where} is in progress, so nobody reviews it yet"
                assert cycle is history["cycles"][-1], f"{where} is in progress, so it is the newest"
                assert started > cycle["updated_days_ago"] >= 0, where
                continue
            assert started > cycle["submitted_days_ago"] >= 0, where
            last_ended = cycle["submitted_days_ago"]
            review = cycle.get("review")
            if review:
                finished = review.get("completed_days_ago", review.get("updated_days_ago"))
                assert cycle["submitted_days_ago"] > review["assigned_days_ago"] > finished >= 0, where
                last_ended = finished


def test_actions_have_an_owner_in_their_organisation_and_statuses_included_offers():
    for key, slug, number, cycle in cycles():
        items, _ = framework(slug)
        people = {person["name"] for person in ORGANISATIONS[key]["people"]}
        for action in cycle.get("actions", []):
            where = f"{key} cycle {number}: {action['what']}"
            assert action["item"] in items, where
            assert action["who"] in people, where
            assert action["due_in_days"] > 0, where
            assert set(action.get("progress", [])) <= set(ActionStatus.values), where


def test_reviews_are_by_a_reviewer_assigned_by_a_coordinator_about_items_of_the_framework():
    for key, slug, number, cycle in cycles():
        review = cycle.get("review")
        if not review:
            continue
        where = f"{key} cycle {number}"
        items, _ = framework(slug)
        assert PARTNERSHIP_PEOPLE[review["reviewer"]]["role"] == PartnershipRole.REVIEWER, where
        assert PARTNERSHIP_PEOPLE[review["assigned_by"]]["role"] == PartnershipRole.COORDINATOR, where
        finished = "completed_days_ago" in review
        assert finished == bool(review.get("summary")), f"{where}: a finished review has a summary, and only then"
        assert set(review["verdicts"]) <= items, where
        for item, verdict in review["verdicts"].items():
            assert verdict["verdict"] in Verdict.values, (where, item)
            if verdict["verdict"] == Verdict.CHALLENGE:
                assert verdict.get("comment"), f"{where}: a challenge to {item} says why"
            assert finished or "response" not in verdict, f"{where}: nobody responds to a review under way"


def test_activities_use_choices_included_offers_and_amounts_written_exactly():
    for plan in COPRODUCTION["organisations"]:
        for spec in plan["activities"]:
            where = f"{plan['organisation']}: {spec['title']}"
            assert ("held_last_year_on" in spec) != ("held_days_ago" in spec), where
            assert spec["stage"] in Stage.values, where
            assert spec["method"] in Method.values, where
            assert spec["ladder_rung"] in LadderRung.values, where
            assert spec["recognition"] in Recognition.values, where
            assert set(spec["access_support"]) <= set(AccessSupport.values), where
            assert ("hourly_rate" in spec) == (spec["recognition"] == Recognition.PAID_HOURLY), where
            assert ("voucher_value" in spec) == (spec["recognition"] == Recognition.VOUCHERS), where
            for amount in ("hours_given", "other_costs", "staff_hours", "hourly_rate", "voucher_value"):
                if amount in spec:
                    assert isinstance(spec[amount], str), f"{where}: put {amount} in quotes"
    assert set(COPRODUCTION["evidence_items"]) <= framework("emif")[0]


def test_what_people_said_has_a_response_that_fits_its_decision():
    for said in COPRODUCTION["said"]:
        where = said["text"]
        assert isinstance(said["consent_to_publish"], bool), where
        if "told_by" in said:
            assert said["told_by"] in FeedbackMethod.values, where
            assert "decision" in said, f"{where}: nobody is told about a response not given yet"
        if "decision" not in said:
            continue
        assert said["decision"] in Decision.values, where
        assert said["respond_after_days"] > 0, where
        if said["decision"] == Decision.NOT_ADOPTED:
            wanted, unwanted = "reason", "what_changed"
        else:
            wanted, unwanted = "what_changed", "reason"
        assert said.get(wanted) and unwanted not in said, f"{where}: say {wanted}, and only that"
    assert COPRODUCTION["second_response"]["decision"] in Decision.values
    assert any(said.get("decision") == Decision.IN_PROGRESS for said in COPRODUCTION["said"])
