"""Scoring frameworks as data: read and check a scoring file, without touching the database.

A scoring file (format `included-scoring/1`, described in docs/commissioning.md) holds the criteria a panel scores,
each with its weight out of 100 and what each score means. It follows the inclusion frameworks' files
(`included.frameworks.fileformat`): YAML, a slug and a version, and every problem reported in plain words with its
place, so whoever wrote the file can fix it without help.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

FORMAT = "included-scoring/1"
SHIPPED = Path(__file__).parent / "data"
TOTAL_WEIGHT = 100
# Public bodies in England must give social value at least 10% of the marks (Procurement Policy Note, 2025).
MIN_SOCIAL_VALUE_WEIGHT = 10
MAX_FILE_BYTES = 256 * 1024
MAX_CRITERIA = 20
# Slugs and versions name a framework in web addresses, so they keep to letters, numbers and a few marks.
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$")
LIMITS = {"name": 200, "version": 30, "slug": 60, "credit": 2000, "description": 3000, "title": 200, "text": 1000}


class ScoringFileError(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Level:
    score: int
    name: str


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    question: str
    weight: int
    social_value: bool
    source: str
    descriptors: dict  # score -> what it means

    def descriptor(self, score):
        return self.descriptors.get(score, "")


@dataclass(frozen=True)
class ScoringScheme:
    slug: str
    version: str
    name: str
    credit: str
    description: str
    scale: tuple
    criteria: tuple

    @property
    def highest(self):
        return max(level.score for level in self.scale)

    @property
    def scores(self):
        return [level.score for level in self.scale]

    @property
    def social_value_weight(self):
        return sum(criterion.weight for criterion in self.criteria if criterion.social_value)

    def level_name(self, score):
        return next((level.name for level in self.scale if level.score == score), "")

    def weighted_total(self, scores):
        """Out of 100: each criterion's score as a share of the highest score, times its weight."""
        total = sum(Decimal(criterion.weight) * scores[criterion.key] for criterion in self.criteria)
        return (total / self.highest).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _text(problems, place, value, limit, *, required=True):
    if value is None or value == "":
        if required:
            problems.append(f"{place} is missing")
        return ""
    if not isinstance(value, str):
        problems.append(f"{place} must be text")
        return ""
    if len(value) > limit:
        problems.append(f"{place} must be {limit:,} characters or fewer")
    return value.strip()


def parse(content):
    """A ScoringScheme from a scoring file's parsed YAML (a dict), or ScoringFileError listing every problem."""
    problems = []
    if not isinstance(content, dict):
        raise ScoringFileError(["The file must be a YAML mapping that starts with 'format: included-scoring/1'"])
    if content.get("format") != FORMAT:
        problems.append(f"The first line must say 'format: {FORMAT}'")
    slug = _text(problems, "slug", content.get("slug"), LIMITS["slug"])
    version = _text(problems, "version", str(content.get("version") or ""), LIMITS["version"])
    if slug and not SLUG_PATTERN.match(slug):
        problems.append("slug must be lower-case letters and numbers joined by hyphens, like inclusive-grants")
    if version and not VERSION_PATTERN.match(version):
        problems.append("version must be letters and numbers, joined by dots, hyphens or underscores, like 2 or 2.1")
    name = _text(problems, "name", content.get("name"), LIMITS["name"])
    credit = _text(problems, "credit", content.get("credit"), LIMITS["credit"])
    description = _text(problems, "description", content.get("description"), LIMITS["description"], required=False)
    scale = _scale(problems, content.get("scale"))
    criteria = _criteria(problems, content.get("criteria"), [level.score for level in scale])
    if problems:
        raise ScoringFileError(problems)
    return ScoringScheme(slug, version, name, credit, description, tuple(scale), tuple(criteria))


def _scale(problems, raw):
    if not isinstance(raw, list) or len(raw) < 2:
        problems.append("scale must list at least two scores")
        return []
    levels = []
    for number, entry in enumerate(raw, start=1):
        place = f"scale, score {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("score"), int) or isinstance(entry["score"], bool):
            problems.append(f"{place} needs a whole number as its score")
            continue
        levels.append(Level(entry["score"], _text(problems, f"{place}, name", entry.get("name"), LIMITS["title"])))
    scores = [level.score for level in levels]
    if scores and scores != list(range(scores[0], scores[0] + len(scores))):
        problems.append("scale scores must count up by one, with no gaps")
    if scores and scores[0] != 0:
        problems.append("scale must start at 0, so a criterion not met adds nothing")
    return levels


def _criteria(problems, raw, scores):
    if not isinstance(raw, list) or not raw:
        problems.append("criteria must list at least one criterion")
        return []
    if len(raw) > MAX_CRITERIA:
        problems.append(f"There can be at most {MAX_CRITERIA} criteria")
        return []
    criteria = []
    keys = set()
    for number, entry in enumerate(raw, start=1):
        place = f"criterion {number}"
        if not isinstance(entry, dict):
            problems.append(f"{place} must be a mapping")
            continue
        key = _text(problems, f"{place}, key", entry.get("key"), LIMITS["slug"])
        if key in keys:
            problems.append(f"{place}: the key '{key}' is used twice")
        keys.add(key)
        weight = entry.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= TOTAL_WEIGHT:
            problems.append(f"{place} needs a weight: a whole number from 1 to {TOTAL_WEIGHT}")
            weight = 0
        descriptors = entry.get("descriptors")
        if not isinstance(descriptors, dict):
            problems.append(f"{place} needs descriptors: what each score means")
            descriptors = {}
        # Stored as JSON, the scores come back as text ("0"); in YAML they are numbers.
        descriptors = {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in descriptors.items()}
        missing = [score for score in scores if score not in descriptors]
        if missing:
            problems.append(f"{place} says nothing for score {', '.join(str(score) for score in missing)}")
        criteria.append(
            Criterion(
                key=key,
                title=_text(problems, f"{place}, title", entry.get("title"), LIMITS["title"]),
                question=_text(problems, f"{place}, question", entry.get("question"), LIMITS["text"]),
                weight=weight,
                social_value=entry.get("social_value") is True,
                source=_text(problems, f"{place}, source", entry.get("source"), LIMITS["text"], required=False),
                descriptors={
                    score: _text(problems, f"{place}, score {score}", descriptors.get(score), LIMITS["text"])
                    for score in scores
                    if score in descriptors
                },
            )
        )
    total = sum(criterion.weight for criterion in criteria)
    if total != TOTAL_WEIGHT:
        problems.append(f"The weights add up to {total}. They must add up to {TOTAL_WEIGHT}")
    social_value = sum(criterion.weight for criterion in criteria if criterion.social_value)
    if social_value < MIN_SOCIAL_VALUE_WEIGHT:
        problems.append(
            f"Social value has a weight of {social_value}. Give it at least {MIN_SOCIAL_VALUE_WEIGHT}: "
            "mark its criteria with 'social_value: true'"
        )
    return criteria


def read_text(text):
    """Parse a scoring file's text. Refuses files that are too big or not YAML, in plain words."""
    if len(text.encode()) > MAX_FILE_BYTES:
        raise ScoringFileError([f"The file must be {MAX_FILE_BYTES // 1024} KB or smaller"])
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark else ""
        raise ScoringFileError([f"The file is not valid YAML{where}"]) from None
    return content


def shipped_files():
    return sorted(SHIPPED.glob("*.yaml"))
