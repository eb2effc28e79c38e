"""Check the words of a framework draft, field by field, with Included's plain-language checker.

A field misses the target when a sentence is longer than the checker's limit, or, when it has enough words to
judge, when its reading age is above the target: the same target `manage.py check_language` holds Included's own
words to. Other flags (a plainer word, inclusive language, passive voice, an unexplained abbreviation) are
suggestions worth a look.
"""

from dataclasses import dataclass, field

from included.language.checking import SENTENCE_WORD_LIMIT, TARGET_READING_AGE, FlagKind, check_text

from .enums import PromptKind


@dataclass
class FieldCheck:
    label: str
    # What to change, as drafting names parts: ("detail", field), ("level", n), ("group", key), ("section", key),
    # ("item", key) or ("prompt", item key, n).
    target: tuple
    text: str
    misses: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)


@dataclass
class WordsReport:
    misses: list
    suggestions: list
    checked: int
    reading_age: int | None
    target_reading_age: int = TARGET_READING_AGE
    sentence_limit: int = SENTENCE_WORD_LIMIT


DETAIL_LABELS = {"name": "Name", "short_name": "Short name", "credit": "Who wrote it", "description": "Description"}


def text_fields(content):
    """Every piece of the draft that people read, with a label that says where it is and what changes it."""
    for name, label in DETAIL_LABELS.items():
        yield label, ("detail", name), content.get(name, "")
    for number, level in enumerate(content["scale"], start=1):
        yield f"Level {number}: name", ("level", number), level["name"]
        yield f"Level {number}: what it means", ("level", number), level["descriptor"]
    for group in content["stakeholder_groups"]:
        yield f"Group “{group['name']}”", ("group", group["key"]), group["name"]
    kinds = dict(PromptKind.choices)
    for section in content["sections"]:
        where = f"Section “{section['title']}”"
        yield f"{where}: title", ("section", section["key"]), section["title"]
        yield f"{where}: introduction", ("section", section["key"]), section.get("intro", "")
        for item in section["items"]:
            item_where = f"Item {item['number']}, “{item['title']}”"
            yield f"{item_where}: title", ("item", item["key"]), item["title"]
            yield f"{item_where}: summary", ("item", item["key"]), item.get("summary", "")
            yield f"{item_where}: guidance", ("item", item["key"]), item.get("guidance", "")
            for number, prompt in enumerate(item.get("prompts", []), start=1):
                label = f"{item_where}: prompt {number} ({kinds.get(prompt['kind'], prompt['kind']).lower()})"
                yield label, ("prompt", item["key"], number), prompt["text"]


def check_words(content, *, lexicon=None):
    """Every field that misses the target, and every other field with suggestions, in the draft's order."""
    misses, suggestions, texts = [], [], []
    for label, target, text in text_fields(content):
        if not text.strip():
            continue
        texts.append(text)
        report = check_text(text, lexicon=lexicon)
        checked = FieldCheck(label=label, target=target, text=text)
        for flag in report.flags_of(FlagKind.LONG_SENTENCE):
            checked.misses.append(f"A long sentence. {flag.suggestion}")
        if report.meets_reading_age is False:
            checked.misses.append(
                f"Reading age {report.scores.reading_age_years}: aim for {TARGET_READING_AGE} or under. "
                "Use shorter sentences and shorter, everyday words."
            )
        checked.suggestions = [flag for flag in report.flags if flag.kind != FlagKind.LONG_SENTENCE]
        if checked.misses:
            misses.append(checked)
        elif checked.suggestions:
            suggestions.append(checked)
    whole = check_text("\n\n".join(texts), lexicon=lexicon) if texts else None
    reading_age = whole.scores.reading_age_years if whole is not None and whole.enough_words_for_scores else None
    return WordsReport(misses=misses, suggestions=suggestions, checked=len(texts), reading_age=reading_age)
