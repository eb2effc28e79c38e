"""Small steps: the person's own, with no deadlines, breaks without penalty, and suggestions only they can add."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.core.personal_data import collect, erase
from included.steps import services
from included.steps.enums import SuggestionStatus
from included.steps.models import Break, Goal, Step, Suggestion, Supporter
from tests.factories import OrganisationMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# Words that would judge a person for a day that passed. None may appear on their page.
JUDGING = re.compile(r"\b(late|overdue|missed|behind|failed|deadline)\b", re.IGNORECASE)


@pytest.fixture
def person():
    return UserFactory(name="Sam Rivers")


def _page(client, person):
    client.force_login(person)
    return client.get(reverse("steps:home")).content.decode()


def test_a_person_adds_a_goal_and_a_step_with_a_day_or_none(client, person):
    client.force_login(person)
    response = client.post(reverse("steps:add_goal"), {"words": "Feel ready for a job interview"})
    goal = Goal.objects.get(person=person)
    assert response.url == reverse("steps:add_step", kwargs={"goal_id": goal.pk})
    client.post(reverse("steps:add_step", kwargs={"goal_id": goal.pk}), {"words": "Read one interview tip"})
    client.post(
        reverse("steps:add_step", kwargs={"goal_id": goal.pk}),
        {"words": "Practise with my sister", "on_date_0": "3", "on_date_1": "4", "on_date_2": "2027"},
    )
    assert [(s.words, s.on_date) for s in goal.steps.all()] == [
        ("Read one interview tip", None),
        ("Practise with my sister", datetime.date(2027, 4, 3)),
    ]
    page = client.get(reverse("steps:home")).content.decode()
    assert "No day set. That is fine." in page
    assert "A day you had in mind: 3 April 2027" in page


def test_a_day_in_the_past_is_never_called_late(client, person):
    goal = services.add_goal(person, "Get out more", by=person)
    services.add_step(goal, "Walk to the park", on_date=datetime.date(2020, 1, 2), by=person)
    page = _page(client, person)
    assert "A day you had in mind: 2 January 2020" in page
    assert not JUDGING.search(page), JUDGING.search(page)


def test_a_done_step_is_celebrated_and_nothing_counts_what_is_not_done(client, person):
    goal = services.add_goal(person, "Learn to cook", by=person)
    step = services.add_step(goal, "Make toast", by=person)
    services.add_step(goal, "Make soup", by=person)
    client.force_login(person)
    response = client.post(reverse("steps:mark_done", kwargs={"step_id": step.pk}), follow=True)
    page = response.content.decode()
    assert "Well done. You did it." in page
    assert "Things you have done" in page
    assert not re.search(r"\b\d+ (of|out of) \d+\b", page)
    assert not JUDGING.search(page)


def test_a_break_pauses_everything_and_coming_back_finds_it_all_as_it_was(client, person):
    goal = services.add_goal(person, "Feel stronger", by=person)
    services.add_step(goal, "Stretch for five minutes", by=person)
    organisation_member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, organisation_member.organisation, by=person)
    client.force_login(person)
    client.post(reverse("steps:take_break"))
    assert Break.objects.filter(person=person).exists()
    services.suggest_step(supporter, "Try a short swim", by=organisation_member.user)
    page = client.get(reverse("steps:home")).content.decode()
    assert "You are taking a break" in page
    assert "Try a short swim" not in page
    assert "Add a small step" not in page
    client.post(reverse("steps:come_back"))
    assert not Break.objects.filter(person=person).exists()
    page = client.get(reverse("steps:home")).content.decode()
    assert "Stretch for five minutes" in page
    assert "Try a short swim" in page
    assert not JUDGING.search(page)


def test_a_supporter_only_suggests_and_the_person_decides(client, person):
    member = OrganisationMemberFactory()
    goal = services.add_goal(person, "Find work I enjoy", by=person)
    supporter = services.allow_supporter(person, member.organisation, by=person)
    client.force_login(member.user)
    listing = client.get(reverse("steps:supporting")).content.decode()
    assert "Sam Rivers" in listing
    assert "Find work I enjoy" not in listing
    client.post(reverse("steps:suggest", kwargs={"supporter_id": supporter.pk}), {"words": "Visit the job fair"})
    suggestion = Suggestion.objects.get()
    assert not Step.objects.exists()
    client.force_login(person)
    client.post(reverse("steps:suggestion", kwargs={"suggestion_id": suggestion.pk}), {"goal": str(goal.pk)})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ADDED
    assert [s.words for s in goal.steps.all()] == ["Visit the job fair"]


def test_a_person_can_leave_a_suggestion(client, person):
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    suggestion = services.suggest_step(supporter, "Join a club", by=member.user)
    client.force_login(person)
    client.post(reverse("steps:suggestion", kwargs={"suggestion_id": suggestion.pk}), {"leave": "1"})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.LEFT
    assert not Step.objects.exists()


def test_only_the_person_changes_their_steps_and_only_chosen_organisations_suggest(person):
    stranger = UserFactory()
    goal = services.add_goal(person, "Mine", by=person)
    step = services.add_step(goal, "My step", by=person)
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    suggestion = services.suggest_step(supporter, "An idea", by=member.user)
    refused = [
        lambda: services.add_goal(person, "Theirs", by=stranger),
        lambda: services.change_goal(goal, "Theirs", by=stranger),
        lambda: services.remove_goal(goal, by=stranger),
        lambda: services.add_step(goal, "Theirs", by=stranger),
        lambda: services.change_step(step, "Theirs", by=stranger),
        lambda: services.mark_done(step, by=stranger),
        lambda: services.mark_not_done(step, by=stranger),
        lambda: services.remove_step(step, by=stranger),
        lambda: services.take_break(person, by=stranger),
        lambda: services.come_back(person, by=stranger),
        lambda: services.allow_supporter(person, member.organisation, by=stranger),
        lambda: services.remove_supporter(supporter, by=stranger),
        lambda: services.suggest_step(supporter, "Not a member", by=stranger),
        lambda: services.add_suggested_step(suggestion, goal, by=member.user),
        lambda: services.leave_suggestion(suggestion, by=member.user),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert [g.words for g in Goal.objects.all()] == ["Mine"]
    assert [s.words for s in Step.objects.all()] == ["My step"]


def test_a_person_cannot_add_a_suggestion_to_someone_elses_goal(person):
    other = UserFactory()
    their_goal = services.add_goal(other, "Theirs", by=other)
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    suggestion = services.suggest_step(supporter, "An idea", by=member.user)
    with pytest.raises(PermissionDenied):
        services.add_suggested_step(suggestion, their_goal, by=person)


def test_nobody_else_can_open_a_persons_steps(client, person):
    goal = services.add_goal(person, "Private goal", by=person)
    step = services.add_step(goal, "Private step", by=person)
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    suggestion = services.suggest_step(supporter, "Private idea", by=member.user)
    client.force_login(member.user)  # even the supporter
    for name, kwargs in [
        ("steps:change_goal", {"goal_id": goal.pk}),
        ("steps:remove_goal", {"goal_id": goal.pk}),
        ("steps:add_step", {"goal_id": goal.pk}),
        ("steps:change_step", {"step_id": step.pk}),
        ("steps:remove_step", {"step_id": step.pk}),
        ("steps:suggestion", {"suggestion_id": suggestion.pk}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert client.post(reverse("steps:mark_done", kwargs={"step_id": step.pk})).status_code == 404
    assert client.post(reverse("steps:remove_supporter", kwargs={"supporter_id": supporter.pk})).status_code == 404
    assert "Private" not in client.get(reverse("steps:home")).content.decode()


def test_someone_outside_the_chosen_organisation_cannot_suggest(client, person):
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    outsider = OrganisationMemberFactory()
    client.force_login(outsider.user)
    assert client.get(reverse("steps:suggest", kwargs={"supporter_id": supporter.pk})).status_code == 404
    assert "Sam Rivers" not in client.get(reverse("steps:supporting")).content.decode()


def test_the_words_are_encrypted_in_the_database(person):
    goal = services.add_goal(person, "Plaintext goal about my anxiety", by=person)
    services.add_step(goal, "Plaintext step about my medication", by=person)
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    services.suggest_step(supporter, "Plaintext suggestion", by=member.user)
    with connection.cursor() as cursor:
        for table in (Goal._meta.db_table, Step._meta.db_table, Suggestion._meta.db_table):
            cursor.execute(f"SELECT words FROM {table}")  # noqa: S608 - our own table names
            stored = [row[0] for row in cursor.fetchall()]
            assert stored
            assert all("Plaintext" not in value and value.startswith("gAAAA") for value in stored)


def test_typed_words_are_kept_when_a_form_has_a_problem(client, person):
    client.force_login(person)
    goal = services.add_goal(person, "A goal", by=person)
    response = client.post(
        reverse("steps:add_step", kwargs={"goal_id": goal.pk}),
        {"words": "Half-typed step", "on_date_0": "31", "on_date_1": "2", "on_date_2": "2027"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date" in page
    assert "Half-typed step" in page
    response = client.post(reverse("steps:add_goal"), {"words": "x" * 501})
    assert "Keep it to 500 characters or fewer" in response.content.decode()


def test_the_steps_page_takes_the_same_queries_however_many_goals(client, person):
    def count():
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("steps:home")).status_code == 200
        return len(queries)

    goal = services.add_goal(person, "One", by=person)
    services.add_step(goal, "Step", by=person)
    few = count()
    for number in range(8):
        more = services.add_goal(person, f"Goal {number}", by=person)
        services.add_step(more, "Step", by=person)
    assert count() == few


def test_the_download_has_the_steps_and_deleting_the_account_removes_them(person):
    goal = services.add_goal(person, "Goal to forget", by=person)
    services.add_step(goal, "Step to forget", by=person)
    services.take_break(person, by=person)
    member = OrganisationMemberFactory()
    supporter = services.allow_supporter(person, member.organisation, by=person)
    services.suggest_step(supporter, "Idea to forget", by=member.user)
    data = collect(person)["your_small_steps"]
    assert data["goals"][0]["goal"] == "Goal to forget"
    assert data["goals"][0]["steps"][0]["step"] == "Step to forget"
    assert data["steps_suggested_to_you"][0]["step"] == "Idea to forget"
    erase(person)
    assert not Goal.objects.exists()
    assert not Step.objects.exists()
    assert not Break.objects.exists()
    assert not Supporter.objects.exists()
    assert not Suggestion.objects.exists()


def test_the_navigation_offers_small_steps_to_someone_with_no_organisation(client, person):
    client.force_login(person)
    page = client.get(reverse("steps:home")).content.decode()
    assert f'href="{reverse("people:hub")}"' in page
    own_place = client.get(reverse("people:hub")).content.decode()
    assert f'href="{reverse("steps:home")}"' in own_place
    assert f'href="{reverse("wellbeing:home")}"' in own_place


def test_sending_a_new_goal_or_step_twice_makes_one(client, person):
    client.force_login(person)
    token = "a-double-click-" + "x" * 10
    first = client.post(reverse("steps:add_goal"), {"words": "Feel calmer", "form_token": token})
    second = client.post(reverse("steps:add_goal"), {"words": "Feel calmer", "form_token": token})
    assert first.url == second.url
    goal = Goal.objects.get(person=person)
    url = reverse("steps:add_step", kwargs={"goal_id": goal.pk})
    for _ in range(2):
        client.post(url, {"words": "Ring a friend", "form_token": "a-step-token-" + "y" * 10})
    assert Step.objects.filter(goal=goal).count() == 1
    # A fresh form (a new token) is a new step.
    client.post(url, {"words": "Ring a friend", "form_token": "another-token-" + "z" * 10})
    assert Step.objects.filter(goal=goal).count() == 2


def test_a_waiting_suggestion_is_on_the_persons_home_to_do_list_but_not_during_a_break(client, person):
    helper = OrganisationMemberFactory(member=True)
    supporter = services.allow_supporter(person, helper.organisation, by=person)
    client.force_login(person)
    assert "suggested for you" not in client.get(reverse("www:home")).content.decode()
    services.suggest_step(supporter, "Look at one advert", by=helper.user)
    home = client.get(reverse("www:home")).content.decode()
    assert "1 step suggested for you" in home
    assert reverse("steps:home") + "#suggestions" in home
    assert "Look at one advert" not in home, "the words stay on the person's own page"
    services.take_break(person, by=person)
    assert "suggested for you" not in client.get(reverse("www:home")).content.decode()
    # Nobody else sees it on their list.
    client.force_login(helper.user)
    assert "suggested for you" not in client.get(reverse("www:home")).content.decode()
