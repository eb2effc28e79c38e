"""The emails funding rounds send: a decision's letter is ready, a question or appeal has an answer, a person is
added to a panel. Each goes through the notifications app, so the person's choice and the stop link apply, and
none carries scores, reasons or money: the email says where to read it."""

from decimal import Decimal

import pytest

from included.commissioning import services
from included.commissioning.enums import PanelRole, QuestionKind
from included.coproduction.enums import Recognition
from included.notifications.enums import Frequency, Kind, Status
from included.notifications.models import Notification
from included.notifications.sending import choices_of, send_digests
from tests.assessments.factories import make_reviewer
from tests.commissioning.factories import Commissioning, open_small_grants_round
from tests.factories import OrganisationMemberFactory
from tests.notifications.helpers import choose, emails_to, stop_with_the_link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return Commissioning()


def test_the_applicant_is_told_the_letter_is_ready_and_nobody_else_hears_of_it(
    world, django_capture_on_commit_callbacks
):
    member_a = OrganisationMemberFactory(organisation=world.group_a, member=True).user

    with django_capture_on_commit_callbacks(execute=True):
        world.award(world.application_a, amount=Decimal("1234.56"))

    [email] = emails_to(world.admin_a)
    assert email.subject == "A decision on “Monday peer support café” is ready"
    letter = f"/funding/{world.round.pk}/applications/{world.application_a.pk}/letter/"
    assert letter in email.body
    # The letter holds the decision; the email only says where it is.
    for private in ("1234", "1,234", "clear local need", "strong plan", "out of 100", "Awarded"):
        assert private not in email.body
    assert "/emails/stop/application_decided/" in email.extra_headers["List-Unsubscribe"]
    # A plain member reads the letter on the site but is not emailed; the other applicant and the panel hear nothing.
    assert emails_to(member_a) == []
    assert emails_to(world.admin_b) == []
    assert emails_to(world.officer) == []
    assert emails_to(world.reviewer) == []


def test_the_person_who_asked_and_the_admins_are_told_of_an_answer_but_not_what_it_says(
    world, django_capture_on_commit_callbacks
):
    world.award(world.application_a)
    asker = OrganisationMemberFactory(organisation=world.group_a, member=True).user
    appeal = services.ask_question(
        world.application_a, by=asker, kind=QuestionKind.APPEAL, text="Why was our travel budget cut?"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(appeal, by=world.funder_admin, answer="The panel thought the travel costs were high.")

    [to_asker] = emails_to(asker)
    assert to_asker.subject == "An answer about “Monday peer support café”"
    assert "Your appeal of" in to_asker.body
    assert f"/funding/{world.round.pk}/applications/{world.application_a.pk}/" in to_asker.body
    assert "travel" not in to_asker.body
    assert len(emails_to(world.admin_a)) == 1
    assert emails_to(world.admin_b) == []


def test_a_person_added_to_a_panel_is_told_with_a_link_to_the_round_and_not_their_pay(
    world, django_capture_on_commit_callbacks
):
    newcomer = make_reviewer(world.partnership, name="Jo Reviewer")

    with django_capture_on_commit_callbacks(execute=True):
        services.add_panel_member(
            world.round,
            newcomer,
            PanelRole.LIVED_EXPERIENCE,
            by=world.funder_admin,
            recognition=Recognition.PAID_HOURLY,
            hours_given=Decimal("3"),
            hourly_rate=Decimal("14.80"),
        )

    [email] = emails_to(newcomer)
    assert email.subject == "You are on the panel for “Small grants for peer support”"
    assert "Hello Jo Reviewer" in email.body
    assert f"/funding/{world.round.pk}/" in email.body
    assert "14.80" not in email.body
    assert "Northbank Peer Café" not in email.body  # no applicant is named before the panel member declares
    assert [e.to for e in emails_to(world.admin_a) + emails_to(world.admin_b)] == []


def test_nobody_who_chose_never_is_emailed(world, django_capture_on_commit_callbacks):
    choose(world.admin_a, Kind.APPLICATION_DECIDED, Frequency.NEVER)

    with django_capture_on_commit_callbacks(execute=True):
        world.award(world.application_a)

    assert emails_to(world.admin_a) == []
    assert Notification.objects.get(user=world.admin_a).status == Status.SKIPPED


def test_once_a_week_puts_the_panel_place_in_the_weekly_email(world, django_capture_on_commit_callbacks):
    newcomer = make_reviewer(world.partnership)
    choose(newcomer, Kind.PANEL_PLACE, Frequency.WEEKLY)

    with django_capture_on_commit_callbacks(execute=True):
        services.add_panel_member(world.round, newcomer, PanelRole.LIVED_EXPERIENCE, by=world.funder_admin)
    assert emails_to(newcomer) == []

    assert send_digests()["sent"] == 1
    [weekly] = emails_to(newcomer)
    assert "You are asked to sit on a funding panel" in weekly.body
    assert "Small grants for peer support" in weekly.body


def test_the_stop_link_in_the_email_stops_the_next_one(world, django_capture_on_commit_callbacks):
    newcomer = make_reviewer(world.partnership)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_panel_member(world.round, newcomer, PanelRole.LIVED_EXPERIENCE, by=world.funder_admin)
    [email] = emails_to(newcomer)

    response = stop_with_the_link_in(email)

    assert response.status_code == 200
    assert choices_of(newcomer)[Kind.PANEL_PLACE] == Frequency.NEVER
    second_round = open_small_grants_round(world.funder, world.funder_admin, title="Next year's small grants")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_panel_member(second_round, newcomer, PanelRole.LIVED_EXPERIENCE, by=world.funder_admin)
    assert len(emails_to(newcomer)) == 1
