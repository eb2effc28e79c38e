"""Worked examples for every figure. Each is worked out by hand in the comments, from the published formulas:

Flesch reading ease   = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
Flesch-Kincaid grade  = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
reading age           = grade + 5, never below 5
SMOG grade            = 1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291
"""

import math

import pytest

from included.language.checking import check_text
from included.language.checking.checker import MIN_WORDS_FOR_SCORES


def test_two_short_sentences_score_as_very_easy():
    # "The cat sat on the mat. It was happy."
    # words 9, sentences 2, syllables 10 (every word has one, "happy" has two), polysyllables 0.
    # reading ease = 206.835 - 1.015 * 4.5 - 84.6 * 10/9 = 206.835 - 4.5675 - 94.0 = 108.2675
    # grade = 0.39 * 4.5 + 11.8 * 10/9 - 15.59 = 1.755 + 13.1111 - 15.59 = -0.7239, so reading age 5 (the floor)
    # SMOG = 1.0430 * sqrt(0) + 3.1291 = 3.1291
    scores = check_text("The cat sat on the mat. It was happy.").scores
    assert (scores.words, scores.sentences, scores.syllables, scores.polysyllables) == (9, 2, 10, 0)
    assert scores.flesch_reading_ease == pytest.approx(108.2675)
    assert scores.flesch_kincaid_grade == pytest.approx(-0.72389, abs=1e-4)
    assert scores.reading_age == 5
    assert scores.smog == pytest.approx(3.1291)
    assert scores.average_sentence_words == 4.5
    assert scores.longest_sentence_words == 6


def test_one_sentence_with_jargon_has_a_reading_age_of_eleven():
    # "We will utilise the new system in order to help people."
    # words 11, sentences 1. Syllables: utilise 3, system 2, order 2, people 2, the other seven words 1 each = 16.
    # Polysyllables (3 or more): utilise = 1. Long words (7 letters or more): utilise = 1.
    # reading ease = 206.835 - 1.015 * 11 - 84.6 * 16/11 = 206.835 - 11.165 - 123.0545 = 72.6155
    # grade = 0.39 * 11 + 11.8 * 16/11 - 15.59 = 4.29 + 17.1636 - 15.59 = 5.8636; reading age 10.86, said as 11
    # SMOG = 1.0430 * sqrt(1 * 30 / 1) + 3.1291 = 1.0430 * 5.4772 + 3.1291 = 8.8418
    scores = check_text("We will utilise the new system in order to help people.").scores
    assert (scores.words, scores.sentences, scores.syllables, scores.polysyllables) == (11, 1, 16, 1)
    assert scores.flesch_reading_ease == pytest.approx(72.6155, abs=1e-4)
    assert scores.flesch_kincaid_grade == pytest.approx(5.8636, abs=1e-4)
    assert scores.reading_age == pytest.approx(10.8636, abs=1e-4)
    assert scores.reading_age_years == 11
    assert scores.smog == pytest.approx(8.8418, abs=1e-4)
    assert scores.long_words == 1
    assert scores.long_word_share == pytest.approx(1 / 11)


def test_smog_keeps_its_constant_outside_the_square_root():
    # "Organisations facilitate collaboration. Stakeholders participate enthusiastically."
    # sentences 2; every word has 3 syllables or more, so polysyllables 6.
    # SMOG = 1.0430 * sqrt(6 * 30 / 2) + 3.1291 = 1.0430 * 9.4868 + 3.1291 = 13.0239
    # Putting the constant inside the root, as some libraries do, gives sqrt(1.043 * 90) + 3.1291 = 12.8177.
    scores = check_text("Organisations facilitate collaboration. Stakeholders participate enthusiastically.").scores
    assert scores.polysyllables == 6
    assert scores.smog == pytest.approx(13.0239, abs=1e-4)
    assert scores.smog != pytest.approx(math.sqrt(1.043 * 90) + 3.1291, abs=1e-2)


def test_one_word_is_scored_but_marked_as_too_short_to_judge():
    # "Hello": words 1, sentences 1, syllables 2.
    # reading ease = 206.835 - 1.015 - 84.6 * 2 = 36.62; grade = 0.39 + 23.6 - 15.59 = 8.4; reading age 13.4
    report = check_text("Hello")
    assert report.scores.flesch_reading_ease == pytest.approx(36.62)
    assert report.scores.flesch_kincaid_grade == pytest.approx(8.4)
    assert report.scores.reading_age_years == 13
    assert report.enough_words_for_scores is False
    assert report.meets_reading_age is None
    assert report.flags == []


def test_empty_text_has_no_scores_and_no_flags():
    for empty in ("", "   \n\n  ", "<p></p>", "...", None):
        report = check_text(empty)
        assert report.scores.words == 0
        assert report.scores.flesch_reading_ease is None
        assert report.scores.flesch_kincaid_grade is None
        assert report.scores.smog is None
        assert report.scores.reading_age is None
        assert report.flags == []


def test_reading_age_is_judged_against_nine_once_there_are_enough_words():
    easy = " ".join(["We help people find work. We meet them where they are."] * 4)
    report = check_text(easy)
    assert report.scores.words >= MIN_WORDS_FOR_SCORES
    assert report.meets_reading_age is True
    hard = " ".join(["Organisations facilitate sustainable collaboration between stakeholders."] * 6)
    assert check_text(hard).meets_reading_age is False


def test_share_of_long_words_counts_words_of_seven_letters_or_more():
    # "Partnerships support people locally." has 4 words; partnerships (12) and support (7), locally (7) are long.
    scores = check_text("Partnerships support people locally.").scores
    assert scores.long_words == 3
    assert scores.long_word_percent == 75


def test_hyphenated_words_and_contractions_count_as_one_word():
    scores = check_text("We don't want a one-size-fits-all plan.").scores
    assert scores.words == 6


def test_numbers_count_as_words_of_one_syllable():
    scores = check_text("We helped 3,500 people in 2025.").scores
    # words: We, helped, 3,500, people, in, 2025 = 6; syllables 1 + 1 + 1 + 2 + 1 + 1 = 7
    assert (scores.words, scores.syllables) == (6, 7)


def test_web_and_email_addresses_are_left_out_of_the_scores():
    with_addresses = check_text("Email hello@example.org or visit https://example.org/a/long-page today.")
    without = check_text("Email or visit today.")
    assert with_addresses.scores.words == without.scores.words == 4
