"""Language advice beside a text field, for any app: reading age and suggestions, without ever blocking.

Another view calls `advice_for(...)` (or its template calls `{% include "language/_advice.html" %}`, which calls
it for them) and shows the result next to the field. See docs/language.md for how to wire it in.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

from .checking import TARGET_READING_AGE, check_text
from .models import WORD_LIST_FLAG_KINDS, Dismissal, dismissal_flag_key, dismissal_flag_keys
from .rendering import TAG_COLOURS, numbered, snippet
from .word_lists import lexicon_for

SIGNING_SALT = "included.language.advice"
# A link to dismiss a suggestion works for as long as a session lasts, so a page left open still works.
TOKEN_MAX_AGE = 60 * 60 * 12


@dataclass
class Advice:
    """What to show beside a text: the report, the suggestions still open, and those dismissed with reasons."""

    report: object
    partnership: object = None
    text_key: str = ""
    open_flags: list = field(default_factory=list)
    dismissed: list = field(default_factory=list)
    # The keys of this text's flags that someone dismissed, as the checker gives them.
    dismissed_keys: set = field(default_factory=set)
    token: str = ""
    return_to: str = ""
    # The id of the text field the advice is about, so the page's script can update it as the person types.
    field_id: str = ""

    @property
    def api_url(self):
        if self.partnership is None:
            return reverse("language:api")
        return reverse("language:api", kwargs={"partnership_slug": self.partnership.slug})

    @property
    def scores(self):
        return self.report.scores

    @property
    def target_reading_age(self):
        return TARGET_READING_AGE

    @property
    def can_dismiss(self):
        return bool(self.token)

    @property
    def has_text(self):
        return self.report.scores.words > 0


@dataclass
class AdvisedFlag:
    number: int
    flag: object
    snippet: str
    dismiss_url: str = ""

    @property
    def tag_colour(self):
        return TAG_COLOURS[self.flag.kind]

    def __getattr__(self, name):
        return getattr(self.flag, name)


@dataclass
class DismissedFlag:
    """A dismissal beside its text. `words` come from the text as it is now, never from the dismissal, which keeps
    none: they are shown only to whoever is shown the text itself."""

    dismissal: Dismissal
    restore_url: str = ""
    words: str = ""


def advice_for(text, *, partnership=None, text_key="", user=None, easy_read=False, return_to="", field_id=""):
    """Check `text` with the partnership's word lists and leave out suggestions dismissed for `text_key`.

    Pass `user` and `text_key` (a name for the text that stays the same while it is edited, like
    "assessments.signup:42:statement") to let the person dismiss suggestions with a reason. `return_to` is the
    page to come back to after dismissing; usually `request.get_full_path()`. `field_id` is the id of the text
    field, so that the advice updates as the person types when JavaScript runs.
    """
    report = check_text(text or "", easy_read=easy_read, lexicon=lexicon_for(partnership))
    advice = Advice(report=report, partnership=partnership, text_key=text_key, return_to=return_to, field_id=field_id)
    dismissals = {}
    signed_in = getattr(user, "is_authenticated", False)
    if partnership is not None and text_key:
        dismissals = {item.flag_key: item for item in Dismissal.objects.for_text(partnership, text_key)}
        if signed_in:
            advice.token = sign_advice(partnership, text_key, user)
    words_of_dismissed = {}
    open_flags = []
    for flag in report.flags:
        kept_as = next((key for key in dismissal_flag_keys(text_key, flag.key) if key in dismissals), None)
        if kept_as is None:
            open_flags.append(flag)
        else:
            advice.dismissed_keys.add(flag.key)
            words_of_dismissed.setdefault(kept_as, " ".join(flag.text.split()))
    base = {"p": partnership.pk, "t": text_key, "u": user.pk} if advice.token else None
    for item in numbered(open_flags):
        url = ""
        if base:
            url = _link("language:dismiss", partnership, base | _about(text_key, item.flag), return_to)
        advice.open_flags.append(AdvisedFlag(item.number, item.flag, snippet(report.text, item.flag), url))
    for key, dismissal in dismissals.items():
        url = _link("language:restore", partnership, base | {"k": dismissal.flag_key}, return_to) if base else ""
        advice.dismissed.append(DismissedFlag(dismissal, url, words_of_dismissed.get(key, "")))
    return advice


def _about(text_key, flag):
    """What a dismiss link says about its suggestion. Links end up in browser histories and server logs, so one for
    a suggestion made from the text itself (a long sentence, an abbreviation) carries no words from it."""
    about = {"k": dismissal_flag_key(text_key, flag.key), "l": flag.label}
    if flag.kind in WORD_LIST_FLAG_KINDS:
        about |= {"w": " ".join(flag.text.split())[:200], "s": flag.suggestion}
    return about


def sign_advice(partnership, text_key, user, **about):
    """A token that lets this person, and only them, act on suggestions for this text in this partnership.
    `about` adds what the token is for, like the suggestion to dismiss, so nobody can change it on the way."""
    data = {"p": partnership.pk, "t": text_key, "u": user.pk, **about}
    return signing.dumps(data, salt=SIGNING_SALT, compress=True)


def read_advice_token(token, *, partnership, user):
    """What the token was signed with, if it was made for this person and partnership and has not expired."""
    try:
        data = signing.loads(token or "", salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != partnership.pk or data.get("u") != user.pk:
        return None
    if not isinstance(data.get("t"), str) or not data["t"]:
        return None
    return data


def _link(name, partnership, token_data, return_to):
    query = {"token": signing.dumps(token_data, salt=SIGNING_SALT, compress=True)}
    if return_to:
        query["next"] = return_to
    return f"{reverse(name, kwargs={'partnership_slug': partnership.slug})}?{urlencode(query)}"
