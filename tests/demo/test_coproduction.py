"""The demo data gives every measure something to show."""

import pytest
from django.core import mail
from django.tasks import default_task_backend
from django.urls import reverse

from included.coproduction import reports
from included.coproduction.enums import Decision, FeedbackMethod, LadderGroup
from included.coproduction.models import Activity, Contribution, FeedbackRecord
from included.coproduction.tasks import tell_contributor_about_response
from included.demo.coproduction import load_demo_coproduction
from included.frameworks.loader import SHIPPED_DIR, load_framework_file
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_framework_file(SHIPPED_DIR / "emif.yaml")
    partnership = PartnershipFactory()
    bakery = OrganisationFactory(partnership=partnership)
    group = OrganisationFactory(partnership=partnership)
    admin = OrganisationMemberFactory(organisation=bakery).user
    group_member = OrganisationMemberFactory(organisation=group, member=True).user
    made = load_demo_coproduction(partnership, [bakery, group], [admin, group_member])
    return partnership, bakery, group, admin, made


def test_the_first_organisation_gets_activities_over_two_years_and_the_second_a_few(demo):
    partnership, bakery, group, admin, made = demo

    years = {a.held_on.year for a in Activity.objects.for_organisation(bakery)}
    assert Activity.objects.for_organisation(bakery).count() == 11
    assert len(years) == 2
    assert Activity.objects.for_organisation(group).count() == 2
    assert Activity.objects.for_organisation(bakery).filter(created_by=admin).count() == 11
    assert Activity.objects.exclude(framework_items=None).exists()


def test_every_measure_has_something_to_show(demo):
    partnership, bakery, group, admin, made = demo

    figures = reports.organisation_measures(bakery)

    assert 0 < figures.responded.part < figures.responded.whole
    assert 0 < figures.closed.part < figures.responded.part
    assert figures.median_days_to_response > 0
    assert figures.median_notice_days > 0
    assert 0 < figures.short_notice.part < figures.short_notice.whole
    for group_ in LadderGroup:
        assert any(dict(year.groups)[group_].part for year in figures.ladder_by_year), group_
    shown = [row for row in figures.money_by_year if row.people_figures_shown]
    assert shown
    assert all(row.paid_to_participants > 0 and row.hours_given > 0 for row in shown)
    whole = figures.money_by_year[-1]
    assert 0 < whole.living_wage.at_or_above.part < whole.living_wage.at_or_above.whole
    assert whole.other_costs > 0 and whole.staff_hours > 0
    tables = reports.measure_tables(figures)
    assert all(tables.values())


def test_the_demo_has_updated_responses_private_contributions_and_emails_to_those_who_asked(demo):
    partnership, bakery, group, admin, made = demo

    assert Contribution.objects.filter(consent_to_publish=False).exists()
    assert Contribution.objects.filter(named_publicly=True).exists()
    assert Contribution.objects.with_progress().with_status("awaiting").exists()
    assert any(c.responses.count() > 1 for c in Contribution.objects.filter(responses__decision=Decision.ADOPTED))
    emailed = FeedbackRecord.objects.filter(method=FeedbackMethod.EMAIL)
    assert emailed.exists()
    assert set(emailed.values_list("contribution__contact_email", flat=True)) <= set(
        Contribution.objects.filter(wants_updates=True).values_list("contact_email", flat=True)
    )


def test_the_demo_sends_no_email_to_its_made_up_people(settings):
    """The worker would send what the demo queued; each queued email must find itself already recorded as sent."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    load_framework_file(SHIPPED_DIR / "emif.yaml")
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(partnership=partnership)
    admin = OrganisationMemberFactory(organisation=organisation).user
    load_demo_coproduction(partnership, [organisation], [admin])

    queued = default_task_backend.results
    assert queued
    for result in queued:
        assert tell_contributor_about_response.call(*result.args) == "already sent"
    assert mail.outbox == []


def test_loading_again_adds_nothing(demo):
    partnership, bakery, group, admin, made = demo

    assert load_demo_coproduction(partnership, [bakery, group], [admin]) == []
    assert Activity.objects.count() == 13


def test_the_demo_pages_open(client, demo):
    partnership, bakery, group, admin, made = demo
    client.force_login(admin)
    org = {"partnership_slug": partnership.slug, "organisation_slug": bakery.slug}

    public = client.get(reverse("coproduction:you_said_we_did", kwargs={"partnership_slug": partnership.slug}))
    page = client.get(reverse("coproduction:organisation_measures", kwargs=org)).content.decode()

    assert public.status_code == 200
    assert "Jo, " in public.content.decode()
    assert "Time and money, by year" in page
    assert "How much say people had, by year" in page
