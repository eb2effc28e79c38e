"""What the language app holds about a person: word list entries they added or changed, the history of their
changes, and suggestions they dismissed, with their reasons.

Registered with the registry in included/core/personal_data.py. On erasure the partnership keeps its word lists
and their history, and the dismissals; the person's name and email address are taken out of their text.
"""

from django.db.models import Q

from included.core.personal_data import register_eraser, register_exporter, scrub_rows

from .models import Dismissal, WordListChange, WordListEntry

COVERS = ["language.WordListEntry", "language.WordListChange", "language.Dismissal"]


@register_exporter(covers=COVERS)
def language(user):
    entries = WordListEntry.objects.filter(Q(created_by=user) | Q(updated_by=user)).select_related("partnership")
    changes = WordListChange.objects.filter(changed_by=user).select_related("partnership")
    dismissals = Dismissal.objects.filter(dismissed_by=user).select_related("partnership")
    return {
        "word_list_entries_you_added_or_changed": [
            {
                "partnership": e.partnership.name,
                "list": e.get_kind_display(),
                "words": e.phrase_list,
                "say_instead": e.instead,
                "why": e.why,
                "switched_on": e.is_active,
            }
            for e in entries
        ],
        "word_list_changes_you_made": [
            {
                "partnership": c.partnership.name,
                "change": c.get_action_display(),
                "at": c.changed_at,
                "before": c.before,
                "after": c.after,
            }
            for c in changes
        ],
        "suggestions_you_dismissed": [
            {
                "partnership": d.partnership.name,
                "suggestion": d.flag_label or d.flag_key,
                "kind_of_suggestion": d.flag_kind,
                "your_reason": d.reason,
                "at": d.dismissed_at,
            }
            for d in dismissals
        ],
    }


@register_eraser(covers=COVERS)
def forget_authors(user):
    scrub_rows(
        WordListEntry.objects.filter(Q(created_by=user) | Q(updated_by=user)), ["phrases", "instead", "why"], user
    )
    scrub_rows(WordListChange.objects.filter(changed_by=user), ["before", "after"], user)
    scrub_rows(Dismissal.objects.filter(dismissed_by=user), ["reason"], user)
