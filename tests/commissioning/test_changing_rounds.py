"""The people running a round change its words, dates and money until it closes, or withdraw it with a reason that
everyone who applied reads, on the round's pages and by email."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from included.commissioning import services
from included.commissioning.models import Round
from included.core.models import AuditEvent
from included.core.personal_data import collect, erase
from included.notifications.enums import Frequency, Kind
from included.notifications.sending import send_digests
from tests.accounts.helpers import h1_count, page_text
from tests.commissioning.factories import Commissioning, apply, make_applicant, scores_of
from tests.factories import OrganisationMemberFactory
from tests.notifications.helpers import choose, emails_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return Commissioning()


def _url(world, name):
    return reverse(name, kwargs={"partnership_slug": world.partnership.slug, "round_id": world.round.pk})


def _form(round, **changes):
    """What the change form sends back when nothing is touched, with `changes`."""
    data = {
        "version": str(round.version),
        "title": round.title,
        "purpose": round.purpose,
        "eligibility": round.eligibility,
        "total_amount": str(round.total_amount),
        "largest_award": str(round.largest_award),
        "small_grant_limit": str(round.small_grant_limit),
        "minimum_turnover": "",
        "insurance_required": "",
    }
    for name in ("opens_on", "closes_on"):
        day = getattr(round, name)
        data |= {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
    return data | changes


def test_the_funder_changes_the_dates_words_and_money_of_an_open_round(client, world):
    client.force_login(world.funder_admin)
    response = client.get(_url(world, "commissioning:change_round"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    later = timezone.localdate() + datetime.timedelta(days=60)

    response = client.post(
        _url(world, "commissioning:change_round"),
        _form(
            world.round,
            purpose="Peer support groups, and now their travel too.",
            total_amount="25,000",
            closes_on_0=str(later.day),
            closes_on_1=str(later.month),
            closes_on_2=str(later.year),
        ),
        follow=True,
    )

    text = page_text(response)
    assert "is changed" in text
    assert "and now their travel too" in text
    assert "£25,000" in text
    round = Round.objects.get(pk=world.round.pk)
    assert (round.closes_on, round.total_amount, round.version) == (later, Decimal("25000"), 2)
    event = AuditEvent.objects.get(action="commissioning.round_changed")
    assert event.actor == world.funder_admin


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Enter a name for the round"),
        ({"purpose": "x" * 3001}, "3,000 characters or fewer"),
        ({"eligibility": "Groups\u202e in the area"}, ""),
        ({"total_amount": "lots"}, ""),
        ({"largest_award": "30000"}, "cannot be more than the round holds"),
        ({"closes_on_0": "1", "closes_on_1": "1", "closes_on_2": "2020"}, ""),
    ],
)
def test_wrong_or_hostile_changes_are_explained_and_nothing_typed_is_lost(client, world, changes, message):
    client.force_login(world.funder_admin)
    typed = "A purpose we typed with care."

    response = client.post(_url(world, "commissioning:change_round"), _form(world.round, purpose=typed) | changes)

    assert response.status_code == 400
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text
    if "purpose" not in changes:
        assert typed in response.content.decode()
    assert Round.objects.get(pk=world.round.pk).version == 1


def test_a_change_saved_by_someone_else_first_is_shown_side_by_side_and_nothing_is_lost(client, world):
    other_admin = OrganisationMemberFactory(organisation=world.funder).user
    opened = _form(world.round, title="Small grants for peer groups")
    services.change_round(
        world.round, by=other_admin, expected_version=1, title="Peer support grants", closes_on=world.round.closes_on
    )
    client.force_login(world.funder_admin)

    response = client.post(_url(world, "commissioning:change_round"), opened)

    assert response.status_code == 409
    text = page_text(response)
    assert "Peer support grants" in text  # theirs
    assert "Small grants for peer groups" in response.content.decode()  # yours, still in the form
    assert Round.objects.get(pk=world.round.pk).title == "Peer support grants"


def test_a_closed_round_can_no_longer_change(client, world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Round.objects.filter(pk=world.round.pk).update(
        opens_on=yesterday - datetime.timedelta(days=30), closes_on=yesterday
    )
    world.round.refresh_from_db()

    with pytest.raises(services.CommissioningError, match="closed"):
        services.change_round(world.round, by=world.funder_admin, expected_version=1, title="Too late")
    client.force_login(world.funder_admin)
    response = client.get(_url(world, "commissioning:change_round"), follow=True)
    assert "This round has closed, so it can no longer change." in page_text(response)
    assert "Change the round" not in page_text(client.get(_url(world, "commissioning:round")))


def test_a_round_cannot_hold_less_than_it_has_awarded(world):
    world.award(world.application_a, amount=Decimal("1500"))
    world.round.refresh_from_db()

    with pytest.raises(services.CommissioningError, match="already awarded £1,500.00"):
        services.change_round(world.round, by=world.funder_admin, expected_version=1, total_amount=Decimal("1000"))


@pytest.mark.parametrize("who", ["applicant", "officer", "reviewer"])
def test_only_the_admins_running_the_round_may_change_or_withdraw_it(client, world, who):
    person = {"applicant": world.admin_a, "officer": world.officer, "reviewer": world.reviewer}[who]

    with pytest.raises(PermissionDenied):
        services.change_round(world.round, by=person, expected_version=1, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.withdraw_round(world.round, by=person, reason="No.")
    client.force_login(person)
    assert client.get(_url(world, "commissioning:change_round")).status_code == 403
    assert client.post(_url(world, "commissioning:withdraw_round"), {"reason": "No."}).status_code == 403
    round = Round.objects.get(pk=world.round.pk)
    assert (round.title, round.is_withdrawn) == ("Small grants for peer support", False)


def test_withdrawing_tells_everyone_who_applied_why_and_nobody_else(client, world, django_capture_on_commit_callbacks):
    sender = OrganisationMemberFactory(organisation=world.group_b, member=True).user
    world.application_b.submitted_by = sender
    world.application_b.save(update_fields=["submitted_by"])
    client.force_login(world.funder_admin)
    response = client.get(_url(world, "commissioning:withdraw_round"))
    assert h1_count(response) == 1
    assert "2 organisations have applied" in page_text(response)
    response = client.post(_url(world, "commissioning:withdraw_round"), {"reason": "  "})
    assert response.status_code == 400
    assert "Say why you are withdrawing the round" in page_text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(world, "commissioning:withdraw_round"),
            {"reason": "The money we expected did not come. We are sorry."},
            follow=True,
        )

    assert "is withdrawn" in page_text(response)
    for person in (world.admin_a, world.admin_b, sender):
        [email] = emails_to(person)
        assert email.subject == "The funding round “Small grants for peer support” was withdrawn"
        assert "Their reason: The money we expected did not come. We are sorry." in email.body
        assert f"/funding/{world.round.pk}/" in email.body
    for person in (world.officer, world.reviewer, world.funder_admin):
        assert emails_to(person) == []
    assert AuditEvent.objects.filter(action="commissioning.round_withdrawn", actor=world.funder_admin).exists()

    # The applicants read why on the round's page and on their application.
    client.force_login(world.admin_a)
    round_page = page_text(client.get(_url(world, "commissioning:round")))
    assert "This round was withdrawn on" in round_page
    assert "The money we expected did not come." in round_page
    application_url = reverse(
        "commissioning:application",
        kwargs={
            "partnership_slug": world.partnership.slug,
            "round_id": world.round.pk,
            "application_id": world.application_a.pk,
        },
    )
    assert "The money we expected did not come." in page_text(client.get(application_url))


def test_a_withdrawn_round_takes_no_applications_and_decides_nothing(world):
    services.withdraw_round(world.round, by=world.funder_admin, reason="The money did not come.")
    world.round.refresh_from_db()
    group_c, admin_c = make_applicant(world.partnership, name="Eastside Gardeners")

    with pytest.raises(services.CommissioningError, match="not taking applications"):
        apply(world.round, group_c, admin_c)
    world.score(world.application_a, world.officer)
    world.score(world.application_a, world.reviewer)
    services.moderate(world.application_a, by=world.funder_admin, scores=scores_of(world.round, 3), reasons="Agreed.")
    with pytest.raises(services.CommissioningError, match="withdrawn"):
        services.decide(
            world.application_a,
            by=world.funder_admin,
            award=True,
            amount_awarded=Decimal("100"),
            reasons="",
            feedback="",
        )
    with pytest.raises(services.CommissioningError, match="already been withdrawn"):
        services.withdraw_round(world.round, by=world.funder_admin, reason="Again.")
    with pytest.raises(services.CommissioningError, match="withdrawn"):
        services.change_round(world.round, by=world.funder_admin, expected_version=1, title="Back again")
    assert not Round.objects.open_on(timezone.localdate()).filter(pk=world.round.pk).exists()


def test_a_round_with_an_award_cannot_be_withdrawn(world):
    world.award(world.application_a)

    with pytest.raises(services.CommissioningError, match="already been awarded"):
        services.withdraw_round(world.round, by=world.funder_admin, reason="Changed our minds.")
    assert not Round.objects.get(pk=world.round.pk).is_withdrawn


def test_an_applicant_who_chose_once_a_week_reads_of_the_withdrawal_in_the_weekly_email(
    world, django_capture_on_commit_callbacks
):
    choose(world.admin_a, Kind.ROUND_WITHDRAWN, Frequency.WEEKLY)
    choose(world.admin_b, Kind.ROUND_WITHDRAWN, Frequency.NEVER)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_round(world.round, by=world.funder_admin, reason="The money did not come.")
    assert emails_to(world.admin_a) == emails_to(world.admin_b) == []

    send_digests()

    [weekly] = emails_to(world.admin_a)
    assert "Their reason: The money did not come." in weekly.body
    assert emails_to(world.admin_b) == []


def test_the_person_who_withdrew_a_round_finds_it_in_their_data_and_their_name_leaves_the_reason(world):
    world.funder_admin.name = "Sam Funder"
    world.funder_admin.save(update_fields=["name"])
    services.withdraw_round(world.round, by=world.funder_admin, reason="Sam Funder says the money did not come.")

    [withdrawn] = collect(world.funder_admin)["funding_rounds_you_withdrew"]
    assert withdrawn["reason"] == "Sam Funder says the money did not come."

    erase(world.funder_admin)
    reason = Round.objects.get(pk=world.round.pk).withdrawal_reason
    assert "Sam Funder" not in reason
    assert "the money did not come" in reason


def test_a_withdrawn_round_leaves_the_panel_members_to_do_list(client, world):
    client.force_login(world.reviewer)
    assert "Score 2 funding applications" in page_text(client.get(reverse("www:home")))

    services.withdraw_round(world.round, by=world.funder_admin, reason="The money did not come.")

    assert "funding application" not in page_text(client.get(reverse("www:home")))
