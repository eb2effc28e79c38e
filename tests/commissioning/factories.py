"""A funder's round with a panel, and applicants: built through the same services people use."""

import datetime
from decimal import Decimal

from django.utils import timezone

from included.commissioning import services
from included.commissioning.enums import PanelRole
from included.commissioning.loader import shipped_scoring_frameworks
from included.coproduction.enums import Recognition
from included.organisations.enums import Sector, Size
from tests.assessments.factories import make_reviewer
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory


def scores_of(round, value):
    """The same score for every criterion of the round's scoring framework."""
    return {criterion.key: value for criterion in round.scoring_framework.scheme.criteria}


def make_funder(partnership, **fields):
    admin = OrganisationMemberFactory(
        organisation__partnership=partnership, organisation__sector=Sector.FUNDER, **fields
    )
    return admin.organisation, admin.user


def open_small_grants_round(funder, by, **overrides):
    today = timezone.localdate()
    details = {
        "kind": "grants",
        "title": "Small grants for peer support",
        "purpose": "Peer support groups run by people with lived experience of barriers to work.",
        "eligibility": "Community groups and VCSEs that are members of the partnership.",
        "eligible_sectors": [],
        "total_amount": Decimal("20000"),
        "largest_award": Decimal("5000"),
        "small_grant_limit": Decimal("2000"),
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=30),
        "scoring_framework": shipped_scoring_frameworks()[0],
    } | overrides
    return services.open_round(funder, by=by, **details)


def make_applicant(partnership, **organisation_fields):
    fields = {"sector": Sector.COMMUNITY_GROUP, "size": Size.MICRO, "local_area": "Northbank"} | organisation_fields
    admin = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership, **fields))
    return admin.organisation, admin.user


def apply(round, organisation, by, *, amount=Decimal("1500"), consent=True, **overrides):
    details = {
        "title": "Monday peer support café",
        "summary": "Room hire, food and travel for a weekly peer support café.",
        "amount_requested": amount,
        "answers": {criterion.key: "Our answer." for criterion in round.scoring_framework.scheme.criteria},
        "evidence_consent": consent,
    } | overrides
    return services.apply(round, organisation, by=by, **details)


class Commissioning:
    """One partnership: a funder running a small-grants round, an officer and a lived-experience reviewer on its
    panel, and two community groups that applied."""

    def __init__(self, partnership=None):
        self.partnership = partnership or PartnershipFactory()
        self.funder, self.funder_admin = make_funder(self.partnership)
        self.officer = OrganisationMemberFactory(organisation=self.funder, member=True).user
        self.reviewer = make_reviewer(self.partnership)
        self.round = open_small_grants_round(self.funder, self.funder_admin)
        self.officer_place = services.add_panel_member(
            self.round, self.officer, PanelRole.OFFICER, by=self.funder_admin
        )
        self.reviewer_place = services.add_panel_member(
            self.round,
            self.reviewer,
            PanelRole.LIVED_EXPERIENCE,
            by=self.funder_admin,
            recognition=Recognition.PAID_HOURLY,
            hours_given=Decimal("3"),
            hourly_rate=Decimal("13.45"),
        )
        self.group_a, self.admin_a = make_applicant(self.partnership, name="Northbank Peer Café")
        self.group_b, self.admin_b = make_applicant(self.partnership, name="Southside Walkers")
        self.application_a = apply(self.round, self.group_a, self.admin_a)
        self.application_b = apply(self.round, self.group_b, self.admin_b, title="Walking group")

    def score(self, application, person, value=3):
        services.declare_interest(application, by=person, has_conflict=False)
        return services.submit_score(application, by=person, scores=scores_of(self.round, value))

    def award(self, application, amount=Decimal("1500")):
        self.score(application, self.officer, 3)
        self.score(application, self.reviewer, 4)
        services.moderate(
            application, by=self.funder_admin, scores=scores_of(self.round, 3), reasons="A clear local need."
        )
        return services.decide(
            application,
            by=self.funder_admin,
            award=True,
            amount_awarded=amount,
            reasons="It meets a clear local need and is led by people with lived experience.",
            feedback="A strong plan. Say more about how you will learn from it.",
        )


class MatrixCommissioning:
    """Commissioning in the role matrices' world: admin_b also runs a funder with a round; organisation A applied to
    it; the reviewer sits on its panel, has said they have no conflict and has not scored yet; an officer has
    scored. A second round holds organisation A's decided application, with a question waiting for an answer."""

    def __init__(self, world):
        partnership = world.partnership
        users = world.users
        funder = OrganisationFactory(partnership=partnership, sector=Sector.FUNDER)
        OrganisationMemberFactory(organisation=funder, user=users["admin_b"])
        officer = OrganisationMemberFactory(organisation=funder, member=True).user
        organisation_a = world.draft.organisation
        self.round = open_small_grants_round(funder, users["admin_b"])
        services.add_panel_member(self.round, officer, PanelRole.OFFICER, by=users["admin_b"])
        services.add_panel_member(self.round, users["reviewer"], PanelRole.LIVED_EXPERIENCE, by=users["admin_b"])
        self.application = apply(self.round, organisation_a, users["admin_a"])
        services.declare_interest(self.application, by=officer, has_conflict=False)
        services.submit_score(self.application, by=officer, scores=scores_of(self.round, 3))
        services.declare_interest(self.application, by=users["reviewer"], has_conflict=False)

        self.decided_round = open_small_grants_round(funder, users["admin_b"], title="Last year's small grants")
        services.add_panel_member(self.decided_round, officer, PanelRole.OFFICER, by=users["admin_b"])
        self.decided = apply(self.decided_round, organisation_a, users["admin_a"])
        services.declare_interest(self.decided, by=officer, has_conflict=False)
        services.submit_score(self.decided, by=officer, scores=scores_of(self.decided_round, 3))
        services.moderate(self.decided, by=users["admin_b"], scores=scores_of(self.decided_round, 3), reasons="Agreed.")
        services.decide(
            self.decided,
            by=users["admin_b"],
            award=True,
            amount_awarded=Decimal("1000"),
            reasons="Good.",
            feedback="Well done.",
        )
        self.question = services.ask_question(
            self.decided, by=users["admin_a"], kind="question", text="When is it paid?"
        )

        self.r = world.p | {"round_id": self.round.pk}
        self.a = self.r | {"application_id": self.application.pk}
        self.d = world.p | {"round_id": self.decided_round.pk, "application_id": self.decided.pk}
