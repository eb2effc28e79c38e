"""Word lists: phrases to look for, what to say instead and why it matters.

The default lists are data files in included/language/data/. A partnership's own changes are merged on top of
them by included/language/word_lists.py. Matching works on words, not letters: "utilises", "utilised" and
"utilizing" all find the entry for "utilise", and "hard-to-reach" finds "hard to reach".
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

# libyaml reads the word lists about ten times faster than the pure-Python loader, when it is there.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_FILES = {"plain": "plain_words.yaml", "inclusive": "inclusive_words.yaml"}

# Words for matching: letters and digits, joined by apostrophes. Hyphens split words, so that "wheelchair-bound"
# and "wheelchair bound" are found by the same entry.
MATCH_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
IZE = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$")
ENDINGS = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))
# A phrase with other punctuation in it ("e.g.", "R&D") is matched letter by letter instead of word by word.
NEEDS_PATTERN = re.compile(r"[^\w\s'’-]")


class EntryKind(StrEnum):
    PLAIN = "plain"
    INCLUSIVE = "inclusive"


def word_key(word):
    """The form of a word that its endings do not change: utilise, utilises, utilised, utilizing -> utilis."""
    key = word.lower().replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    key = key.rstrip("'")
    key = IZE.sub(r"is\1", key)
    for ending, replacement in ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            if ending == "s" and key.endswith(("ss", "us", "is")):
                break
            return key[: -len(ending)] + replacement
    return key


def exact_key(word):
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class Entry:
    """One thing to look for. `find` holds every phrase that means it; `instead` says what to write."""

    key: str
    kind: EntryKind
    find: tuple
    instead: str
    why: str
    exact: bool = False
    unless_next: frozenset = frozenset()
    # Set for entries a partnership added or changed, so people can tell where a suggestion came from.
    source: str = "default"

    @property
    def label(self):
        return self.find[0]

    def as_dict(self):
        return {
            "key": self.key,
            "kind": str(self.kind),
            "find": list(self.find),
            "instead": self.instead,
            "why": self.why,
            "source": self.source,
        }


@dataclass
class Match:
    entry: Entry
    start: int
    end: int


@dataclass
class Lexicon:
    """Entries compiled for fast matching.

    Single words are found by their key; phrases by the keys of their first two words, so that a common first
    word like "the" costs one look-up, not one per phrase that starts with it.
    """

    entries: tuple
    _singles: dict = field(default_factory=dict, repr=False)
    _phrases: dict = field(default_factory=dict, repr=False)
    _first_keys: set = field(default_factory=set, repr=False)
    _pattern: re.Pattern | None = field(default=None, repr=False)
    _pattern_entries: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        patterns = []
        for entry in self.entries:
            for phrase in entry.find:
                if NEEDS_PATTERN.search(phrase):
                    patterns.append((phrase, entry))
                    continue
                words = [match.group() for match in MATCH_WORD.finditer(phrase)]
                if not words:
                    continue
                # Exact keys are marked apart from stem keys, so that "foster" as written never meets "fostering".
                keys = tuple(("=" + exact_key(word)) if entry.exact else word_key(word) for word in words)
                self._first_keys.add(keys[0])
                if len(keys) == 1:
                    self._singles.setdefault(keys[0], entry)
                else:
                    self._phrases.setdefault(keys[:2], []).append((keys, entry))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        if patterns:
            alternatives = []
            for number, (phrase, entry) in enumerate(sorted(patterns, key=lambda item: -len(item[0]))):
                group = f"p{number}"
                words = r"\s+".join(re.escape(part) for part in phrase.split())
                alternatives.append(rf"(?P<{group}>(?<!\w){words}(?!\w))")
                self._pattern_entries[group] = entry
            self._pattern = re.compile("|".join(alternatives), re.IGNORECASE)

    def __len__(self):
        return len(self.entries)

    def find_in(self, text, words):
        """Every match in `text`, longest first. `words` is its list of (start, end, stem key, exact key)."""
        matches = []
        count = len(words)
        first_keys = self._first_keys
        index = 0
        while index < count:
            word = words[index]
            if word[2] not in first_keys and "=" + word[3] not in first_keys:
                index += 1
                continue
            found = self._longest_at(text, words, index, count)
            if found is None:
                index += 1
                continue
            matches.append(found[0])
            index += found[1]
        if self._pattern is not None:
            for found in self._pattern.finditer(text):
                matches.append(Match(self._pattern_entries[found.lastgroup], found.start(), found.end()))
        return matches

    def _longest_at(self, text, words, index, count):
        start, end, stem, exact = words[index]
        exact = "=" + exact
        if index + 1 < count and _joined(text, end, words[index + 1][0]):
            following = words[index + 1]
            for first, second in ((stem, following[2]), (exact, "=" + following[3])):
                for keys, entry in self._phrases.get((first, second), ()):
                    length = len(keys)
                    if index + length > count or not self._follows(text, words, index, keys):
                        continue
                    if self._unless_next(text, words, index + length, count, entry):
                        continue
                    return Match(entry, start, words[index + length - 1][1]), length
        for key in (stem, exact):
            entry = self._singles.get(key)
            if entry is not None and not self._unless_next(text, words, index + 1, count, entry):
                return Match(entry, start, end), 1
        return None

    @staticmethod
    def _follows(text, words, index, keys):
        for offset in range(2, len(keys)):
            previous, current = words[index + offset - 1], words[index + offset]
            key = keys[offset]
            actual = "=" + current[3] if key.startswith("=") else current[2]
            if actual != key or not _joined(text, previous[1], current[0]):
                return False
        return True

    @staticmethod
    def _unless_next(text, words, position, count, entry):
        """True when the word after the match is one that makes the phrase fine ("the disabled person")."""
        if not entry.unless_next or position >= count:
            return False
        following = words[position]
        return _joined(text, words[position - 1][1], following[0]) and following[2] in entry.unless_next


JOINING = re.compile(r"[ \t\u00a0]*(?:[-–‐][ \t\u00a0]*|\n[ \t\u00a0]*)?")


def _joined(text, end, start):
    """Two words belong to one phrase if only spaces, one hyphen or one line break come between them."""
    return JOINING.fullmatch(text, end, start) is not None


def tokens(text):
    """(start, end, stem key, exact key) for every word in the text, for `Lexicon.find_in`."""
    result = []
    for match in MATCH_WORD.finditer(text):
        stem, exact = keys_of(match.group())
        result.append((match.start(), match.end(), stem, exact))
    return result


_key_cache = {}


def keys_of(word):
    """(stem key, exact key) of one word, remembered: a long document repeats the same few thousand words."""
    cached = _key_cache.get(word)
    if cached is None:
        if len(_key_cache) > 200_000:
            _key_cache.clear()
        cached = _key_cache[word] = (word_key(word), exact_key(word))
    return cached


def entry_from_data(data, kind, *, default_why="", source="default"):
    """An Entry from one item of a word-list file (or the same shape from the database)."""
    find = data["find"]
    if isinstance(find, str):
        find = [find]
    find = tuple(phrase.strip() for phrase in find if phrase and phrase.strip())
    if not find:
        raise ValueError(f"Entry {data.get('key')!r} has nothing to find.")
    why = (data.get("why") or default_why).strip()
    instead = str(data.get("instead") or "").strip()
    if not instead:
        raise ValueError(f"Entry {data.get('key')!r} does not say what to write instead.")
    if kind == EntryKind.INCLUSIVE and not why:
        raise ValueError(f"Inclusive-language entry {data.get('key')!r} must say why it matters.")
    unless = data.get("unless_next") or ()
    return Entry(
        key=str(data["key"]),
        kind=EntryKind(kind),
        find=find,
        instead=instead,
        why=why,
        exact=bool(data.get("exact", False)),
        unless_next=frozenset(word_key(word) for word in unless),
        source=source,
    )


def load_entries(path, kind):
    """Read one word-list file. Its entries' keys must be unique."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=YAML_LOADER)  # noqa: S506 - a safe loader, chosen above
    default_why = data.get("why", "")
    entries = [entry_from_data(item, kind, default_why=default_why) for item in data["entries"]]
    keys = [entry.key for entry in entries]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"{path.name} repeats keys: {', '.join(duplicates)}")
    return entries


@cache
def default_why(kind):
    """The reason a word-list file gives for all its entries, for entries that give none of their own."""
    with open(DATA_DIR / DEFAULT_FILES[str(kind)], encoding="utf-8") as handle:
        return (yaml.load(handle, Loader=YAML_LOADER).get("why") or "").strip()  # noqa: S506 - a safe loader


@cache
def default_entries():
    """The word lists Included ships with, read once per process."""
    entries = []
    for kind, filename in DEFAULT_FILES.items():
        entries.extend(load_entries(DATA_DIR / filename, EntryKind(kind)))
    return tuple(entries)


@cache
def default_lexicon():
    return Lexicon(default_entries())
