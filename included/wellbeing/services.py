"""The person answers, and deletes answers. Nobody else changes them; nobody else reads them."""

from django.db import transaction

from included.access.rules import is_the_person, require

from .models import Answer

ONLY_THE_PERSON = "Only the person who answered can change their wellbeing answers."


def record_answers(person, scores, *, counts_in_partnership_figures=False, by):
    """One set of answers to the four questions: `scores` maps each question's key to a whole number 0 to 10."""
    require(is_the_person(by, person), ONLY_THE_PERSON)
    return Answer.objects.create(person=person, counts_in_partnership_figures=counts_in_partnership_figures, **scores)


def delete_answer(answer, *, by):
    require(is_the_person(by, answer.person), ONLY_THE_PERSON)
    answer.delete()


def delete_all_answers(person, *, by):
    require(is_the_person(by, person), ONLY_THE_PERSON)
    with transaction.atomic():
        return Answer.objects.of(person).delete()[0]
