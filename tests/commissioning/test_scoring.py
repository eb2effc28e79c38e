"""Scoring frameworks as data: the shipped template, and the checks every scoring file passes."""

import copy

import pytest

from included.commissioning import scoring
from included.commissioning.loader import shipped_scoring_frameworks
from included.commissioning.models import ScoringFramework


def shipped():
    return scoring.read_text(scoring.shipped_files()[0].read_text(encoding="utf-8"))


def problems_with(content):
    with pytest.raises(scoring.ScoringFileError) as error:
        scoring.parse(content)
    return " ".join(error.value.problems)


def test_the_shipped_template_weights_add_up_to_100_with_social_value_at_least_10():
    scheme = scoring.parse(shipped())
    assert sum(criterion.weight for criterion in scheme.criteria) == 100
    assert scheme.social_value_weight >= scoring.MIN_SOCIAL_VALUE_WEIGHT
    assert all(len(criterion.descriptors) == len(scheme.scale) for criterion in scheme.criteria)


def test_the_shipped_template_credits_emif_and_colif_and_ships_no_licensed_measures():
    text = scoring.shipped_files()[0].read_text(encoding="utf-8")
    assert "East Midlands Inclusion Framework" in text
    assert "COLIF" in text
    criteria = scoring.parse(shipped()).criteria
    sources = " ".join(criterion.source for criterion in criteria)
    assert "EMIF" in sources and "COLIF" in sources
    assert not any("TOMs" in criterion.title + criterion.question + criterion.source for criterion in criteria)


def test_weights_that_do_not_add_up_to_100_are_refused():
    content = shipped()
    content["criteria"][0]["weight"] += 5
    assert "The weights add up to 105" in problems_with(content)


def test_too_little_social_value_is_refused():
    content = shipped()
    for criterion in content["criteria"]:
        criterion.pop("social_value", None)
    assert "Social value has a weight of 0" in problems_with(content)


def test_a_score_without_a_descriptor_is_refused():
    content = shipped()
    del content["criteria"][2]["descriptors"][4]
    assert "criterion 3 says nothing for score 4" in problems_with(content)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(format="other/1"), "format: included-scoring/1"),
        (lambda c: c["criteria"].append(copy.deepcopy(c["criteria"][0])), "is used twice"),
        (lambda c: c["criteria"][0].update(weight="lots"), "needs a weight"),
        (lambda c: c.update(scale=[{"score": 1, "name": "One"}, {"score": 3, "name": "Three"}]), "no gaps"),
        (lambda c: c.update(criteria=[]), "at least one criterion"),
    ],
)
def test_each_problem_is_named_in_plain_words(change, expected):
    content = shipped()
    change(content)
    assert expected in problems_with(content)


def test_files_that_are_not_yaml_or_too_big_are_refused():
    with pytest.raises(scoring.ScoringFileError):
        scoring.read_text("criteria: [unclosed")
    with pytest.raises(scoring.ScoringFileError):
        scoring.read_text("a" * (scoring.MAX_FILE_BYTES + 1))


@pytest.mark.django_db
def test_shipped_frameworks_load_once_and_read_back_the_same():
    first = shipped_scoring_frameworks()
    again = shipped_scoring_frameworks()
    assert [f.pk for f in first] == [f.pk for f in again]
    assert ScoringFramework.objects.count() == len(scoring.shipped_files())
    assert first[0].scheme == scoring.parse(shipped())
