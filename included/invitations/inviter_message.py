"""The message an inviter may add to an invitation: their own words, sent from Included's address.

Because it arrives from Included, a message could be used to make a false link look trusted ("Accept here:
https://..."). So it is kept to plain text: it is sent only in plain-text email, escaped on the page, limited in
length, and any web address, email address or link is replaced by "[link removed]". The only link in an
invitation is Included's own. Hidden characters (zero-width spaces, right-to-left overrides) are taken out too.
"""

import re
import unicodedata

MAX_CHARACTERS = 500
LINK_REMOVED = "[link removed]"

_LINK = re.compile(
    r"""
    \b[a-z][a-z0-9+.-]{1,20}://\S*                         # anything with a scheme: https://, ftp://
    | \b(?:mailto|javascript|data|file|tel|sms|callto):\S*  # schemes without //
    | //\S+                                                 # //example.org, which a browser completes
    | [^\s<>()"',;:]+@[^\s<>()"',;:]+                       # an email address
    | \b\d{1,3}(?:\.\d{1,3}){3}\b(?:[:/?#]\S*)?              # 203.0.113.9/login
    | (?<![@\w-])(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}\b(?:[:/?#]\S*)?  # example.org/login
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text):
    """The message as plain text: links replaced, hidden characters out, tidy lines, no more than one blank line
    in a row."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u3002", ".")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(
        character for character in text if character == "\n" or unicodedata.category(character) not in {"Cc", "Cf"}
    )
    text = _LINK.sub(LINK_REMOVED, text)
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def too_long(text):
    """What to tell the inviter if the message is over the limit, or "" if it is not."""
    length = len((text or "").strip())
    if length <= MAX_CHARACTERS:
        return ""
    return f"Your message must be {MAX_CHARACTERS:,} characters or fewer. It has {length:,}."
