"""Every co-production service asks `included.access` first, whoever calls it: a view, the admin, the demo or a command.

One test per service: someone without the right gets a clear PermissionDenied, and nothing changed. The rules are
the ones the pages already follow: members of the organisation record its co-production, only its admins delete what
someone said, only staff who coordinate a partnership change the Real Living Wage rates.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied

from included.coproduction import services
from included.coproduction.enums import Decision, FeedbackMethod, LadderRung, Method, Stage
from included.coproduction.models import Activity, Contribution, ContributionLink, FeedbackRecord, RealLivingWageRate
from included.core.models import AuditEvent
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipMemberFactory,
    UserFactory,
)

from .factories import ActivityFactory, ContributionFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_elsewhere(partnership):
    """An admin of another organisation in the same partnership: they run their own records, not these."""
    return OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership)).user


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def contribution(activity):
    return ContributionFactory(activity=activity, named=True, hears_back=True)


def _nothing_audited():
    return not AuditEvent.objects.filter(action__startswith="coproduction.").exists()


def test_a_member_of_another_organisation_cannot_record_an_activity_here(organisation, member_elsewhere):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.record_activity(
            organisation,
            by=member_elsewhere,
            title="Panel on our hiring",
            purpose="To review how we hire.",
            stage=Stage.RECRUITMENT,
            method=Method.PANEL,
            ladder_rung=LadderRung.ENGAGEMENT,
            invited_on=datetime.date(2026, 9, 1),
            held_on=datetime.date(2026, 9, 20),
        )

    assert not Activity.objects.for_organisation(organisation).exists()
    assert _nothing_audited()


def test_a_coordinator_cannot_change_an_organisations_activity(activity, coordinator):
    title = activity.title

    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.update_activity(activity, by=coordinator, title="Renamed by the coordinator")

    activity.refresh_from_db()
    assert activity.title == title
    assert _nothing_audited()


def test_someone_signed_out_cannot_change_what_an_activity_is_evidence_for(activity, anonymous):
    kept, other = FrameworkVersionFactory(items=2).items.order_by("pk")
    activity.framework_items.add(kept)

    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.set_activity_evidence(activity, [other], by=anonymous)

    assert list(activity.framework_items.all()) == [kept]
    assert _nothing_audited()


def test_a_member_of_another_organisation_cannot_make_a_link_for_an_activity_here(activity, member_elsewhere):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.create_contribution_link(activity, by=member_elsewhere)

    assert not ContributionLink.objects.exists()
    assert _nothing_audited()


def test_a_coordinator_cannot_switch_off_an_organisations_link(activity, member, coordinator):
    link, _token = services.create_contribution_link(activity, by=member.user)

    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.switch_off_contribution_link(activity, by=coordinator)

    link.refresh_from_db()
    assert link.is_active
    assert not AuditEvent.objects.filter(action="coproduction.link_switched_off").exists()


def test_someone_signed_out_cannot_add_a_contribution_for_an_organisation(activity, anonymous):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.add_contribution(
            activity,
            by=anonymous,
            text="Please start after the school run.",
            stage=activity.stage,
            given_on=activity.held_on,
            consent_to_publish=True,
        )

    assert not Contribution.objects.exists()
    assert _nothing_audited()


def test_a_switched_off_link_lets_nobody_add_a_contribution(activity, member):
    link, _token = services.create_contribution_link(activity, by=member.user)
    services.switch_off_contribution_link(activity, by=member.user)
    link.refresh_from_db()

    with pytest.raises(PermissionDenied, match="switched off"):
        services.add_contribution_through_link(link, text="Hello", consent_to_publish=True)

    assert not Contribution.objects.exists()
    assert not AuditEvent.objects.filter(action="coproduction.contribution_added").exists()


def test_a_member_of_another_organisation_cannot_change_a_persons_choices(contribution, member_elsewhere):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.change_contribution_choices(
            contribution,
            by=member_elsewhere,
            consent_to_publish=False,
            contributor_name="",
            named_publicly=False,
            contact_email="",
            wants_updates=False,
        )

    contribution.refresh_from_db()
    assert contribution.consent_to_publish
    assert contribution.contributor_name == "Amira Khan"
    assert contribution.wants_updates
    assert _nothing_audited()


@pytest.mark.parametrize("who", ["plain member", "coordinator", "admin elsewhere"])
def test_only_the_organisations_admins_delete_a_contribution(who, contribution, member, coordinator, member_elsewhere):
    by = {"plain member": member.user, "coordinator": coordinator, "admin elsewhere": member_elsewhere}[who]
    ResponseFactory(contribution=contribution)

    with pytest.raises(PermissionDenied, match="Only your organisation's admins"):
        services.delete_contribution(contribution, by=by)

    assert Contribution.objects.filter(pk=contribution.pk).exists()
    assert contribution.responses.count() == 1
    assert _nothing_audited()


def test_a_coordinator_cannot_respond_for_an_organisation(contribution, coordinator):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.record_response(
            contribution, decision=Decision.ADOPTED, what_changed="We moved the job fair.", by=coordinator
        )

    assert not contribution.responses.exists()
    assert mail.outbox == []
    assert _nothing_audited()


def test_feedback_about_another_organisations_contributions_is_refused_whole(
    organisation, partnership, member, member_elsewhere
):
    """One contribution of theirs among someone else's: nothing is recorded, not even theirs."""
    theirs = ResponseFactory(contribution__activity__organisation__partnership=partnership).contribution
    ours = ResponseFactory(contribution__activity=ActivityFactory(organisation=organisation)).contribution

    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.record_feedback(
            [ours, theirs], method=FeedbackMethod.MEETING, told_on=datetime.date(2026, 1, 10), by=member.user
        )
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.record_feedback(
            [ours], method=FeedbackMethod.MEETING, told_on=datetime.date(2026, 1, 10), by=member_elsewhere
        )

    assert not FeedbackRecord.objects.exists()
    assert _nothing_audited()


@pytest.mark.parametrize("who", ["coordinator without staff access", "staff who coordinate nothing", "signed out"])
def test_only_staff_coordinators_change_a_living_wage_rate(who):
    by = {
        "coordinator without staff access": PartnershipMemberFactory().user,
        "staff who coordinate nothing": UserFactory(is_staff=True),
        "signed out": AnonymousUser(),
    }[who]
    rate = RealLivingWageRate.objects.get(area="uk")
    rate.hourly_rate = Decimal("1.00")

    with pytest.raises(PermissionDenied, match="Only coordinators"):
        services.save_living_wage_rate(rate, by=by)

    assert RealLivingWageRate.objects.get(pk=rate.pk).hourly_rate == Decimal("13.45")
    assert _nothing_audited()


def test_staff_who_coordinate_nothing_cannot_delete_living_wage_rates():
    rates = list(RealLivingWageRate.objects.all())

    with pytest.raises(PermissionDenied, match="Only coordinators"):
        services.delete_living_wage_rates(rates, by=UserFactory(is_staff=True))

    assert RealLivingWageRate.objects.count() == len(rates) == 2
    assert _nothing_audited()


def test_a_coordinator_cannot_download_an_organisations_records(organisation, coordinator):
    with pytest.raises(PermissionDenied, match="Only members of the organisation"):
        services.note_export(organisation, "contributions", by=coordinator)

    assert _nothing_audited()
