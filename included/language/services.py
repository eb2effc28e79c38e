"""Every change to a partnership's word lists, and every dismissed suggestion, goes through these functions.

Each checks who is asking, makes the change inside a transaction, keeps the history and writes an audit row.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from included.access.rules import can_look_after_word_lists, require, takes_part_in
from included.core import audit

from .enums import WordListChangeAction, WordListKind
from .models import Dismissal, WordListChange, WordListEntry, dismissal_flag_key
from .word_lists import default_entry


def _require_editor(user, partnership):
    require(
        can_look_after_word_lists(user, partnership),
        "Only coordinators and lived-experience reviewers can change the word lists.",
    )


def add_entry(partnership, *, kind, phrases, instead, why, by):
    """Add the partnership's own entry to one of its word lists."""
    _require_editor(by, partnership)
    kind = WordListKind(kind)
    phrases = _clean_phrases(phrases)
    with transaction.atomic():
        entry = WordListEntry.objects.create(
            partnership=partnership,
            kind=kind,
            key=_new_key(partnership, kind, phrases[0]),
            changes_default=False,
            phrases="\n".join(phrases),
            instead=instead.strip(),
            why=why.strip(),
            created_by=by,
            updated_by=by,
        )
        WordListChange.objects.create(
            partnership=partnership,
            entry=entry,
            action=WordListChangeAction.ADDED,
            changed_by=by,
            after=entry.snapshot(),
        )
        audit.record(
            "language.word_list.added",
            actor=by,
            obj=entry,
            partnership=partnership,
            summary=f"Added “{phrases[0]}” to {kind.label.lower()}",
        )
    return entry


def change_entry(partnership, *, kind, key, phrases, instead, why, by):
    """Change what an entry finds or suggests. Changing a default entry keeps the partnership's own version."""
    _require_editor(by, partnership)
    phrases = _clean_phrases(phrases)
    with transaction.atomic():
        entry, before = _entry_for_change(partnership, kind, key, by)
        entry.phrases = "\n".join(phrases)
        entry.instead = instead.strip()
        entry.why = why.strip()
        entry.updated_by = by
        entry.save(update_fields=["phrases", "instead", "why", "updated_by", "updated_at"])
        WordListChange.objects.create(
            partnership=partnership,
            entry=entry,
            action=WordListChangeAction.CHANGED,
            changed_by=by,
            before=before,
            after=entry.snapshot(),
        )
        audit.record(
            "language.word_list.changed",
            actor=by,
            obj=entry,
            partnership=partnership,
            summary=f"Changed “{phrases[0]}” in {WordListKind(kind).label.lower()}",
        )
    return entry


def switch_entry(partnership, *, kind, key, on, by):
    """Switch an entry off, so the checker stops suggesting it, or back on. Nothing is deleted."""
    _require_editor(by, partnership)
    with transaction.atomic():
        entry, before = _entry_for_change(partnership, kind, key, by)
        if entry.is_active == on:
            return entry
        entry.is_active = on
        entry.updated_by = by
        entry.save(update_fields=["is_active", "updated_by", "updated_at"])
        action = WordListChangeAction.SWITCHED_ON if on else WordListChangeAction.SWITCHED_OFF
        WordListChange.objects.create(
            partnership=partnership, entry=entry, action=action, changed_by=by, before=before, after=entry.snapshot()
        )
        audit.record(
            f"language.word_list.{action}",
            actor=by,
            obj=entry,
            partnership=partnership,
            summary=f"{action.label} “{entry.phrase_list[0]}” in {WordListKind(kind).label.lower()}",
        )
    return entry


def _entry_for_change(partnership, kind, key, by):
    """The partnership's row for this entry, made from the default entry the first time it changes, and what it
    said before this change."""
    entry = WordListEntry.objects.select_for_update().filter(partnership=partnership, kind=kind, key=key).first()
    if entry is not None:
        return entry, entry.snapshot()
    default = default_entry(kind, key)
    if default is None:
        raise ValidationError("There is no such entry in the word lists.")
    before = {"phrases": list(default.find), "instead": default.instead, "why": default.why, "is_active": True}
    entry = WordListEntry.objects.create(
        partnership=partnership,
        kind=kind,
        key=key,
        changes_default=True,
        phrases="\n".join(default.find),
        instead=default.instead,
        why="",
        created_by=by,
        updated_by=by,
    )
    return entry, before


def _clean_phrases(phrases):
    if isinstance(phrases, str):
        phrases = phrases.splitlines()
    cleaned = []
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if phrase and phrase.lower() not in {existing.lower() for existing in cleaned}:
            cleaned.append(phrase)
    if not cleaned:
        raise ValidationError("Enter at least one word or phrase to look for.")
    return cleaned


def _new_key(partnership, kind, phrase):
    base = f"own-{slugify(phrase)[:60] or 'entry'}"
    key = base
    number = 2
    while WordListEntry.objects.filter(partnership=partnership, kind=kind, key=key).exists():
        key = f"{base}-{number}"
        number += 1
    return key


def dismiss_suggestion(partnership, *, text_key, flag_key, flag_label, reason, by):
    """Stop showing one suggestion for one text, keeping the reason. Dismissing it again keeps the first reason.

    No words from the text are kept, not even in the audit log: a suggestion made from the text itself is kept
    under a keyed hash (`dismissal_flag_key`), with its kind.
    """
    require(takes_part_in(by, partnership), "Only people in this partnership can dismiss suggestions for its texts.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why you are dismissing this suggestion.")
    flag_key = dismissal_flag_key(text_key, flag_key)
    with transaction.atomic():
        existing = Dismissal.objects.for_text(partnership, text_key).filter(flag_key=flag_key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                dismissal = Dismissal.objects.create(
                    partnership=partnership,
                    text_key=text_key[:200],
                    flag_key=flag_key[:200],
                    flag_kind=flag_key.partition(":")[0][:30],
                    flag_label=flag_label[:100],
                    reason=reason,
                    dismissed_by=by,
                )
        except IntegrityError:
            return Dismissal.objects.for_text(partnership, text_key).get(flag_key=flag_key)
        audit.record(
            "language.suggestion.dismissed",
            actor=by,
            obj=dismissal,
            partnership=partnership,
            summary=f"Dismissed {_suggestion_named(dismissal)} for {text_key[:80]}",
            reason=reason[:500],
        )
    return dismissal


def restore_suggestion(partnership, *, text_key, flag_key, by):
    """Show a dismissed suggestion again. The audit log keeps the dismissal and its reason."""
    require(takes_part_in(by, partnership), "Only people in this partnership can change suggestions for its texts.")
    flag_key = dismissal_flag_key(text_key, flag_key)
    with transaction.atomic():
        dismissal = Dismissal.objects.for_text(partnership, text_key).filter(flag_key=flag_key).first()
        if dismissal is None:
            return
        audit.record(
            "language.suggestion.restored",
            actor=by,
            obj=dismissal,
            partnership=partnership,
            summary=f"Showed {_suggestion_named(dismissal)} again for {text_key[:80]}",
            reason=dismissal.reason[:500],
        )
        dismissal.delete()


def _suggestion_named(dismissal):
    """'the suggestion (Long sentence)', or for a word-list entry '“utilise” (Plainer word)': no words from the text."""
    entry = dismissal.word_list_entry
    named = f"“{entry[1][:80]}”" if entry else "the suggestion"
    return f"{named} ({dismissal.flag_label or dismissal.flag_kind})"
