"""The commissioning pages as people use them: applying, scoring on one's own, moderating, deciding, the letter
and the public ledger. Permissions are checked on the server, through the pages themselves."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from included.commissioning.loader import shipped_scoring_frameworks
from included.commissioning.models import Application, Round, Score
from tests.commissioning.factories import Commissioning, apply, make_applicant, make_funder, scores_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return Commissioning()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(world, name, application=None, **more):
    kwargs = {"partnership_slug": world.partnership.slug, "round_id": world.round.pk} | more
    if application is not None:
        kwargs["application_id"] = application.pk
    return reverse(f"commissioning:{name}", kwargs=kwargs)


def test_applicant_b_never_sees_applicant_as_application_or_scores(world):
    world.score(world.application_a, world.officer)
    b = client_for(world.admin_b)
    for name in ("application", "score", "scores", "letter"):
        assert b.get(url(world, name, world.application_a)).status_code in (403, 404), name
    round_page = b.get(url(world, "round")).content.decode()
    assert world.application_a.title not in round_page


def test_a_panel_member_cannot_open_the_scores_before_sending_their_own(world):
    world.score(world.application_a, world.officer, 4)
    reviewer = client_for(world.reviewer)
    assert reviewer.get(url(world, "scores", world.application_a)).status_code == 403
    page = reviewer.get(url(world, "application", world.application_a)).content.decode()
    assert "100.0" not in page
    # They declare, then score: only then are the others' scores theirs to see.
    reviewer.post(url(world, "declare", world.application_a), {"has_conflict": "no"})
    response = reviewer.post(
        url(world, "score", world.application_a),
        {f"score_{key.replace('-', '_')}": "2" for key in scores_of(world.round, 0)},
    )
    assert response.status_code == 302
    assert reviewer.get(url(world, "scores", world.application_a)).status_code == 200
    assert Score.objects.filter(application=world.application_a).count() == 2


def test_a_conflicted_panel_member_cannot_open_the_score_form(world):
    reviewer = client_for(world.reviewer)
    reviewer.post(url(world, "declare", world.application_a), {"has_conflict": "yes", "details": "A friend runs it."})
    assert reviewer.get(url(world, "score", world.application_a)).status_code == 403
    assert "conflict of interest" in reviewer.get(url(world, "application", world.application_a)).content.decode()


def test_the_short_form_asks_no_turnover_for_a_small_grant():
    partnership = Commissioning().partnership
    funder, funder_admin = make_funder(partnership)
    from tests.commissioning.factories import open_small_grants_round

    round = open_small_grants_round(funder, funder_admin)
    group, admin = make_applicant(partnership)
    data = {
        "title": "Café",
        "summary": "Room hire.",
        "amount_requested": "£1,500",
        "evidence_consent": "on",
    } | {f"answer_{c.key.replace('-', '_')}": "Our answer." for c in round.scoring_framework.scheme.criteria}
    path = reverse(
        "commissioning:apply",
        kwargs={"partnership_slug": partnership.slug, "round_id": round.pk, "organisation_slug": group.slug},
    )
    response = client_for(admin).post(path, data)
    assert response.status_code == 302
    application = Application.objects.get(organisation=group)
    assert application.short_form and application.evidence_consent
    # A larger grant must say its income and policies.
    other, other_admin = make_applicant(partnership)
    path = path.replace(group.slug, other.slug)
    response = client_for(other_admin).post(path, data | {"amount_requested": "4000"})
    assert response.status_code == 400
    assert "Enter your income last year" in response.content.decode()
    assert "Room hire." in response.content.decode()


def test_moderation_then_decision_then_letter_then_ledger(world):
    world.score(world.application_a, world.officer, 3)
    world.score(world.application_a, world.reviewer, 4)
    funder = client_for(world.funder_admin)
    agreed = {f"score_{key.replace('-', '_')}": "3" for key in scores_of(world.round, 0)}
    response = funder.post(url(world, "moderate", world.application_a), agreed | {"reasons": "We agreed on 3."})
    assert response.status_code == 302
    response = funder.post(
        url(world, "decide", world.application_a),
        {"decision": "award", "amount_awarded": "1500", "reasons": "A clear need.", "feedback": "Say more."},
    )
    assert response.status_code == 302
    letter = client_for(world.admin_a).get(url(world, "letter", world.application_a)).content.decode()
    assert "You have been awarded £1,500.00" in letter
    assert "75.0 out of 100" in letter
    ledger = Client().get(reverse("commissioning:ledger", kwargs={"partnership_slug": world.partnership.slug}))
    assert world.group_a.name in ledger.content.decode()
    assert world.group_b.name not in ledger.content.decode()


def test_a_decision_needs_reasons_and_feedback_and_keeps_what_was_typed(world):
    world.award(world.application_b)
    world.score(world.application_a, world.officer)
    world.score(world.application_a, world.reviewer)
    from included.commissioning import services

    services.moderate(world.application_a, by=world.funder_admin, scores=scores_of(world.round, 1), reasons="Weak.")
    response = client_for(world.funder_admin).post(
        url(world, "decide", world.application_a), {"decision": "decline", "reasons": "Too little detail."}
    )
    assert response.status_code == 400
    assert "Too little detail." in response.content.decode()
    assert Application.objects.get(pk=world.application_a.pk).decided_at is None


def test_the_ledger_shares_and_hides_small_counts_by_area(world):
    world.award(world.application_a, Decimal("1500"))
    world.award(world.application_b, Decimal("500"))
    page = Client().get(reverse("commissioning:ledger", kwargs={"partnership_slug": world.partnership.slug}))
    text = page.content.decode()
    assert "100% (£2,000.00)" in text  # both groups are community groups, micro, in Northbank
    assert "Not shown: too few to publish" in text


def test_the_rounds_list_shows_open_rounds_unless_asked_for_all(world):
    Round.objects.filter(pk=world.round.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    client = client_for(world.admin_a)
    path = reverse("commissioning:rounds", kwargs={"partnership_slug": world.partnership.slug})
    assert world.round.title not in client.get(path).content.decode().split("Rounds</h2>")[1]
    assert world.round.title in client.get(path + "?show=all").content.decode()


def _more_rounds(world, count):
    funder = world.funder
    for number in range(count):
        round = Round.objects.create(
            partnership=world.partnership,
            organisation=funder,
            title=f"Round {number}",
            purpose="x",
            eligibility="y",
            total_amount=Decimal("1000"),
            largest_award=Decimal("500"),
            small_grant_limit=Decimal("100"),
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
            scoring_framework=shipped_scoring_frameworks()[0],
        )
        group, admin = make_applicant(world.partnership)
        apply(round, group, admin)


@pytest.mark.parametrize("name", ["rounds", "ledger"])
def test_busy_pages_run_the_same_number_of_queries_at_any_size(world, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure():
        for application in Application.objects.filter(decided_at__isnull=True, round__partnership=world.partnership):
            Application.objects.filter(pk=application.pk).update(
                status="awarded", amount_awarded=Decimal("100"), decided_at=timezone.now()
            )
        client = client_for(world.admin_a)
        path = reverse(f"commissioning:{name}", kwargs={"partnership_slug": world.partnership.slug})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    _more_rounds(world, 2)
    small = measure()
    _more_rounds(world, 8)
    assert measure() == small


def test_a_panel_member_sees_what_waits_for_their_scores_on_their_home_page(world):
    home = client_for(world.reviewer).get(reverse("www:home")).content.decode()
    assert "Score 2 funding applications" in home
    world.score(world.application_a, world.reviewer)
    after_scoring = client_for(world.reviewer).get(reverse("www:home")).content.decode()
    assert "Score 1 funding application" in after_scoring
    assert "funding application" not in client_for(world.admin_a).get(reverse("www:home")).content.decode()
