from dataclasses import dataclass

from django import template

from ..advice import Advice, advice_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_advice(context):
    """The advice for `language/_advice.html`: the view's own `language_advice` if it made one, or advice for the
    `text` (with `partnership`, `text_key`, `field_id` and `easy_read`) the include was given."""
    made = context.get("language_advice")
    if isinstance(made, Advice):
        return made
    request = context.get("request")
    return advice_for(
        context.get("text") or "",
        partnership=context.get("partnership"),
        text_key=context.get("text_key") or "",
        user=getattr(request, "user", None),
        easy_read=bool(context.get("easy_read")),
        return_to=request.get_full_path() if request is not None else "",
        field_id=context.get("field_id") or "",
    )


# Flesch reading ease in words, from the easiest band down. Scores run past 100 and below 0 for very short or very
# long sentences, so a person is shown the band, not a number they cannot place.
READING_EASE_BANDS = [
    (80, "Very easy to read"),
    (60, "Plain English"),
    (50, "Fairly hard to read"),
    (30, "Hard to read"),
]
HARDEST_BAND = "Very hard to read"


@register.filter
def reading_ease_in_words(score):
    """'Plain English', 'Hard to read' and so on, for a Flesch reading ease score."""
    for lowest, words in READING_EASE_BANDS:
        if score >= lowest:
            return words
    return HARDEST_BAND


@dataclass(frozen=True)
class SharedReason:
    why: str
    flags: list  # the numbered flags that give this reason, in the order the page lists them


@register.filter
def shared_reasons(flags):
    """The reasons ("why") that more than one suggestion gives, each with its suggestions, in order of first use.

    The page then says each shared reason once, instead of under every suggestion.
    """
    by_reason = {}
    for item in flags:
        if item.why:
            by_reason.setdefault(item.why, []).append(item)
    return [SharedReason(why, items) for why, items in by_reason.items() if len(items) > 1]


@register.filter
def shared_reason_of(item, shared):
    """The number of the shared reason `item` gives (1 for the first in `shared`), or 0 if its reason is its own."""
    for number, reason in enumerate(shared, start=1):
        if reason.why == item.why:
            return number
    return 0
