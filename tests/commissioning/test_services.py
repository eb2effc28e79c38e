"""Rounds, applications, panels and decisions, through the services people use."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from included.access.rules import COMMISSIONING_SECTORS, can_see_scores
from included.commissioning import services
from included.commissioning.enums import ApplicationStatus, PanelRole
from included.commissioning.models import Application, Declaration, PanelMember, Question, Round, Score
from included.organisations.enums import Sector
from tests.commissioning.factories import Commissioning, apply, make_applicant, open_small_grants_round, scores_of
from tests.factories import OrganisationMemberFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return Commissioning()


def test_the_kinds_that_may_open_rounds_are_real_sectors():
    assert set(Sector.values) >= COMMISSIONING_SECTORS


@pytest.mark.parametrize("sector", [Sector.EMPLOYER, Sector.VCSE, Sector.COMMUNITY_GROUP, Sector.EDUCATION])
def test_only_funders_commissioners_and_councils_open_rounds(sector):
    admin = OrganisationMemberFactory(organisation__sector=sector)
    with pytest.raises(PermissionDenied):
        open_small_grants_round(admin.organisation, admin.user)
    assert not Round.objects.exists()


def test_an_employers_admin_cannot_open_a_round_directly():
    admin = OrganisationMemberFactory(organisation__sector=Sector.EMPLOYER)
    with pytest.raises(PermissionDenied):
        services.open_round(admin.organisation, by=admin.user, title="Not allowed")
    assert not Round.objects.exists()


def test_a_councils_admin_opens_a_round_but_its_plain_members_do_not():
    council = OrganisationMemberFactory(organisation__sector=Sector.PUBLIC_BODY)
    member = OrganisationMemberFactory(organisation=council.organisation, member=True)
    with pytest.raises(PermissionDenied):
        open_small_grants_round(council.organisation, member.user)
    assert open_small_grants_round(council.organisation, council.user).organisation == council.organisation


def test_a_small_grant_keeps_no_turnover_or_policies_even_if_sent(world):
    group, admin = make_applicant(world.partnership)
    application = apply(
        world.round, group, admin, amount=Decimal("2000"), annual_turnover=Decimal("90000"), policies="Our policy."
    )
    assert application.short_form
    assert application.annual_turnover is None
    assert application.policies == ""


def test_a_larger_grant_uses_the_full_form(world):
    group, admin = make_applicant(world.partnership)
    application = apply(
        world.round, group, admin, amount=Decimal("4000"), annual_turnover=Decimal("90000"), policies="Our policy."
    )
    assert not application.short_form
    assert application.annual_turnover == Decimal("90000")


def test_evidence_is_a_dated_snapshot_only_with_consent(world):
    assert world.application_a.evidence["taken_on"]
    assert world.application_a.evidence_taken_at is not None
    assert "loop_closure" in world.application_a.evidence
    group, admin = make_applicant(world.partnership)
    without = apply(world.round, group, admin, consent=False)
    assert without.evidence == {}
    assert without.evidence_taken_at is None


def test_only_an_applicants_admin_applies_and_only_once(world):
    group, admin = make_applicant(world.partnership)
    member = OrganisationMemberFactory(organisation=group, member=True).user
    with pytest.raises(PermissionDenied):
        apply(world.round, group, member)
    with pytest.raises(PermissionDenied):
        apply(world.round, group, world.admin_a)
    with pytest.raises(PermissionDenied):
        apply(world.round, world.funder, world.funder_admin)
    with pytest.raises(services.CommissioningError):
        apply(world.round, world.group_a, world.admin_a)


def test_a_closed_round_takes_no_applications(world):
    Round.objects.filter(pk=world.round.pk).update(closes_on=world.round.opens_on)
    world.round.refresh_from_db()
    group, admin = make_applicant(world.partnership)
    with pytest.raises(services.CommissioningError):
        apply(world.round, group, admin)


def test_panel_members_are_officers_of_the_funder_or_lived_experience_reviewers(world):
    outsider = UserFactory()
    with pytest.raises(services.CommissioningError):
        services.add_panel_member(world.round, outsider, PanelRole.LIVED_EXPERIENCE, by=world.funder_admin)
    with pytest.raises(services.CommissioningError):
        services.add_panel_member(world.round, world.admin_a, PanelRole.OFFICER, by=world.funder_admin)
    with pytest.raises(PermissionDenied):
        services.add_panel_member(world.round, world.funder_admin, PanelRole.OFFICER, by=world.admin_a)
    assert world.reviewer_place.paid == Decimal("40.35")


def test_a_panel_member_declares_interests_before_scoring(world):
    with pytest.raises(PermissionDenied):
        services.submit_score(world.application_a, by=world.reviewer, scores=scores_of(world.round, 3))
    assert not Score.objects.exists()


def test_a_conflicted_panel_member_cannot_score(world):
    services.declare_interest(world.application_a, by=world.officer, has_conflict=True, details="I volunteer there.")
    with pytest.raises(PermissionDenied):
        services.submit_score(world.application_a, by=world.officer, scores=scores_of(world.round, 3))
    with pytest.raises(services.CommissioningError):
        services.declare_interest(world.application_a, by=world.officer, has_conflict=False)


def test_people_off_the_panel_cannot_declare_or_score(world):
    for person in (world.admin_a, world.admin_b, world.funder_admin):
        with pytest.raises(PermissionDenied):
            services.declare_interest(world.application_a, by=person, has_conflict=False)
    assert not Declaration.objects.exists()


def test_a_panel_member_scores_once(world):
    world.score(world.application_a, world.reviewer)
    with pytest.raises(PermissionDenied):
        services.submit_score(world.application_a, by=world.reviewer, scores=scores_of(world.round, 1))


def test_scores_must_cover_every_criterion_on_the_scale(world):
    services.declare_interest(world.application_a, by=world.reviewer, has_conflict=False)
    with pytest.raises(services.CommissioningError):
        services.submit_score(world.application_a, by=world.reviewer, scores={"people-and-place": 3})
    with pytest.raises(services.CommissioningError):
        services.submit_score(world.application_a, by=world.reviewer, scores=scores_of(world.round, 9))


def test_nobody_on_the_panel_sees_a_score_before_sending_their_own(world):
    world.score(world.application_a, world.officer)
    assert not can_see_scores(world.reviewer, world.application_a)
    assert can_see_scores(world.officer, world.application_a)
    for applicant in (world.admin_a, world.admin_b):
        assert not can_see_scores(applicant, world.application_a)
    world.score(world.application_a, world.reviewer)
    assert can_see_scores(world.reviewer, world.application_a)
    assert can_see_scores(world.funder_admin, world.application_a)


def test_the_weighted_total_is_out_of_100(world):
    assert world.score(world.application_a, world.officer, 4).total == Decimal("100.0")
    assert world.score(world.application_a, world.reviewer, 2).total == Decimal("50.0")


def test_moderation_waits_for_every_panel_member_without_a_conflict(world):
    world.score(world.application_a, world.officer)
    with pytest.raises(services.CommissioningError):
        services.moderate(world.application_a, by=world.funder_admin, scores=scores_of(world.round, 3), reasons="x")
    services.declare_interest(world.application_a, by=world.reviewer, has_conflict=True)
    services.moderate(world.application_a, by=world.funder_admin, scores=scores_of(world.round, 3), reasons="Agreed.")
    assert Application.objects.get(pk=world.application_a.pk).agreed_score == Decimal("75.0")


def test_only_whoever_runs_the_round_moderates_and_decides(world):
    world.score(world.application_a, world.officer)
    world.score(world.application_a, world.reviewer)
    for person in (world.officer, world.reviewer, world.admin_a):
        with pytest.raises(PermissionDenied):
            services.moderate(world.application_a, by=person, scores=scores_of(world.round, 3), reasons="x")
        with pytest.raises(PermissionDenied):
            services.decide(world.application_a, by=person, award=False, reasons="x", feedback="y")
    with pytest.raises(services.CommissioningError):
        services.decide(world.application_a, by=world.funder_admin, award=False, reasons="x", feedback="y")


def test_an_award_is_decided_once(world):
    application = world.award(world.application_a)
    assert application.status == ApplicationStatus.AWARDED
    assert application.amount_awarded == Decimal("1500")
    with pytest.raises(services.CommissioningError):
        services.decide(application, by=world.funder_admin, award=False, reasons="x", feedback="y")


def test_questions_come_from_the_applicant_and_answers_from_the_funder(world):
    with pytest.raises(PermissionDenied):
        services.ask_question(world.application_a, by=world.admin_b, kind="question", text="Why?")
    question = services.ask_question(world.application_a, by=world.admin_a, kind="appeal", text="Please look again.")
    with pytest.raises(PermissionDenied):
        services.answer_question(question, by=world.admin_a, answer="Yes")
    services.answer_question(question, by=world.funder_admin, answer="We looked again and the decision stands.")
    assert Question.objects.get().answered_at is not None
    with pytest.raises(services.CommissioningError):
        services.answer_question(question, by=world.funder_admin, answer="Again")


def test_only_whoever_runs_the_round_adds_lots():
    world = Commissioning(PartnershipFactory())
    with pytest.raises(PermissionDenied):
        services.add_lot(world.round, by=world.admin_a, title="Lot 1", description="", amount=Decimal("100"))
    lot = services.add_lot(world.round, by=world.funder_admin, title="Lot 1", description="", amount=Decimal("100"))
    assert lot.round == world.round
    assert PanelMember.objects.filter(round=world.round).count() == 2


def test_awards_never_spend_more_than_the_round_holds(world):
    world.award(world.application_a, Decimal("1500"))
    world.score(world.application_b, world.officer)
    world.score(world.application_b, world.reviewer)
    services.moderate(world.application_b, by=world.funder_admin, scores=scores_of(world.round, 3), reasons="Good.")
    type(world.round).objects.filter(pk=world.round.pk).update(total_amount=Decimal("2000"))
    world.round.refresh_from_db()
    with pytest.raises(services.CommissioningError, match="£500.00 left"):
        services.decide(
            world.application_b,
            by=world.funder_admin,
            award=True,
            amount_awarded=Decimal("600"),
            reasons="x",
            feedback="y",
        )
    services.decide(
        world.application_b, by=world.funder_admin, award=True, amount_awarded=Decimal("500"), reasons="x", feedback="y"
    )
