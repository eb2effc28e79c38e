"""Take HTML out of a text before it is scored, and remember where every remaining letter came from.

People paste text from web pages and content systems. Tags are not words, so they must not count towards
sentence length; but every flag must still point at the right place in what the person gave us. `strip_markup`
returns the plain text and a map back to the original offsets.
"""

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

MARKUP = re.compile(
    r"""
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<hidden><(?P<hidden_name>script|style|template|noscript)\b[^>]*>.*?(?:</(?P=hidden_name)\s*>|\Z))
    | (?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>)
    | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
# Tags that end a block of text: what comes before them cannot run on into what comes after.
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"),
        *("h6", "head", "header", "hr", "html", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre"),
        *("section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title"),
        *("tr", "ul"),
    }
)
LINE_BREAK_TAGS = frozenset({"br"})
PARAGRAPH_BREAK = "\n\n"


@dataclass
class PlainText:
    """Text with its markup taken out, and a way back to offsets in the original."""

    text: str
    original: str
    # Each piece of plain text came from one stretch of the original: (plain start, original start, original end,
    # copied). A copied piece maps letter by letter; a replaced piece (an entity, a tag) maps as a whole.
    pieces: list = field(default_factory=list)
    _starts: list = field(default_factory=list, repr=False)

    @property
    def had_markup(self):
        return bool(self.pieces)

    def original_span(self, start, end):
        """The (start, end) in the original text that the plain text's start:end came from."""
        if not self.pieces:
            return start, end
        first = self._piece_at(start)
        last = self._piece_at(max(start, end - 1))
        return self._map_start(first, start), self._map_end(last, end)

    def _piece_at(self, position):
        return self.pieces[max(0, bisect_right(self._starts, position) - 1)]

    @staticmethod
    def _map_start(piece, position):
        plain_start, original_start, original_end, copied = piece
        return original_start + (position - plain_start) if copied else original_start

    @staticmethod
    def _map_end(piece, position):
        plain_start, original_start, original_end, copied = piece
        return original_start + (position - plain_start) if copied else original_end


def strip_markup(text):
    """Remove tags, comments, scripts and styles; decode entities; keep block boundaries as paragraph breaks."""
    if "<" not in text and "&" not in text:
        return PlainText(text=text, original=text)
    parts = []
    pieces = []
    plain_length = 0
    copied_until = 0
    for match in MARKUP.finditer(text):
        if match.start() > copied_until:
            chunk = text[copied_until : match.start()]
            pieces.append((plain_length, copied_until, match.start(), True))
            parts.append(chunk)
            plain_length += len(chunk)
        replacement = _replacement(match)
        pieces.append((plain_length, match.start(), match.end(), False))
        parts.append(replacement)
        plain_length += len(replacement)
        copied_until = match.end()
    if copied_until < len(text):
        pieces.append((plain_length, copied_until, len(text), True))
        parts.append(text[copied_until:])
    if not any(not copied for *_, copied in pieces):
        return PlainText(text=text, original=text)
    plain = PlainText(text="".join(parts), original=text, pieces=pieces)
    plain._starts = [piece[0] for piece in pieces]
    return plain


def _replacement(match):
    if match.group("entity"):
        decoded = html.unescape(match.group("entity"))
        # A lone unknown entity is left as it was: html.unescape returns it unchanged.
        return decoded
    if match.group("tag"):
        name = match.group("name").lower()
        if name in BLOCK_TAGS:
            return PARAGRAPH_BREAK
        if name in LINE_BREAK_TAGS:
            return "\n"
        return ""
    # Comments, scripts and styles are not words anyone reads: they become a break between blocks.
    return PARAGRAPH_BREAK
