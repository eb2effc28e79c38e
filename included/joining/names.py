"""Telling whether two organisation names are probably the same organisation.

Names are compared after taking out what people write differently about the same thing: capitals, accents,
punctuation, "&" or "and", "the", and the legal endings (Ltd, Limited, CIC, CIO, PLC, LLP). "The Riverside
Food Bank Ltd." and "riverside foodbank" then read as the same name.
"""

import difflib
import re
import unicodedata
from collections import Counter
from functools import lru_cache

IGNORED_WORDS = frozenset({"the", "and", "ltd", "limited", "cic", "cio", "plc", "llp"})
# How alike two names must be, from 0 to 1, to be shown as possibly the same organisation.
SIMILAR_ENOUGH = 0.85
# The first letters of a word that a name must contain to be compared at all: "rive" finds "Riverside",
# and "Riversde" with a letter missing.
STEM_LENGTH = 4


def words(name):
    """The words of a name that tell it apart, in lower case, without accents or punctuation."""
    text = unicodedata.normalize("NFKD", name or "").casefold()
    text = "".join(character for character in text if not unicodedata.combining(character))
    text = text.replace("&", " and ")
    text = re.sub(r"['’.]", "", text)  # St. John's -> st johns
    return [word for word in re.findall(r"[^\W_]+", text) if word not in IGNORED_WORDS]


@lru_cache(maxsize=20_000)
def key(name):
    """The name as it is compared: its words run together, so "food bank" and "foodbank" match.

    Kept for the names seen last (a few MB at most): the list of requests compares the same members' names with
    every request, on every visit."""
    return "".join(words(name))


@lru_cache(maxsize=20_000)
def _letters(key):
    return Counter(key)


def likeness(first, second):
    """How alike two names are, from 0 (nothing alike) to 1 (the same once normalised)."""
    return likeness_of_keys(key(first), key(second))


def likeness_of_keys(a, b, *, at_least=0.0):
    """`likeness` of two names' keys. With `at_least`, any figure below it may come back as 0: difflib's quick upper
    bounds rule most pairs out before the slow comparison."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if at_least:
        # difflib's real_quick_ratio and quick_ratio, worked out without building a matcher for every pair: the
        # ratio can be no higher than the shorter name allows, nor than the letters the two have in common.
        length = len(a) + len(b)
        if 2 * min(len(a), len(b)) / length < at_least:
            return 0.0
        if 2 * (_letters(a) & _letters(b)).total() / length < at_least:
            return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def are_alike(first, second):
    return likeness(first, second) >= SIMILAR_ENOUGH


def stems(name, *, count=2):
    """The beginnings of the name's longest words: a name that shares none of them is not worth comparing."""
    longest = sorted({word for word in words(name) if len(word) >= 3}, key=lambda word: (-len(word), word))
    return [word[:STEM_LENGTH] for word in longest[:count]]
