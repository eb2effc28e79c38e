"""Charity and company numbers are checked and written one way; organisation names are compared as people mean them."""

import pytest

from included.joining import names, numbers


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1123456", "1123456"),  # a charity in England and Wales
        ("212345", "212345"),  # an older one, 6 digits
        ("1123456-1", "1123456-1"),  # a linked charity
        (" 1123456-12 ", "1123456-12"),
        ("sc 012 345", "SC012345"),  # a Scottish charity
        ("NIC100002", "NIC100002"),  # a Northern Irish charity
        ("nic 100002", "NIC100002"),
        ("100", "100"),  # an older Northern Irish number
        ("01234567", "01234567"),  # a company in England and Wales
        ("oc301234", "OC301234"),  # a limited liability partnership
        ("NI 612345", "NI612345"),  # a company in Northern Ireland
    ],
)
def test_real_numbers_are_accepted_in_capitals_without_spaces(typed, kept):
    assert numbers.normalise(typed) == kept
    assert numbers.is_valid(numbers.normalise(typed))


@pytest.mark.parametrize(
    "typed",
    ["12", "123456789", "1123456-123", "SC12345", "SC1234567", "NIC12345", "ABC12345", "12-34", "1123456/1", "not one"],
)
def test_numbers_in_no_register_format_are_refused(typed):
    assert not numbers.is_valid(numbers.normalise(typed))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The Riverside Food Bank Ltd.", "riverside foodbank"),
        ("Smith & Sons Limited", "Smith and Sons"),
        ("St. John's Community Trust CIC", "St Johns Community Trust"),
        ("Café Léon", "Cafe Leon"),
        ("Riverside Food Bank", "Riversde Food Bank"),  # a letter missing
    ],
)
def test_names_written_differently_read_as_the_same_organisation(first, second):
    assert names.are_alike(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Riverside Food Bank", "Riverside Housing Association"),
        ("Northgate Tenants Group", "Southgate Sports Club"),
        ("The Ltd", "Riverside"),
    ],
)
def test_different_organisations_are_not_alike(first, second):
    assert not names.are_alike(first, second)


def test_a_name_of_only_ignored_words_is_like_nothing():
    assert names.likeness("The Ltd", "The Limited") == 0.0


def test_the_stems_are_the_beginnings_of_the_longest_words():
    assert names.stems("The Riverside Food Bank Ltd") == ["rive", "bank"]
    assert names.stems("A & B") == []


def test_the_quick_comparison_of_many_names_gives_the_same_verdict_as_the_full_one():
    # The requests page compares each request with many members: it may rule pairs out on difflib's upper bounds.
    found = [
        "Riverside Food Bank",
        "Riverside Foodbank Ltd",
        "Rivreside Food Bank",
        "The Riverside Community Trust",
        "Riverside Communities Trust CIC",
        "River Works",
        "Riverside Works",
        "Northgate Housing",
        "North Gate Housing Association",
        "Allotment Society",
    ]
    for first in found:
        for second in found:
            full = names.likeness(first, second)
            quick = names.likeness_of_keys(names.key(first), names.key(second), at_least=names.SIMILAR_ENOUGH)
            assert (quick >= names.SIMILAR_ENOUGH) == (full >= names.SIMILAR_ENOUGH), (first, second)
            assert (quick == 1.0) == (full == 1.0), (first, second)
