"""Show a checked text with each flag marked in place. Every piece of the person's text is escaped."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .checking import FlagKind

# GOV.UK tag colours, so each kind of suggestion looks the same wherever it is shown. The label always says the
# kind in words too: colour is never the only clue.
TAG_COLOURS = {
    FlagKind.LONG_SENTENCE: "yellow",
    FlagKind.PLAIN_WORDS: "blue",
    FlagKind.INCLUSIVE_LANGUAGE: "purple",
    FlagKind.PASSIVE_VOICE: "grey",
    FlagKind.ABBREVIATION: "turquoise",
}


@dataclass(frozen=True)
class NumberedFlag:
    """A flag with the number the page shows beside it, linking the marked words to their suggestion."""

    number: int
    flag: object

    @property
    def anchor(self):
        return f"language-flag-{self.number}"

    @property
    def kind(self):
        return str(self.flag.kind)

    @property
    def tag_colour(self):
        return TAG_COLOURS[self.flag.kind]

    def __getattr__(self, name):
        return getattr(self.flag, name)


def numbered(flags):
    return [NumberedFlag(number, flag) for number, flag in enumerate(flags, start=1)]


def highlight(text, numbered_flags):
    """The text as HTML, with <mark> around each flag and a numbered link to its suggestion after it.

    Long sentences are marked around their whole sentence; word flags are marked inside them. Marks never cross:
    where a word flag runs past the end of a sentence, both are closed and the word's mark opens again.
    """
    sentences = [item for item in numbered_flags if item.flag.kind == FlagKind.LONG_SENTENCE]
    words = [item for item in numbered_flags if item.flag.kind != FlagKind.LONG_SENTENCE]
    points = {0, len(text)}
    for item in numbered_flags:
        points.add(max(0, min(item.flag.start, len(text))))
        points.add(max(0, min(item.flag.end, len(text))))
    points = sorted(points)

    html = []
    open_sentence = None
    open_word = None
    sentence_cursor = _Cursor(sentences)
    word_cursor = _Cursor(words)
    for start, end in zip(points, points[1:], strict=False):
        sentence = sentence_cursor.covering(start)
        word = word_cursor.covering(start)
        if sentence is not open_sentence:
            _close(html, open_word, start)
            _close(html, open_sentence, start)
            open_sentence = open_word = None
            if sentence is not None:
                html.append(_open(sentence))
                open_sentence = sentence
        if word is not open_word:
            _close(html, open_word, start)
            open_word = None
            if word is not None:
                html.append(_open(word))
                open_word = word
        html.append(escape(text[start:end]))
    _close(html, open_word, len(text))
    _close(html, open_sentence, len(text))
    return mark_safe("".join(html))  # noqa: S308 - every piece of text above went through escape()


class _Cursor:
    """Walks sorted, non-overlapping flags alongside the text."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda item: item.flag.start)
        self.index = 0

    def covering(self, position):
        while self.index < len(self.items) and self.items[self.index].flag.end <= position:
            self.index += 1
        if self.index < len(self.items) and self.items[self.index].flag.start <= position:
            return self.items[self.index]
        return None


def _open(item):
    return f'<mark class="language-mark language-mark--{escape(item.kind)}" data-flag="{item.number}">'


def _close(html, item, position):
    if item is None:
        return
    html.append("</mark>")
    if item.flag.end <= position:
        html.append(
            f'<a class="govuk-link language-flag-ref" href="#{item.anchor}">'
            f'<span class="govuk-visually-hidden">suggestion </span>{item.number}</a>'
        )


def snippet(text, flag, *, around=40):
    """A few words either side of a flag, with the flagged words marked, for lists of suggestions."""
    start = max(0, flag.start - around)
    end = min(len(text), flag.end + around)
    if start > 0:
        space = text.find(" ", start, flag.start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", flag.end, end)
        end = space if space != -1 else end
    words = " ".join(text[flag.start : flag.end].split())
    if len(words) > 160:
        words = f"{words[:80]} … {words[-60:]}"
    before = " ".join(text[start : flag.start].split())
    after = " ".join(text[flag.end : end].split())
    if start > 0:
        before = f"…{before}"
    if end < len(text):
        after = f"{after}…"
    marked = f'<mark class="language-mark language-mark--{escape(str(flag.kind))}">{escape(words)}</mark>'
    # Keep the space the text had on either side of the flagged words, and no other.
    gap_before = " " if before and text[flag.start - 1 : flag.start].isspace() else ""
    gap_after = " " if after and text[flag.end : flag.end + 1].isspace() else ""
    return mark_safe(f"{escape(before)}{gap_before}{marked}{gap_after}{escape(after)}")  # noqa: S308 - escaped here
