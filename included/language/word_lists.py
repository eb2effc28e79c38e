"""A partnership's word lists: the defaults with the partnership's own changes on top. Reads only; writes are in
services.py."""

from dataclasses import dataclass

from .checking.lexicon import EntryKind, Lexicon, default_entries, default_lexicon, default_why, entry_from_data
from .enums import WordListKind
from .models import WordListEntry

ENTRY_SOURCE_DEFAULT = "default"
ENTRY_SOURCE_CHANGED = "changed"
ENTRY_SOURCE_ADDED = "added"

_compiled = {}


def lexicon_for(partnership):
    """The lexicon to check this partnership's texts with. The default lexicon when there is no partnership."""
    if partnership is None:
        return default_lexicon()
    rows = list(WordListEntry.objects.for_partnership(partnership).order_by("id"))
    if not rows:
        return default_lexicon()
    signature = tuple((row.pk, row.updated_at) for row in rows)
    cached = _compiled.get(partnership.pk)
    if cached is not None and cached[0] == signature:
        return cached[1]
    lexicon = Lexicon(tuple(_merged_entries(rows)))
    if len(_compiled) > 500:
        _compiled.clear()
    _compiled[partnership.pk] = (signature, lexicon)
    return lexicon


def _merged_entries(rows):
    """The partnership's entries first, so that where two entries find the same phrase, theirs is the one used."""
    own = []
    changed = {}
    switched_off = set()
    for row in rows:
        if row.changes_default:
            if row.is_active:
                changed[(row.kind, row.key)] = entry_from_row(row)
            else:
                switched_off.add((row.kind, row.key))
        elif row.is_active:
            own.append(entry_from_row(row))
    merged = own
    for entry in default_entries():
        identity = (str(entry.kind), entry.key)
        if identity in switched_off:
            continue
        merged.append(changed.get(identity, entry))
    return merged


def entry_from_row(row):
    source = ENTRY_SOURCE_CHANGED if row.changes_default else ENTRY_SOURCE_ADDED
    default = default_entry(row.kind, row.key) if row.changes_default else None
    return entry_from_data(
        {
            "key": row.key,
            "find": row.phrase_list,
            "instead": row.instead,
            "why": row.why,
            "exact": default.exact if default else False,
            "unless_next": sorted(default.unless_next) if default else (),
        },
        EntryKind(row.kind),
        default_why=default.why if default else default_why(row.kind),
        source=source,
    )


def default_entry(kind, key):
    for entry in default_entries():
        if str(entry.kind) == str(kind) and entry.key == key:
            return entry
    return None


@dataclass
class ListedEntry:
    """One line of the word-list page: what the entry says, where it came from and whether it is on."""

    kind: str
    key: str
    find: list
    instead: str
    why: str
    source: str
    is_active: bool
    row: WordListEntry | None = None

    @property
    def label(self):
        return self.find[0] if self.find else self.key

    @property
    def status(self):
        if not self.is_active:
            return "Switched off"
        return {
            ENTRY_SOURCE_DEFAULT: "Included's list",
            ENTRY_SOURCE_CHANGED: "Changed by your partnership",
            ENTRY_SOURCE_ADDED: "Added by your partnership",
        }[self.source]


def listed_entries(partnership, kind):
    """Every entry of one kind, on or off, for the people who look after the partnership's word lists."""
    rows = {row.key: row for row in WordListEntry.objects.for_partnership(partnership).filter(kind=kind)}
    listed = []
    for entry in default_entries():
        if str(entry.kind) != str(kind):
            continue
        row = rows.pop(entry.key, None)
        if row is not None and row.changes_default:
            listed.append(_listed_from_row(row, ENTRY_SOURCE_CHANGED, fallback_why=entry.why))
        else:
            listed.append(
                ListedEntry(
                    kind=str(kind),
                    key=entry.key,
                    find=list(entry.find),
                    instead=entry.instead,
                    why=entry.why,
                    source=ENTRY_SOURCE_DEFAULT,
                    is_active=True,
                )
            )
    listed.extend(_listed_from_row(row, ENTRY_SOURCE_ADDED) for row in rows.values())
    return sorted(listed, key=lambda item: item.label.lower())


def _listed_from_row(row, source, fallback_why=""):
    return ListedEntry(
        kind=row.kind,
        key=row.key,
        find=row.phrase_list,
        instead=row.instead,
        why=row.why or fallback_why,
        source=source,
        is_active=row.is_active,
        row=row,
    )


def find_listed_entry(partnership, kind, key):
    """The entry as the partnership sees it, or None if there is no such entry."""
    row = WordListEntry.objects.for_partnership(partnership).filter(kind=kind, key=key).first()
    default = default_entry(kind, key)
    if row is not None:
        source = ENTRY_SOURCE_CHANGED if row.changes_default else ENTRY_SOURCE_ADDED
        return _listed_from_row(row, source, fallback_why=default.why if default else "")
    if default is not None:
        return ListedEntry(
            kind=str(kind),
            key=key,
            find=list(default.find),
            instead=default.instead,
            why=default.why,
            source=ENTRY_SOURCE_DEFAULT,
            is_active=True,
        )
    return None


@dataclass
class DescribedDismissal:
    dismissal: object
    suggestion: str


def described_dismissals(partnership, dismissals):
    """Each dismissal with what its suggestion was, in words the people who look after the word lists may see:
    the kind of suggestion, and for a word-list suggestion the entry, as the word lists show it."""
    labels = {}
    for kind in (WordListKind.PLAIN, WordListKind.INCLUSIVE):
        labels |= {(str(kind), entry.key): entry.label for entry in listed_entries(partnership, kind)}
    described = []
    for dismissal in dismissals:
        suggestion = dismissal.flag_label or dismissal.flag_kind.replace("_", " ").capitalize()
        if dismissal.word_list_entry:
            kind, key = dismissal.word_list_entry
            suggestion = f"{suggestion}: “{labels.get((str(kind), key), key)}”, from the word list"
        described.append(DescribedDismissal(dismissal, suggestion))
    return described
