"""Count the syllables of an English word, offline and fast.

textstat looks words up in the CMU pronouncing dictionary, which nltk downloads at run time, and falls back to
pyphen's hyphenation points. Hyphenation is not syllabification: pyphen's British dictionary gives "people",
"every" and "area" one syllable each. So we count vowel sounds, peel off endings whose sound we know (-ed, -es,
-ing, -ly, -ment), and keep a short list of common words the rules get wrong.
tests/language/test_syllables.py holds the words we measure the rules against.
"""

import re
from functools import lru_cache

# Common words the rules get wrong, with their syllables in British English.
EXCEPTIONS = {
    "ago": 2,
    "any": 2,
    "area": 3,
    "business": 2,
    "cooperate": 4,
    "cooperation": 5,
    "cooperative": 5,
    "coordinate": 4,
    "coordinating": 5,
    "coordination": 5,
    "coordinator": 5,
    "create": 2,
    "created": 3,
    "creating": 3,
    "creation": 3,
    "creative": 3,
    "different": 3,
    "every": 3,
    "everybody": 4,
    "everyone": 4,
    "everything": 4,
    "everywhere": 3,
    "evening": 2,
    "fire": 1,
    "hour": 1,
    "idea": 3,
    "interest": 3,
    "interested": 4,
    "interesting": 4,
    "maybe": 2,
    "people": 2,
    "poem": 2,
    "poet": 2,
    "quiet": 2,
    "react": 2,
    "reaction": 3,
    "reality": 4,
    "really": 2,
    "reapply": 3,
    "reassure": 3,
    "recipe": 3,
    "reopen": 3,
    "reuse": 2,
    "science": 2,
    "simile": 3,
    "theatre": 3,
    "variety": 4,
    "wednesday": 2,
    "whole": 1,
}
# Compounds whose parts we count apart: "someone" is "some" and "one", and the "e" of "some" stays silent.
COMPOUND = re.compile(
    r"^(?:some|any|every|no|there|where|here|well)(?=(?:one|thing|body|where|times?|how|what|ways?|place|fore|being)$)"
)
# A silent "e" inside a compound: stakeholder, framework, lifetime, homeless.
SILENT_E_INSIDE = re.compile(
    r"(?<=[aiou][^aeiouy])e(?=(?:work|holder|hold|time|line|site|book|house|place|ware|side|way|like|land|guard|ship)s?$)"
)

VOWEL_GROUP = re.compile(r"(?:[aeiou]|y(?![aeiou]))+")
# Vowel pairs that are sounded apart: media, radio, premium, actual, continuous, museum, video, client, diet.
SOUNDED_APART = re.compile(
    r"""
      (?<![ctsgx])i[ao](?!n$|ns$|nal$)   # media, radio, various (not "nation", "special", "religious")
    | (?<![ctsgx])io(?=n$|ns$|nal$)(?<=[^l]io)(?<!nio)  # lion, radio-ish endings, but not million or union
    | iu                                # premium, medium
    | (?<![gq])ua(?![aeiou])            # actual, gradual, evaluate (not "quarter", "language")
    | uo                                # continuous
    | (?<![gq])ue(?=n|l|t)              # fluent, influence, cruel, duet
    | (?<!g)eo                          # video, theory, neon (not "pigeon", "surgeon")
    | eum|eu(?=m$)                       # museum
    | ie(?=rs?$|st$|t)                  # barrier, easiest, diet, variety, society
    | (?<![cts])ie(?=nce|nts?$)         # experience, client (not "sufficient", "patient")
    """,
    re.VERBOSE,
)
NON_LETTER = re.compile(r"[^a-z]")
OTHER_ALPHABET_VOWELS = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœāēīōūăĕĭŏŭąęįųаеёиоуыэюяαεηιουωάέήίόύώ]+")
SIBILANT_ENDING = ("s", "x", "z", "ch", "sh")


def count_syllables(word):
    """How many syllables the word has: at least one for any word with a letter or digit in it."""
    return _count(word.lower())


@lru_cache(maxsize=100_000)
def _count(word):
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if "-" in word:
        return sum(_count(part) for part in word.split("-") if part) or 1
    letters = NON_LETTER.sub("", word)
    if not letters:
        if word.isdigit() or not word:
            return 1
        # Letters from outside the English alphabet: one beat per vowel group is the best guess we have.
        return max(1, len(OTHER_ALPHABET_VOWELS.findall(word)))
    return max(1, _count_letters(letters))


def _count_letters(word):
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    if len(word) <= 3:
        return 1
    compound = COMPOUND.match(word)
    if compound:
        return _count_letters(word[: compound.end()]) + _count_letters(word[compound.end() :])
    return _without_ending(word)


def _without_ending(word):
    """Peel one ending we know the sound of, and count what is left."""
    if word.endswith("ies") and len(word) > 4:
        return _count_letters(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        stem = word[:-2]
        if stem.endswith(SIBILANT_ENDING):
            return _count_letters(stem) + 1  # boxes, wishes, watches
        if stem[-1] in "cgsz":
            return _count_letters(word[:-1]) + 1  # changes, pages, places, uses
        return _count_letters(word[:-1])  # makes, tables, measures
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")) and len(word) > 4:
        return _count_letters(word[:-1])
    if word.endswith("ied") and len(word) > 4:
        return _count_letters(word[:-3] + "y")
    if word.endswith("ed") and len(word) > 3:
        stem = word[:-2]
        if stem[-1] in "td":
            return _count_letters(stem) + 1  # wanted, needed, included
        if stem[-1] in "aeiouycgvsz" or stem.endswith(("bl", "cl", "dl", "fl", "gl", "kl", "pl", "tl", "zl")):
            return _count_letters(word[:-1])  # agreed, issued, experienced, lived, used, disabled, tackled
        return _count_letters(stem)
    if word.endswith("ing") and len(word) > 4 and VOWEL_GROUP.search(word[:-3]):
        return _count_letters(word[:-3]) + 1
    if word.endswith("ly") and len(word) > 4 and VOWEL_GROUP.search(word[:-2]):
        return _count_letters(word[:-2]) + 1
    for ending in ("ments", "ment", "ness", "less", "ful"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and VOWEL_GROUP.search(stem):
            return _count_letters(stem) + 1
    return _count_stem(word)


def _count_stem(word):
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and count > 1 and _final_e_is_silent(word):
        count -= 1
    count += len(SOUNDED_APART.findall(word))
    count -= len(SILENT_E_INSIDE.findall(word))
    return count


def _final_e_is_silent(word):
    before = word[-2]
    if before in "aeio" and before != "y":
        return False  # agree, die, canoe: the "e" belongs to a sounded vowel pair
    if before == "u":
        return word[-3] in "gq"  # league, unique (but value, issue, continue)
    # table, people, centre, acre: a consonant, then "le" or "re", is a syllable of its own.
    return not (before in "lr" and word[-3] not in "aeiouy" and word[-3] != before)
