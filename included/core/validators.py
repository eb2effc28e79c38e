"""Checks on what people type, shared by every app's forms."""

import unicodedata

from django.core.exceptions import ValidationError

HIDDEN_CHARACTERS = "This has a hidden character in it, perhaps from copying and pasting. Type it in again"

# Unicode's format characters (Cf) change how text is shown without being seen: the bidi controls that can make
# "Kim<U+202E>gpj.exe" show as "Kimexe.jpg", zero-width spaces, the byte order mark. Control characters (Cc) and
# the line and paragraph separators (Zl, Zp) have no place in a name either.
HIDDEN_CATEGORIES = {"Cf", "Cc", "Zl", "Zp"}
# Two format characters are part of how some languages are written, so they stay: the zero-width non-joiner
# (Persian, and other scripts) and the zero-width joiner (Indic scripts, and emoji such as a family).
NEEDED_TO_WRITE = {"\u200c", "\u200d"}


def no_hidden_characters(value):
    """Refuse text with characters that are not seen but change how it is shown, like right-to-left overrides.

    For names and other short text that is shown to other people.
    """
    if any(
        unicodedata.category(character) in HIDDEN_CATEGORIES and character not in NEEDED_TO_WRITE for character in value
    ):
        raise ValidationError(HIDDEN_CHARACTERS, code="hidden_characters")
