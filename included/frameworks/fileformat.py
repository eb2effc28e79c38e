"""Read and check a framework file, without touching the database.

The format is described in docs/frameworks.md. Every problem is reported in plain words with its
place in the file, so that the person who wrote the file can fix it without help.
"""

import difflib
import re
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from included.core.text import size_in_words
from included.organisations.enums import Sector

from .enums import ALL_GROUPS, SCALE_HIGHEST, SCALE_LOWEST, PromptKind

FORMAT = "included-framework/1"
MAX_FILE_BYTES = 1024 * 1024
# A scale has at least two levels (one level would leave nothing to choose) and at most as many as ratings can hold.
MIN_SCALE_LEVELS = 2
MAX_SCALE_LEVELS = SCALE_HIGHEST - SCALE_LOWEST + 1
# Our own format is 8 levels deep; anything far deeper is a mistake or an attack on the parser.
MAX_NESTING = 20
MAX_PROBLEMS_SHOWN = 60
MAX_SECTIONS = 30
MAX_ITEMS_PER_SECTION = 200
MAX_PROMPTS_PER_ITEM = 100

# The longest text each part of a framework may hold. The browser editor's forms use the same limits.
LIMITS = {
    "name": 200,
    "short_name": 30,
    "version": 30,
    "credit": 2000,
    "source_url": 300,
    "description": 5000,
    "level_name": 60,
    "level_descriptor": 500,
    "group_name": 100,
    "section_title": 200,
    "section_intro": 5000,
    "item_number": 10,
    "item_title": 250,
    "item_summary": 2000,
    "item_guidance": 10000,
    "prompt_text": 1000,
}
MAX_KEY_LENGTH = 60
MAX_GROUPS = 20

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$")

TOP_LEVEL_KEYS = {
    "format": True,
    "slug": True,
    "name": True,
    "short_name": True,
    "version": True,
    "credit": True,
    "source_url": False,
    "description": True,
    "scale": True,
    "stakeholder_groups": True,
    "sections": True,
}
LEVEL_KEYS = {"level": True, "name": True, "descriptor": True}
GROUP_KEYS = {"key": True, "name": True, "sectors": True}
SECTION_KEYS = {"key": True, "title": True, "intro": False, "assessed": True, "items": True}
ITEM_KEYS = {"key": True, "number": True, "title": True, "summary": False, "guidance": False, "prompts": False}
PROMPT_KEYS = {"group": True, "kind": True, "text": True}


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded. `problems` lists each one, with its place, in plain words."""

    def __init__(self, problems, places=()):
        self.problems = list(problems)
        # (place, message) for each problem found while checking: a place is a tuple of keys and `Nth` entries.
        self.places = list(places)
        super().__init__("\n".join(self.problems))


class Nth(str):
    """A place in a list, such as "2nd section", that also knows its position (from 1)."""

    def __new__(cls, number, noun):
        place = super().__new__(cls, f"{ordinal(number)} {noun}")
        place.number = number
        return place


def parse_framework(content):
    """Check the file's bytes and return a clean definition, or raise FrameworkFileError with every problem."""
    text = _decode(content)
    data, repeated_keys = _parse_yaml(text)
    return check_definition(data, earlier_problems=repeated_keys)


def check_definition(data, *, earlier_problems=()):
    """Check a framework, as read from a file or as written in the browser, and return its clean definition.

    This is the one set of rules for every framework, however it was written: raises FrameworkFileError with
    every problem, each with its place (`FrameworkFileError.places`, to link to where it can be fixed).
    """
    checker = _Checker(earlier_problems)
    definition = checker.framework(data)
    if checker.problems:
        raise FrameworkFileError(checker.report(), places=checker.places)
    return definition


def read_framework_source(source):
    """The bytes of a framework file, given as bytes or as a path. A file that is too big is not read at all."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    path = Path(source)
    if not path.is_file():
        raise FrameworkFileError([f"{path}: there is no file here."])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FrameworkFileError([too_big_message()])
    return path.read_bytes()


def too_big_message():
    return (
        f"The file is bigger than {size_in_words(MAX_FILE_BYTES)}. A framework file is much smaller than that: "
        "check that you chose the right file."
    )


def _decode(content):
    if len(content) > MAX_FILE_BYTES:
        raise FrameworkFileError([too_big_message()])
    if not content.strip():
        raise FrameworkFileError(["The file is empty."])
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FrameworkFileError(["The file is saved as UTF-16 text. Save it as UTF-8 and try again."])
    if b"\x00" in content:
        raise FrameworkFileError(
            ["This is not a text file. A framework file is plain text, written in YAML and saved as UTF-8."]
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise FrameworkFileError(
            [
                f"Line {line}: the file is not saved as UTF-8 text, so some letters cannot be read. "
                "Save the file as UTF-8 and try again."
            ]
        ) from error
    return text.removeprefix("\ufeff")


class _Mapping(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line = None
    key_lines = None


class _Sequence(list):
    line = None


class _Refused(yaml.MarkedYAMLError):
    pass


# Characters a database cannot store: NUL (PostgreSQL refuses it in text) and halves of a surrogate pair (not
# characters at all, so they cannot be written as UTF-8). A file cannot hold them as they are, but YAML writes them
# as escapes in double quotes: "\0", "\x00", "\u0000", "\ud800".
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class _FrameworkYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader, with four more guards.

    It refuses aliases (`*name`), because a tiny file can use them to grow into billions of values
    (a "YAML bomb"); it refuses very deep nesting; it notes keys written twice, which YAML would
    otherwise quietly drop; and it notes escapes for characters that cannot be stored, like "\0".
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.nesting = 0
        self.problems = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                problem="this uses a YAML alias (a name after *). Write the words out in full instead.",
                problem_mark=self.peek_event().start_mark,
            )
        self.nesting += 1
        try:
            if self.nesting > MAX_NESTING:
                raise _Refused(
                    problem=f"this is nested more than {MAX_NESTING} levels deep. A framework file never needs that.",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if isinstance(value, str) and UNSTORABLE.search(value):
            self.problems.append(
                f"Line {node.start_mark.line + 1}: there is a character here that cannot be stored. It is written "
                "with a backslash, like \\0 or \\x00. Delete it and try again."
            )
            value = UNSTORABLE.sub("", value)
        return value

    def construct_framework_mapping(self, node):
        self.flatten_mapping(node)
        mapping = _Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self.problems.append(f"Line {line}: a key must be a word, like title, followed by a colon.")
                continue
            if key in mapping:
                self.problems.append(
                    f'Line {line}: "{key}" is written twice in the same place. Keep one and delete the other.'
                )
                continue
            mapping.key_lines[key] = line
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping

    def construct_framework_sequence(self, node):
        sequence = _Sequence(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        return sequence


_FrameworkYamlLoader.add_constructor("tag:yaml.org,2002:map", _FrameworkYamlLoader.construct_framework_mapping)
_FrameworkYamlLoader.add_constructor("tag:yaml.org,2002:seq", _FrameworkYamlLoader.construct_framework_sequence)

# PyYAML's own words for common mistakes, and what they mean for someone editing a file by hand.
_YAML_HINTS = [
    ("found character '\\t'", "there is a tab here. Use spaces to indent lines, not tabs."),
    (
        "mapping values are not allowed",
        "there is a colon the file did not expect. If the words have a colon in them, put all the words in quotes.",
    ),
    ("could not find expected ':'", "a line is missing the colon after its key, or it is indented wrongly."),
    (
        "expected <block end>",
        "this does not fit with the lines around it. Check that it has as many spaces at the start as the "
        "lines next to it. Check too that every quote mark that is opened is also closed.",
    ),
    ("while scanning a quoted scalar", "a quote mark is opened but never closed."),
    ("found unexpected end of stream", "the file ends before something is finished, such as a quote."),
    (
        "expected a single document",
        "the file holds more than one document (a line with --- in the middle). Keep only one framework in each file.",
    ),
    ("unacceptable character", "there is a hidden control character here. Delete it and save the file again."),
    ("while parsing a flow", "a bracket [ or { is opened but not closed."),
    ("found undefined tag handle", "there is a ! that YAML reads as a tag. Put the words in quotes."),
    ("could not determine a constructor", "there is a ! that YAML reads as a tag. Put the words in quotes."),
    ("found unhashable key", "a key must be a word, like title, followed by a colon."),
]


def _parse_yaml(text):
    loader = _FrameworkYamlLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        raise FrameworkFileError([_explain_yaml_error(error)]) from error
    except yaml.YAMLError as error:
        raise FrameworkFileError([f"The file is not valid YAML: {error}"]) from error
    except RecursionError as error:
        raise FrameworkFileError(
            ["The file is nested too deeply to read. A framework file never needs that."]
        ) from error
    finally:
        loader.dispose()
    if data is None:
        raise FrameworkFileError(["The file is empty: it has no framework in it."])
    return data, loader.problems


def _explain_yaml_error(error):
    mark = error.problem_mark or error.context_mark
    where = f"Line {mark.line + 1}, column {mark.column + 1}" if mark else "The file"
    if isinstance(error, _Refused):
        return f"{where}: {error.problem}"
    said = " ".join(filter(None, [error.context, error.problem]))
    for fragment, meaning in _YAML_HINTS:
        if fragment in said:
            return f"{where}: {meaning}"
    return f"{where}: this is not valid YAML ({error.problem})."


def ordinal(number):
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def title_taken(title, others):
    """The title among `others` that reads the same as `title` (ignoring capitals and spaces), or None."""

    def plain(text):
        return " ".join(text.split()).casefold()

    if not title:
        return None
    return next((other for other in others if other and plain(other) == plain(title)), None)


def _line(mapping, key):
    """The line a key was written on in a file; None for a framework written in the browser."""
    return (getattr(mapping, "key_lines", None) or {}).get(key)


def _describe(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a yes or no value (true or false)"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a set of named keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a date or another kind of value"


class _Checker:
    """Walks the parsed file, collects every problem with its place, and builds the clean definition."""

    def __init__(self, problems=()):
        self.problems = list(problems)
        self.places = []

    def report(self):
        if len(self.problems) <= MAX_PROBLEMS_SHOWN:
            return list(self.problems)
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        return self.problems[:MAX_PROBLEMS_SHOWN] + [
            f"There are {hidden} more problems. Fix the ones above, then try again."
        ]

    def problem(self, place, message, line=None):
        self.places.append((tuple(place), message))
        where = " → ".join(place)
        if where and line:
            where = f"{where} (line {line})"
        self.problems.append(f"{where}: {message}" if where else message)

    def mapping(self, value, place, line, allowed):
        """The mapping if it is one, with unknown and missing keys reported; None if it is not a mapping."""
        if not isinstance(value, dict):
            if not place:
                self.problem(
                    (),
                    'The file must be a set of named keys, starting with lines like "format: '
                    f'{FORMAT}" and "slug: my-framework". This file holds {_describe(value)} instead.',
                )
            else:
                self.problem(place, f"this must be a set of named keys, but it is {_describe(value)}.", line)
            return None
        key_lines = getattr(value, "key_lines", None) or {}
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f' Did you mean "{close[0]}"?' if close else ""
                self.problem(
                    (*place, key),
                    f"this key is not known.{hint} The keys allowed here are: {', '.join(allowed)}.",
                    key_lines.get(key),
                )
        for key, required in allowed.items():
            if required and key not in value:
                # At the top of the file a line number would only point at line 1.
                line = getattr(value, "line", None) if place else None
                self.problem((*place, key), "this is missing.", line)
        return value

    def text(self, mapping, key, place, *, required=True, max_length=None, numbers_allowed=False):
        """The stripped text at mapping[key], or "" after reporting a problem."""
        if key not in mapping:
            return ""
        value = mapping[key]
        where = (*place, key)
        line = _line(mapping, key)
        if numbers_allowed and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, "this is empty. Write something here.", line)
            return ""
        if isinstance(value, bool):
            self.problem(
                where,
                'this must be text, but YAML reads it as a yes or no value. Put the words in quotes, like "yes".',
                line,
            )
            return ""
        if isinstance(value, float) or (isinstance(value, int) and not numbers_allowed):
            self.problem(where, 'this must be text, but it is a number. Put it in quotes, like "1.0".', line)
            return ""
        if not isinstance(value, str):
            self.problem(where, f"this must be text, but it is {_describe(value)}.", line)
            return ""
        value = value.strip()
        if max_length and len(value) > max_length:
            self.problem(
                where, f"this is {len(value)} characters long. It can be at most {max_length} characters.", line
            )
            return ""
        return value

    def key(self, mapping, key, place, *, max_length=MAX_KEY_LENGTH):
        value = self.text(mapping, key, place, numbers_allowed=True)
        if value and (len(value) > max_length or not KEY_PATTERN.match(value)):
            self.problem(
                (*place, key),
                f'"{value}" cannot be used. Use only small letters, numbers and hyphens, like "co-production", '
                f"up to {max_length} characters.",
                _line(mapping, key),
            )
            return ""
        return value

    def sequence(self, mapping, key, place, *, at_least=0, at_most=None, noun="entry"):
        if key not in mapping:
            return []
        value = mapping[key]
        line = _line(mapping, key)
        if not isinstance(value, list):
            if value is None and at_least == 0:
                return []
            self.problem((*place, key), f"this must be a list, but it is {_describe(value)}.", line)
            return []
        if len(value) < at_least:
            self.problem((*place, key), f"this needs at least {at_least} {noun}.", line)
        if at_most is not None and len(value) > at_most:
            self.problem((*place, key), f"this has {len(value)} entries. It can have at most {at_most}.", line)
            return []
        return value

    def framework(self, data):
        top = self.mapping(data, (), None, TOP_LEVEL_KEYS)
        if top is None:
            return None
        if "format" in top and top["format"] != FORMAT:
            self.problem(
                ("format",),
                f'this must be "{FORMAT}". This version of Included reads only that format.',
                _line(top, "format"),
            )
        slug = self.key(top, "slug", ())
        version = self.text(top, "version", (), max_length=LIMITS["version"], numbers_allowed=True)
        if version and not VERSION_PATTERN.match(version):
            self.problem(
                ("version",),
                f'"{version}" cannot be used. Use only letters, numbers, dots and hyphens, like "2" or "2025.1".',
                _line(top, "version"),
            )
        source_url = self.text(top, "source_url", (), required=False, max_length=LIMITS["source_url"])
        if source_url:
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                self.problem(
                    ("source_url",),
                    "this must be a full web address, starting with https:// or http://.",
                    _line(top, "source_url"),
                )
        definition = {
            "slug": slug,
            "name": self.text(top, "name", (), max_length=LIMITS["name"]),
            "short_name": self.text(top, "short_name", (), max_length=LIMITS["short_name"]),
            "version": version,
            "credit": self.text(top, "credit", (), max_length=LIMITS["credit"]),
            "source_url": source_url,
            "description": self.text(top, "description", (), max_length=LIMITS["description"]),
            "scale": self.scale(top),
            "stakeholder_groups": self.stakeholder_groups(top),
        }
        definition["sections"] = self.sections(top, {group["key"] for group in definition["stakeholder_groups"]})
        return definition

    def scale(self, top):
        levels = self.sequence(top, "scale", (), noun="level")
        if (
            "scale" in top
            and isinstance(top["scale"], list)
            and not MIN_SCALE_LEVELS <= len(levels) <= MAX_SCALE_LEVELS
        ):
            self.problem(
                ("scale",),
                f"this must have from {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels, but it has {len(levels)}.",
                _line(top, "scale"),
            )
        scale = []
        seen = set()
        for index, entry in enumerate(levels, start=1):
            place = ("scale", Nth(index, "level"))
            level = self.mapping(entry, place, getattr(levels, "line", None), LEVEL_KEYS)
            if level is None:
                continue
            number = level.get("level")
            expected = SCALE_LOWEST + index - 1
            if "level" in level:
                if (
                    isinstance(number, bool)
                    or not isinstance(number, int)
                    or not SCALE_LOWEST <= number <= SCALE_HIGHEST
                ):
                    self.problem(
                        (*place, "level"),
                        f"this must be a whole number from {SCALE_LOWEST} to {SCALE_HIGHEST}.",
                        _line(level, "level"),
                    )
                    number = None
                elif number in seen:
                    self.problem((*place, "level"), f"level {number} is already in the scale.", _line(level, "level"))
                elif number != expected:
                    self.problem(
                        (*place, "level"),
                        f"this should be {expected}. List the levels in order, from {SCALE_LOWEST} to {SCALE_HIGHEST}.",
                        _line(level, "level"),
                    )
                seen.add(number)
            scale.append(
                {
                    "level": number,
                    "name": self.text(level, "name", place, max_length=LIMITS["level_name"]),
                    "descriptor": self.text(level, "descriptor", place, max_length=LIMITS["level_descriptor"]),
                }
            )
        return scale

    def stakeholder_groups(self, top):
        entries = self.sequence(top, "stakeholder_groups", (), at_most=MAX_GROUPS)
        groups = []
        group_of_sector = {}
        known_sectors = list(Sector.values)
        for index, entry in enumerate(entries, start=1):
            place = ("stakeholder_groups", Nth(index, "group"))
            group = self.mapping(entry, place, getattr(entries, "line", None), GROUP_KEYS)
            if group is None:
                continue
            key = self.key(group, "key", place)
            if key == ALL_GROUPS:
                self.problem(
                    (*place, "key"),
                    f'"{ALL_GROUPS}" is kept for prompts meant for everyone. Choose another key.',
                    _line(group, "key"),
                )
                key = ""
            elif key and any(other["key"] == key for other in groups):
                self.problem((*place, "key"), f'another group already has the key "{key}".', _line(group, "key"))
                key = ""
            name = self.text(group, "name", place, max_length=LIMITS["group_name"])
            sectors = []
            for sector_index, sector in enumerate(
                self.sequence(group, "sectors", place, at_least=1, noun="sector"), start=1
            ):
                sector_place = (*place, "sectors", Nth(sector_index, "sector"))
                line = _line(group, "sectors")
                if not isinstance(sector, str) or sector not in known_sectors:
                    shown = f'"{sector}"' if isinstance(sector, str) else _describe(sector)
                    self.problem(
                        sector_place,
                        f"{shown} is not a sector Included knows. Use one of: {', '.join(known_sectors)}.",
                        line,
                    )
                elif sector in group_of_sector:
                    self.problem(
                        sector_place,
                        f'"{sector}" is already in the group "{group_of_sector[sector]}". '
                        "A sector can be in one group only.",
                        line,
                    )
                else:
                    group_of_sector[sector] = key or name
                    sectors.append(sector)
            if key:
                groups.append({"key": key, "name": name, "sectors": sectors})
        return groups

    def sections(self, top, group_keys):
        entries = self.sequence(top, "sections", (), at_least=1, at_most=MAX_SECTIONS, noun="section")
        sections = []
        item_places = {}
        unsure_what_is_assessed = False
        for index, entry in enumerate(entries, start=1):
            place = ("sections", Nth(index, "section"))
            section = self.mapping(entry, place, getattr(entries, "line", None), SECTION_KEYS)
            if section is None:
                continue
            key = self.key(section, "key", place)
            if key and any(other["key"] == key for other in sections):
                self.problem((*place, "key"), f'another section already has the key "{key}".', _line(section, "key"))
            section_title = self.text(section, "title", place, max_length=LIMITS["section_title"])
            twin = title_taken(section_title, [other["title"] for other in sections])
            if twin:
                self.problem(
                    (*place, "title"),
                    f'another section is already called "{twin}". Give each section its own title.',
                    _line(section, "title"),
                )
            assessed = section.get("assessed")
            if "assessed" in section and not isinstance(assessed, bool):
                self.problem(
                    (*place, "assessed"),
                    "this must be true (organisations rate themselves on these items) or false.",
                    _line(section, "assessed"),
                )
                unsure_what_is_assessed = True
            items = []
            for item_index, item_entry in enumerate(
                self.sequence(section, "items", place, at_least=1, at_most=MAX_ITEMS_PER_SECTION, noun="item"),
                start=1,
            ):
                item_place = (*place, "items", Nth(item_index, "item"))
                item = self.item(item_entry, item_place, _line(section, "items"), group_keys)
                if item is None:
                    continue
                if item["key"] in item_places:
                    self.problem(
                        (*item_place, "key"),
                        f'"{item["key"]}" is already the key of the {item_places[item["key"]]}. '
                        "Each item needs its own key.",
                        item["key_line"],
                    )
                elif item["key"]:
                    item_places[item["key"]] = f"{ordinal(item_index)} item in the {ordinal(index)} section"
                twin = title_taken(item["title"], [other["title"] for other in items])
                if twin:
                    self.problem(
                        (*item_place, "title"),
                        f'another item in this section is already called "{twin}". Give each item its own title.',
                        _line(item_entry, "title"),
                    )
                items.append(item)
            sections.append(
                {
                    "key": key,
                    "title": section_title,
                    "intro": self.text(section, "intro", place, required=False, max_length=LIMITS["section_intro"]),
                    "assessed": assessed is True,
                    "items": items,
                }
            )
        nothing_to_rate = not any(section["assessed"] and section["items"] for section in sections)
        if sections and nothing_to_rate and not unsure_what_is_assessed:
            self.problem(
                ("sections",),
                "at least one section must have assessed: true, so that organisations have something to rate.",
                _line(top, "sections"),
            )
        return sections

    def item(self, entry, place, line, group_keys):
        item = self.mapping(entry, place, line, ITEM_KEYS)
        if item is None:
            return None
        prompts = []
        allowed_groups = [ALL_GROUPS, *sorted(group_keys)]
        kinds = list(PromptKind.values)
        for index, prompt_entry in enumerate(
            self.sequence(item, "prompts", place, at_most=MAX_PROMPTS_PER_ITEM), start=1
        ):
            prompt_place = (*place, "prompts", Nth(index, "prompt"))
            prompt = self.mapping(prompt_entry, prompt_place, _line(item, "prompts"), PROMPT_KEYS)
            if prompt is None:
                continue
            group = self.text(prompt, "group", prompt_place, max_length=MAX_KEY_LENGTH)
            if group and group not in allowed_groups:
                self.problem(
                    (*prompt_place, "group"),
                    f'there is no stakeholder group called "{group}". Use one of: {", ".join(allowed_groups)}.',
                    _line(prompt, "group"),
                )
            kind = self.text(prompt, "kind", prompt_place, max_length=30)
            if kind and kind not in kinds:
                self.problem(
                    (*prompt_place, "kind"),
                    f'"{kind}" is not a kind of prompt. Use one of: {", ".join(kinds)}.',
                    _line(prompt, "kind"),
                )
            text = self.text(prompt, "text", prompt_place, max_length=LIMITS["prompt_text"])
            prompts.append({"group": group, "kind": kind, "text": text})
        return {
            "key": self.key(item, "key", place),
            "key_line": _line(item, "key"),
            "number": self.text(item, "number", place, max_length=LIMITS["item_number"], numbers_allowed=True),
            "title": self.text(item, "title", place, max_length=LIMITS["item_title"]),
            "summary": self.text(item, "summary", place, required=False, max_length=LIMITS["item_summary"]),
            "guidance": self.text(item, "guidance", place, required=False, max_length=LIMITS["item_guidance"]),
            "prompts": prompts,
        }


def framework_yaml(definition):
    """A framework as a file in the upload format (see docs/frameworks.md), as UTF-8 bytes.

    `definition` has the shape `check_definition` returns. Loading the file gives the same framework back, so a
    framework written in the browser can be added to another Included, and a published version can be copied.
    Optional keys that are empty are left out, as a person writing the file would leave them out.
    """
    data = {
        "format": FORMAT,
        "slug": definition.get("slug", ""),
        "name": definition.get("name", ""),
        "short_name": definition.get("short_name", ""),
        "version": definition.get("version", ""),
        "credit": definition.get("credit", ""),
    }
    if definition.get("source_url"):
        data["source_url"] = definition["source_url"]
    data["description"] = definition.get("description", "")
    data["scale"] = [
        {"level": level.get("level", number), "name": level.get("name", ""), "descriptor": level.get("descriptor", "")}
        for number, level in enumerate(definition.get("scale", []), start=SCALE_LOWEST)
    ]
    data["stakeholder_groups"] = [
        {"key": group["key"], "name": group.get("name", ""), "sectors": list(group.get("sectors", []))}
        for group in definition.get("stakeholder_groups", [])
    ]
    data["sections"] = [_section_data(section) for section in definition.get("sections", [])]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110).encode("utf-8")


def _section_data(section):
    data = {"key": section["key"], "title": section.get("title", "")}
    if section.get("intro"):
        data["intro"] = section["intro"]
    data["assessed"] = bool(section.get("assessed"))
    data["items"] = [_item_data(item) for item in section.get("items", [])]
    return data


def _item_data(item):
    data = {"key": item["key"], "number": str(item.get("number", "")), "title": item.get("title", "")}
    for optional in ("summary", "guidance"):
        if item.get(optional):
            data[optional] = item[optional]
    if item.get("prompts"):
        data["prompts"] = [
            {"group": prompt.get("group", ""), "kind": prompt.get("kind", ""), "text": prompt.get("text", "")}
            for prompt in item["prompts"]
        ]
    return data
