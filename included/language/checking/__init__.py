"""The checking core: plain Python, no Django. Start with `check_text`."""

from .checker import (
    EASY_READ_SENTENCE_WORD_LIMIT,
    MIN_WORDS_FOR_SCORES,
    SENTENCE_WORD_LIMIT,
    TARGET_READING_AGE,
    Flag,
    FlagKind,
    Report,
    Scores,
    Sentence,
    check_text,
)
from .lexicon import Entry, EntryKind, Lexicon, default_entries, default_lexicon
from .syllables import count_syllables

__all__ = [
    "EASY_READ_SENTENCE_WORD_LIMIT",
    "MIN_WORDS_FOR_SCORES",
    "SENTENCE_WORD_LIMIT",
    "TARGET_READING_AGE",
    "Entry",
    "EntryKind",
    "Flag",
    "FlagKind",
    "Lexicon",
    "Report",
    "Scores",
    "Sentence",
    "check_text",
    "count_syllables",
    "default_entries",
    "default_lexicon",
]
