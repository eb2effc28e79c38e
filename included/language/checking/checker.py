"""Check a text for plain and inclusive language: readability scores, and flags with suggestions.

Pure Python: no Django here, so the checker runs the same in a view, a management command, a test or a script.
Every offset in a Report points into the text as it was given, even when HTML was taken out before scoring.
"""

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache

import yaml

from .lexicon import DATA_DIR, YAML_LOADER, EntryKind, default_lexicon, keys_of
from .markup import strip_markup
from .syllables import count_syllables

SENTENCE_WORD_LIMIT = 25  # GOV.UK's limit
EASY_READ_SENTENCE_WORD_LIMIT = 15
TARGET_READING_AGE = 9
# Readability formulas were made for passages of 100 words or more. Below this, the scores swing too much to judge.
MIN_WORDS_FOR_SCORES = 30
LONG_WORD_LETTERS = 7  # a long word has seven letters or more, as in the LIX readability measure

# Words for counting: hyphens and apostrophes join ("well-known", "don't" are one word) and so do the points and
# commas inside numbers ("3.5", "10,000").
COUNT_WORD = re.compile(r"[^\W_]+(?:(?:['’-]|(?<=\d)[.,:/](?=\d))[^\W_]+)*")
HAS_LETTER = re.compile(r"[^\W\d_]")
# Web and email addresses are not prose: they are left out of the scores.
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
EMAIL_LEFT = re.compile(r"[\w.+-]+$")
EMAIL_RIGHT = re.compile(r"[\w-]+(?:\.[\w-]+)+")

SENTENCE_BREAK = re.compile(
    r"""
      (?P<stop>(?:[.!?]+|…)[\"'”’)\]]*)(?=\s|\Z)         # a full stop, question or exclamation mark
    | (?P<wide_stop>[。！？]+)                               # their Chinese and Japanese forms, with no space after
    | (?P<paragraph>\n[ \t\u00a0]*\n)                       # a blank line
    | (?P<line>\n)                                          # a line break
    """,
    re.VERBOSE,
)
INITIALS = re.compile(r"(?:^|\s|\()((?:[A-Za-z]\.)*[A-Za-z]|etc|no)$")
BULLET = re.compile(r"[ \t\u00a0]*(?:[-*•‣◦▪–]|\d{1,3}[.)])[ \t\u00a0]")


class FlagKind(StrEnum):
    LONG_SENTENCE = "long_sentence"
    PLAIN_WORDS = "plain_words"
    INCLUSIVE_LANGUAGE = "inclusive_language"
    PASSIVE_VOICE = "passive_voice"
    ABBREVIATION = "abbreviation"

    @property
    def label(self):
        return FLAG_LABELS[self]


FLAG_LABELS = {
    FlagKind.LONG_SENTENCE: "Long sentence",
    FlagKind.PLAIN_WORDS: "Plainer word",
    FlagKind.INCLUSIVE_LANGUAGE: "Inclusive language",
    FlagKind.PASSIVE_VOICE: "Passive voice",
    FlagKind.ABBREVIATION: "Abbreviation not explained",
}
LEXICON_FLAG_KINDS = {EntryKind.PLAIN: FlagKind.PLAIN_WORDS, EntryKind.INCLUSIVE: FlagKind.INCLUSIVE_LANGUAGE}
LONG_SENTENCE_WHY = (
    "Long sentences are harder to follow. Everyone understands short ones more quickly, most of all people who "
    "are tired, anxious, or reading in a second language."
)
PASSIVE_SUGGESTION = 'Say who does it. For example, "we sent the form", not "the form was sent".'
PASSIVE_WHY = "An active sentence is shorter and makes clear who does what."
ABBREVIATION_WHY = "Not everyone knows what it stands for. Spelling it out helps people new to the subject."


@dataclass(frozen=True)
class Flag:
    """Something worth a second look, with where it is in the original text and what to do about it."""

    kind: FlagKind
    start: int
    end: int
    text: str
    suggestion: str
    why: str
    # Stable across small edits to the text, so that a dismissed suggestion stays dismissed.
    key: str
    entry_key: str = ""
    entry_source: str = ""

    @property
    def label(self):
        return self.kind.label

    def as_dict(self):
        return {
            "kind": str(self.kind),
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "why": self.why,
            "key": self.key,
            "entry": self.entry_key,
            "entry_source": self.entry_source,
        }


@dataclass(frozen=True)
class Scores:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0
    long_words: int = 0
    longest_sentence_words: int = 0
    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None
    smog: float | None = None

    @property
    def average_sentence_words(self):
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self):
        return self.long_words / self.words if self.words else 0.0

    @property
    def long_word_percent(self):
        return round(self.long_word_share * 100)

    @property
    def reading_age(self):
        """The age at which a typical reader can follow the text: the US school grade plus five, never below 5."""
        if self.flesch_kincaid_grade is None:
            return None
        return max(5.0, self.flesch_kincaid_grade + 5)

    @property
    def reading_age_years(self):
        """The reading age in whole years, as people say it: 9.4 is 9, 9.5 is 10."""
        age = self.reading_age
        return None if age is None else math.floor(age + 0.5)

    def as_dict(self):
        def rounded(value):
            return None if value is None else round(value, 2)

        return {
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "polysyllables": self.polysyllables,
            "long_words": self.long_words,
            "long_word_share": round(self.long_word_share, 4),
            "average_sentence_words": round(self.average_sentence_words, 2),
            "longest_sentence_words": self.longest_sentence_words,
            "flesch_reading_ease": rounded(self.flesch_reading_ease),
            "flesch_kincaid_grade": rounded(self.flesch_kincaid_grade),
            "reading_age": rounded(self.reading_age),
            "reading_age_years": self.reading_age_years,
            "smog": rounded(self.smog),
        }


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: int
    first_word: int = 0


@dataclass
class Report:
    text: str
    scores: Scores
    flags: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    easy_read: bool = False
    likely_english: bool = True

    @property
    def target_reading_age(self):
        return TARGET_READING_AGE

    @property
    def min_words_for_scores(self):
        return MIN_WORDS_FOR_SCORES

    @property
    def sentence_word_limit(self):
        return EASY_READ_SENTENCE_WORD_LIMIT if self.easy_read else SENTENCE_WORD_LIMIT

    @property
    def enough_words_for_scores(self):
        return self.scores.words >= MIN_WORDS_FOR_SCORES

    @property
    def meets_reading_age(self):
        """True or False when there are enough words to judge; None when there are not."""
        if not self.enough_words_for_scores:
            return None
        return self.scores.reading_age_years <= TARGET_READING_AGE

    @property
    def long_sentences(self):
        return [flag for flag in self.flags if flag.kind == FlagKind.LONG_SENTENCE]

    def flags_of(self, kind):
        return [flag for flag in self.flags if flag.kind == kind]

    def as_dict(self):
        return {
            "scores": self.scores.as_dict(),
            "targets": {
                "reading_age": TARGET_READING_AGE,
                "sentence_words": self.sentence_word_limit,
                "min_words_for_scores": MIN_WORDS_FOR_SCORES,
            },
            "easy_read": self.easy_read,
            "likely_english": self.likely_english,
            "enough_words_for_scores": self.enough_words_for_scores,
            "meets_reading_age": self.meets_reading_age,
            "flags": [flag.as_dict() for flag in self.flags],
        }


def check_text(text, *, easy_read=False, lexicon=None):
    """Score the text and flag long sentences, jargon, exclusive language, passive voice and unexplained
    abbreviations. `lexicon` defaults to the word lists Included ships with."""
    text = text or ""
    if lexicon is None:
        lexicon = default_lexicon()
    plain = strip_markup(text)
    prose = _without_addresses(plain.text)
    words, match_words = _words(prose)
    sentences = _sentences(prose, words)
    scores = _scores(words, sentences)
    limit = EASY_READ_SENTENCE_WORD_LIMIT if easy_read else SENTENCE_WORD_LIMIT

    found = []
    for sentence in sentences:
        if sentence.words > limit:
            found.append(_long_sentence_flag(prose, sentence, limit, words))
    word_flags = [_lexicon_flag(prose, match) for match in lexicon.find_in(prose, match_words)]
    word_flags.extend(_passive_flags(prose, match_words))
    word_flags = _without_overlaps(word_flags)
    word_flags.extend(_abbreviation_flags(prose, plain, word_flags))
    found.extend(word_flags)

    flags = []
    for flag in found:
        start, end = plain.original_span(flag.start, flag.end)
        flags.append(_moved(flag, start, end))
    flags.sort(key=lambda flag: (flag.start, -flag.end, flag.kind))
    original_sentences = [Sentence(*plain.original_span(s.start, s.end), s.words) for s in sentences]
    return Report(
        text=text,
        scores=scores,
        flags=flags,
        sentences=original_sentences,
        easy_read=easy_read,
        likely_english=_likely_english(words),
    )


def _without_addresses(text):
    """The text with web and email addresses blanked out, letter for letter, so that offsets do not move."""
    if "www." in text or "://" in text:
        text = WEB_ADDRESS.sub(lambda match: " " * len(match.group()), text)
    if "@" not in text:
        return text
    # Emails are found from their "@", which is rare, rather than by trying a pattern at every letter.
    pieces = []
    copied_until = 0
    at = text.find("@")
    while at != -1:
        left = EMAIL_LEFT.search(text, max(copied_until, at - 64), at)
        right = EMAIL_RIGHT.match(text, at + 1)
        if left and right:
            pieces.append(text[copied_until : left.start()])
            pieces.append(" " * (right.end() - left.start()))
            copied_until = right.end()
        at = text.find("@", max(at + 1, copied_until))
    pieces.append(text[copied_until:])
    return "".join(pieces)


def _words(text):
    """Words for counting, (start, end, word); and words for matching phrases, (start, end, stem key, exact key).

    They differ only at hyphens: "well-known" counts as one word but matches as two, so that "hard-to-reach" and
    "hard to reach" find the same entry. One pass over the text makes both.
    """
    counted = []
    matched = []
    add_counted = counted.append
    add_matched = matched.append
    for match in COUNT_WORD.finditer(text):
        word = match.group()
        start = match.start()
        end = match.end()
        add_counted((start, end, word))
        if "-" not in word:
            stem, exact = keys_of(word)
            add_matched((start, end, stem, exact))
            continue
        offset = start
        for part in word.split("-"):
            stem, exact = keys_of(part)
            add_matched((offset, offset + len(part), stem, exact))
            offset += len(part) + 1
    return counted, matched


def _sentences(text, words):
    """Sentences as spans of the text with their word counts. Spans without words are left out."""
    spans = []
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if _ends_sentence(text, match):
            spans.append((start, match.start() if match.group("paragraph") or match.group("line") else match.end()))
            start = match.end()
    spans.append((start, len(text)))

    sentences = []
    index = 0
    total = len(words)
    for span_start, span_end in spans:
        while index < total and words[index][0] < span_start:
            index += 1
        first = index
        while index < total and words[index][0] < span_end:
            index += 1
        if index > first:
            end = _trim_end(text, words[index - 1][1], max(span_end, words[index - 1][1]))
            sentences.append(Sentence(words[first][0], end, index - first, first))
    return sentences


def _trim_end(text, last_word_end, end):
    """A sentence ends at its closing punctuation, not at the spaces or breaks after it."""
    while end > last_word_end and text[end - 1].isspace():
        end -= 1
    return end


def _ends_sentence(text, match):
    if match.group("paragraph") or match.group("wide_stop"):
        return True
    if match.group("line"):
        return _line_break_ends_sentence(text, match.start())
    stop = match.group("stop")
    before = text[max(0, match.start() - 12) : match.start()]
    after = text[match.end() : match.end() + 3].lstrip()
    if stop[0] in "!?":
        return True
    word = before.split()[-1].lower() if before.split() else ""
    word = word.lstrip("(\"'“‘")
    if stop.startswith(".") and len(stop.rstrip("\"'”’)]")) == 1:
        rules = grammar()
        if word in rules["titles"] or word in rules["always_joined"]:
            return False
        if INITIALS.search(before) and after[:1].islower():
            return False
    return not (stop.startswith(("…", "...")) and after[:1].islower())


def _line_break_ends_sentence(text, position):
    """A single line break ends a sentence unless the next line carries on the sentence, as wrapped text does:
    it starts in lower case or with punctuation that cannot start a sentence."""
    following = text[position + 1 : position + 80]
    if BULLET.match(following):
        return True
    next_char = following.lstrip()[:1]
    previous = text[max(0, position - 80) : position].rstrip()[-1:]
    carries_on = next_char.islower() or (next_char != "" and next_char in ",;:)]}")
    return not (carries_on and (previous.isalnum() or previous in ",;:–-"))


@lru_cache(maxsize=100_000)
def _syllables(word):
    return count_syllables(word) if HAS_LETTER.search(word) else 1


def _scores(words, sentences):
    word_count = len(words)
    sentence_count = len(sentences)
    if not word_count:
        return Scores()
    syllables = 0
    polysyllables = 0
    long_words = 0
    syllables_of = _syllables
    for _, _, word in words:
        count = syllables_of(word)
        syllables += count
        if count >= 3:
            polysyllables += 1
        if len(word) >= LONG_WORD_LETTERS and (word.isalpha() or _letters(word) >= LONG_WORD_LETTERS):
            long_words += 1
    words_per_sentence = word_count / sentence_count
    syllables_per_word = syllables / word_count
    return Scores(
        words=word_count,
        sentences=sentence_count,
        syllables=syllables,
        polysyllables=polysyllables,
        long_words=long_words,
        longest_sentence_words=max(sentence.words for sentence in sentences),
        flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        smog=1.0430 * math.sqrt(polysyllables * 30 / sentence_count) + 3.1291,
    )


def _letters(word):
    return sum(1 for char in word if char.isalpha())


def _long_sentence_flag(text, sentence, limit, words):
    opening_words = words[sentence.first_word : sentence.first_word + min(sentence.words, 8)]
    opening = " ".join(word.lower() for _, _, word in opening_words)
    return Flag(
        kind=FlagKind.LONG_SENTENCE,
        start=sentence.start,
        end=sentence.end,
        text=text[sentence.start : sentence.end],
        suggestion=f"Split it into shorter sentences. It has {sentence.words} words: aim for {limit} or fewer.",
        why=LONG_SENTENCE_WHY,
        key=f"{FlagKind.LONG_SENTENCE}:{opening}",
    )


def _lexicon_flag(text, match):
    entry = match.entry
    kind = LEXICON_FLAG_KINDS[entry.kind]
    return Flag(
        kind=kind,
        start=match.start,
        end=match.end,
        text=text[match.start : match.end],
        suggestion=entry.instead,
        why=entry.why,
        key=f"{kind}:{entry.key}",
        entry_key=entry.key,
        entry_source=entry.source,
    )


def _passive_flags(text, words):
    rules = grammar()
    be_verbs = rules["be_verbs"]
    flags = []
    count = len(words)
    for index, (start, _, _, exact) in enumerate(words):
        if exact not in be_verbs:
            continue
        cursor = index + 1
        skipped = 0
        while cursor < count and skipped < 2 and _is_gap_word(words[cursor][3], rules):
            cursor += 1
            skipped += 1
        if cursor >= count or not _only_spaces(text, words[cursor - 1][1], words[cursor][0]):
            continue
        participle = words[cursor][3]
        if not _is_participle(participle, rules):
            continue
        if participle in {"used", "supposed"} and cursor + 1 < count and words[cursor + 1][3] == "to":
            continue
        flags.append(
            Flag(
                kind=FlagKind.PASSIVE_VOICE,
                start=start,
                end=words[cursor][1],
                text=text[start : words[cursor][1]],
                suggestion=PASSIVE_SUGGESTION,
                why=PASSIVE_WHY,
                key=f"{FlagKind.PASSIVE_VOICE}:{exact} {participle}",
            )
        )
    return flags


def _is_gap_word(word, rules):
    if word in rules["passive_gap_words"]:
        return True
    return word.endswith("ly") and len(word) > 4 and word not in rules["adverb_lookalikes"]


def _only_spaces(text, end, start):
    return start - end <= 3 and not text[end:start].strip()


def _is_participle(word, rules):
    if word in rules["irregular_participles"]:
        return True
    return word.endswith("ed") and len(word) >= 5 and word not in rules["not_passive"] and word.isalpha()


def _without_overlaps(flags):
    """Where two word flags overlap, keep the one that starts first, and the longer of two that start together."""
    flags = sorted(flags, key=lambda flag: (flag.start, -(flag.end - flag.start)))
    kept = []
    last_end = -1
    for flag in flags:
        if flag.start >= last_end:
            kept.append(flag)
            last_end = flag.end
    return kept


ABBREVIATION = re.compile(r"(?<![\w&.])([A-Z][A-Z0-9&]*[A-Z])(?:s|['’]s)?(?![\w&]|\.[A-Za-z])")
DEFINED_AFTER = re.compile(r"\(\s*([A-Z][A-Z0-9&]*[A-Z])(?:s|['’]s)?\s*\)")
DEFINED_BEFORE = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z])(?:s|['’]s)?\s*\(\s*[A-Za-z]")
ABBR_TAG = re.compile(r"<abbr\b[^>]*\btitle\s*=\s*[\"']?[^\"'>\s][^>]*>\s*([A-Z][A-Z0-9&]*[A-Z])s?\s*</abbr>")
CAPITALS_WORD = re.compile(r"(?<![\w])[A-Z][A-Z'’&-]+(?![\w])")
ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _abbreviation_flags(text, plain, word_flags):
    if not any(char.isupper() for char in text):
        return []
    known = well_known_abbreviations()
    defined = {}
    for pattern in (DEFINED_AFTER, DEFINED_BEFORE):
        for match in pattern.finditer(text):
            defined.setdefault(match.group(1), match.start(1))
    if plain.had_markup:
        for match in ABBR_TAG.finditer(plain.original):
            defined.setdefault(match.group(1), -1)
    covered = sorted((flag.start, flag.end) for flag in word_flags)
    covered_starts = [span[0] for span in covered]
    flags = []
    seen = set()
    for match in ABBREVIATION.finditer(text):
        abbreviation = match.group(1)
        start, end = match.start(), match.end()
        if abbreviation in seen or abbreviation in known or match.group() in known:
            continue
        if ROMAN_NUMERAL.fullmatch(abbreviation):
            continue
        if abbreviation in defined and defined[abbreviation] <= end:
            continue
        if _inside_any(start, end, covered, covered_starts) or _is_shouting(text, start, end):
            continue
        seen.add(abbreviation)
        flags.append(
            Flag(
                kind=FlagKind.ABBREVIATION,
                start=start,
                end=end,
                text=text[start:end],
                suggestion=f"Say what {abbreviation} stands for the first time you use it, or use words instead.",
                why=ABBREVIATION_WHY,
                key=f"{FlagKind.ABBREVIATION}:{abbreviation}",
            )
        )
    return flags


def _is_shouting(text, start, end):
    """Capitals in a heading or a shouted line ("PLEASE READ THIS NOTE") are not abbreviations."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 60)
    line_end = text.find("\n", end, end + 60)
    line = text[line_start : line_end if line_end != -1 else end + 60]
    capitals = len(CAPITALS_WORD.findall(line))
    return capitals >= 3 and capitals * 2 >= len(line.split())


def _inside_any(start, end, spans, starts):
    """Whether start:end overlaps any of the sorted, non-overlapping spans."""
    index = bisect_right(starts, end - 1) - 1
    return index >= 0 and spans[index][1] > start


@cache
def well_known_abbreviations():
    return frozenset(_data_file("abbreviations.yaml")["well_known"])


@cache
def grammar():
    """The word lists the rules use, as sets: be_verbs, irregular_participles, not_passive and the rest."""
    return {name: frozenset(str(word) for word in words) for name, words in _data_file("grammar.yaml").items()}


def _data_file(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=YAML_LOADER)  # noqa: S506 - YAML_LOADER is a safe loader


def _likely_english(words):
    """False when the text looks like another language, so its English scores would mislead.
    A sample of a thousand words, spread through the text, is enough to tell."""
    step = max(1, len(words) // 1000)
    lettered = [word for _, _, word in words[::step] if not word.isdigit()]
    if not lettered:
        return True
    non_latin = sum(1 for word in lettered if not word.isascii())
    if non_latin / len(lettered) > 0.3:
        return False
    if len(lettered) < 12:
        return True
    common_english = grammar()["common_english"]
    common = sum(1 for word in lettered if word.lower() in common_english)
    return common / len(lettered) >= 0.15


def _moved(flag, start, end):
    if start == flag.start and end == flag.end:
        return flag
    return Flag(
        kind=flag.kind,
        start=start,
        end=end,
        text=flag.text,
        suggestion=flag.suggestion,
        why=flag.why,
        key=flag.key,
        entry_key=flag.entry_key,
        entry_source=flag.entry_source,
    )
