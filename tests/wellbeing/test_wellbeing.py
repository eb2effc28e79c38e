"""Wellbeing: the ONS4 questions for the person alone, encrypted, with the partnership seeing only big groups."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from included.core.personal_data import collect, erase
from included.wellbeing import services
from included.wellbeing.figures import figures_from, partnership_figures
from included.wellbeing.models import Answer
from included.wellbeing.questions import QUESTIONS
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORES = {"life_satisfaction": 7, "worthwhile": 9, "happy": 4, "anxious": 6}
QUESTION = {q.key: q for q in QUESTIONS}


def _post(scores, counted=False):
    data = {key: str(value) for key, value in scores.items()}
    if counted:
        data["counts_in_partnership_figures"] = "on"
    return data


@pytest.mark.parametrize(
    ("key", "score", "band"),
    [
        ("life_satisfaction", 0, "Low"),
        ("life_satisfaction", 4, "Low"),
        ("worthwhile", 5, "Medium"),
        ("happy", 6, "Medium"),
        ("happy", 7, "High"),
        ("happy", 8, "High"),
        ("worthwhile", 9, "Very high"),
        ("life_satisfaction", 10, "Very high"),
        ("anxious", 0, "Very low"),
        ("anxious", 1, "Very low"),
        ("anxious", 2, "Low"),
        ("anxious", 3, "Low"),
        ("anxious", 4, "Medium"),
        ("anxious", 5, "Medium"),
        ("anxious", 6, "High"),
        ("anxious", 10, "High"),
    ],
)
def test_each_score_falls_in_the_band_ons_publishes(key, score, band):
    assert QUESTION[key].band(score).label == band


def test_a_person_answers_twice_and_sees_a_table_of_both(client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("wellbeing:answer"), _post(SCORES))
    client.post(reverse("wellbeing:answer"), _post({"life_satisfaction": 8, "worthwhile": 8, "happy": 8, "anxious": 1}))
    assert Answer.objects.of(person).count() == 2
    page = client.get(reverse("wellbeing:home")).content.decode()
    assert "Your answers over time" in page
    assert "<svg" in page and 'role="img"' in page
    assert '9 <span class="govuk-body-s">(very high)</span>' in page
    assert '1 <span class="govuk-body-s">(very low)</span>' in page
    assert "Office for National Statistics" in page
    assert "Open Government Licence" in page


def test_a_missing_or_made_up_score_is_refused_and_the_rest_is_kept(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("wellbeing:answer"), {"life_satisfaction": "11", "worthwhile": "3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a number from 0 to 10 for: life satisfaction" in page
    assert "Choose a number from 0 to 10 for: happy yesterday" in page
    assert re.search(r'<input[^>]*name="worthwhile" value="3"[^>]*checked>', page)
    assert not Answer.objects.exists()


def test_answers_are_encrypted_in_the_database():
    person = UserFactory()
    services.record_answers(person, {"life_satisfaction": 3, "worthwhile": 3, "happy": 3, "anxious": 3}, by=person)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT life_satisfaction, worthwhile, happy, anxious FROM {Answer._meta.db_table}")  # noqa: S608
        row = cursor.fetchone()
    assert all(value.startswith("gAAAA") and value != "3" for value in row)
    assert Answer.objects.get().scores[0][1] == 3


def test_nobody_else_sees_or_deletes_a_persons_answers(client):
    person = UserFactory()
    answer = services.record_answers(person, SCORES, by=person)
    coordinator = PartnershipMemberFactory()
    client.force_login(coordinator.user)
    assert client.get(reverse("wellbeing:delete_answer", kwargs={"answer_id": answer.pk})).status_code == 404
    assert client.post(reverse("wellbeing:delete_answer", kwargs={"answer_id": answer.pk})).status_code == 404
    assert "(very high)" not in client.get(reverse("wellbeing:home")).content.decode()
    for call in (
        lambda: services.record_answers(person, SCORES, by=coordinator.user),
        lambda: services.delete_answer(answer, by=coordinator.user),
        lambda: services.delete_all_answers(person, by=coordinator.user),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Answer.objects.count() == 1


def test_the_person_deletes_one_answer_or_all(client):
    person = UserFactory()
    first = services.record_answers(person, SCORES, by=person)
    services.record_answers(person, SCORES, by=person)
    services.record_answers(person, SCORES, by=person)
    client.force_login(person)
    client.post(reverse("wellbeing:delete_answer", kwargs={"answer_id": first.pk}))
    assert Answer.objects.count() == 2
    client.post(reverse("wellbeing:delete_all"))
    assert not Answer.objects.exists()


def _people_in(partnership, count, *, counted=True, scores=SCORES):
    for _ in range(count):
        member = OrganisationMemberFactory(organisation__partnership=partnership)
        services.record_answers(member.user, scores, counts_in_partnership_figures=counted, by=member.user)


def test_the_partnership_sees_nothing_with_fewer_than_ten_people(client):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    _people_in(partnership, 9)
    _people_in(partnership, 5, counted=False)  # chose not to be counted
    figures = partnership_figures(partnership)
    assert figures.people == 9
    assert not figures.enough_people
    client.force_login(coordinator.user)
    page = client.get(reverse("wellbeing:partnership", kwargs={"partnership_slug": partnership.slug})).content
    assert b"Not enough people have chosen to be counted yet" in page
    assert b"average" not in page


def test_the_partnership_sees_averages_and_bands_of_ten_or_more_with_small_bands_hidden(client):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    _people_in(partnership, 10)
    _people_in(partnership, 2, scores={"life_satisfaction": 2, "worthwhile": 9, "happy": 4, "anxious": 6})
    figures = partnership_figures(partnership)
    assert figures.people == 12
    life = figures.questions[0]
    assert str(life.average) == "6.2"
    assert life.average_band.label == "Medium"
    counts = dict((band.label, count) for band, count in life.band_counts)
    # 2 people are "low" and 10 "high": the 2 are too few, and the 10 would give them away against the total of 12.
    assert counts["Low"] is None
    assert counts["High"] is None
    worthwhile = dict((band.label, count) for band, count in figures.questions[1].band_counts)
    assert worthwhile["Very high"] == 12
    client.force_login(coordinator.user)
    page = client.get(reverse("wellbeing:partnership", kwargs={"partnership_slug": partnership.slug})).content
    assert b"Not shown, so nobody can be picked out" in page
    assert b"12 people" in page


def test_figures_count_each_person_once_with_their_newest_counted_answer():
    answers = [Answer(life_satisfaction=5, worthwhile=5, happy=5, anxious=5) for _ in range(10)]
    figures = figures_from(answers)
    assert figures.people == 10
    assert str(figures.questions[3].average) == "5.0"


def test_the_download_has_the_answers_and_deleting_the_account_removes_them():
    person = UserFactory()
    services.record_answers(person, SCORES, by=person)
    assert collect(person)["your_wellbeing_answers"][0]["worthwhile"] == 9
    erase(person)
    assert not Answer.objects.exists()


def test_the_figures_page_takes_the_same_queries_however_many_people(client):
    from django.test.utils import CaptureQueriesContext

    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    url = reverse("wellbeing:partnership", kwargs={"partnership_slug": partnership.slug})

    def count():
        client.force_login(coordinator.user)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _people_in(partnership, 10)
    few = count()
    _people_in(partnership, 15)
    assert count() == few
