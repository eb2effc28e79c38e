"""A framework draft's content, changed one part at a time. Plain Python on plain data: services.py saves it.

The content has the shape of a framework file (docs/frameworks.md) without `format`, and the scale's levels
carry no numbers: a level's number is its place in the list, so moving or removing one never leaves a gap.
Sections, items and groups are found by their keys, which are made from their first title and never change;
levels and prompts by their number in their list, counted from 1.
"""

import copy
import re

from django.utils.text import slugify

from .enums import ALL_GROUPS, SCALE_LOWEST
from .fileformat import (
    FORMAT,
    MAX_GROUPS,
    MAX_ITEMS_PER_SECTION,
    MAX_KEY_LENGTH,
    MAX_PROMPTS_PER_ITEM,
    MAX_SCALE_LEVELS,
    MAX_SECTIONS,
    title_taken,
)

DETAIL_FIELDS = ("name", "short_name", "slug", "version", "credit", "source_url", "description")
PARTS = ("level", "group", "section", "item", "prompt")
# Words used in the editor's web addresses, so no key may be one of them.
RESERVED_KEYS = {"add", "new", ALL_GROUPS}
PROMPT_KEY = re.compile(r"^(?P<item>[a-z0-9_-]+):(?P<number>[0-9]{1,4})$")
UP = "up"
DOWN = "down"


class DraftProblem(ValueError):
    """A change that cannot be made to a draft, with the reason in plain words."""


class PartNotFound(LookupError):
    """No section, item, group, level or prompt of that key in this draft (it may have been removed)."""


def new_content(*, name, credit, taken_slugs=()):
    """A new draft's content: its name, and guesses for what every framework needs, which can all be changed."""
    return {
        "slug": _unique(slugify(name)[:MAX_KEY_LENGTH].strip("-") or "framework", set(taken_slugs)),
        "name": name,
        "short_name": "",
        "version": "1",
        "credit": credit,
        "source_url": "",
        "description": "",
        "scale": [],
        "stakeholder_groups": [],
        "sections": [],
    }


def content_from_definition(definition, *, version):
    """A new draft's content from a published version's definition, to be published as `version`."""
    content = copy.deepcopy(definition)
    content["version"] = version
    content["scale"] = [{"name": level["name"], "descriptor": level["descriptor"]} for level in content["scale"]]
    for section in content["sections"]:
        for item in section["items"]:
            item.pop("key_line", None)
    return content


def as_file_data(content):
    """The draft as the data a framework file holds, to be checked and loaded like an upload."""
    data = {"format": FORMAT, **copy.deepcopy(content)}
    data["scale"] = [{"level": number, **level} for number, level in enumerate(data["scale"], start=SCALE_LOWEST)]
    if not data.get("source_url"):
        data.pop("source_url", None)
    return data


def _unique(base, taken):
    base = base or "part"
    if base not in taken and base not in RESERVED_KEYS:
        return base
    for number in range(2, len(taken) + 3):
        candidate = f"{base[: MAX_KEY_LENGTH - len(str(number)) - 1]}-{number}"
        if candidate not in taken and candidate not in RESERVED_KEYS:
            return candidate
    raise AssertionError("unreachable: there is always a free number")


def _room_for_one_more(parts, most, what):
    """A framework file may hold only so many of each part; a draft stops at the same number."""
    if len(parts) >= most:
        raise DraftProblem(f"There are already {most} {what}, the most a framework can have.")


def new_key(title, taken):
    """A key for a new part, made from its title: small letters, numbers and hyphens, unlike any taken key."""
    return _unique(slugify(title)[:MAX_KEY_LENGTH].strip("-"), set(taken))


def all_item_keys(content):
    return [item["key"] for section in content["sections"] for item in section["items"]]


# Finding parts


def level_at(content, number):
    if not 1 <= number <= len(content["scale"]):
        raise PartNotFound(f"level {number}")
    return content["scale"][number - 1]


def group_of(content, key):
    for group in content["stakeholder_groups"]:
        if group["key"] == key:
            return group
    raise PartNotFound(f"group {key}")


def section_of(content, key):
    for section in content["sections"]:
        if section["key"] == key:
            return section
    raise PartNotFound(f"section {key}")


def item_of(content, key):
    """The item with this key, and the section it is in."""
    for section in content["sections"]:
        for item in section["items"]:
            if item["key"] == key:
                return section, item
    raise PartNotFound(f"item {key}")


def prompt_at(content, item_key, number):
    _, item = item_of(content, item_key)
    prompts = item.setdefault("prompts", [])
    if not 1 <= number <= len(prompts):
        raise PartNotFound(f"prompt {number}")
    return prompts[number - 1]


def prompt_key(item_key, number):
    return f"{item_key}:{number}"


def _list_and_index(content, part, key):
    """The list a part is in, and its index there: what moving and removing need."""
    if part == "level":
        number = int(key) if str(key).isdigit() else 0
        level_at(content, number)
        return content["scale"], number - 1
    if part == "group":
        group = group_of(content, key)
        return content["stakeholder_groups"], content["stakeholder_groups"].index(group)
    if part == "section":
        section = section_of(content, key)
        return content["sections"], content["sections"].index(section)
    if part == "item":
        section, item = item_of(content, key)
        return section["items"], section["items"].index(item)
    if part == "prompt":
        match = PROMPT_KEY.match(str(key))
        if not match:
            raise PartNotFound(f"prompt {key}")
        _, item = item_of(content, match["item"])
        prompt_at(content, match["item"], int(match["number"]))
        return item["prompts"], int(match["number"]) - 1
    raise PartNotFound(part)


# Changes: each takes the content, changes it in place, and returns what a person would call the part.


def change_detail(content, field, value):
    if field not in DETAIL_FIELDS:
        raise PartNotFound(field)
    content[field] = value
    return field


def save_level(content, number, *, name, descriptor):
    if number is None:
        if len(content["scale"]) >= MAX_SCALE_LEVELS:
            raise DraftProblem(f"The scale already has {MAX_SCALE_LEVELS} levels, the most it can have.")
        content["scale"].append({"name": name, "descriptor": descriptor})
    else:
        level_at(content, number).update(name=name, descriptor=descriptor)
    return name


def save_group(content, key, *, name, sectors):
    if key is None:
        _room_for_one_more(content["stakeholder_groups"], MAX_GROUPS, "stakeholder groups")
        key = new_key(name, [group["key"] for group in content["stakeholder_groups"]])
        content["stakeholder_groups"].append({"key": key, "name": name, "sectors": list(sectors)})
    else:
        group_of(content, key).update(name=name, sectors=list(sectors))
    return key


def save_section(content, key, *, title, intro, assessed):
    others = [section["title"] for section in content["sections"] if section["key"] != key]
    twin = title_taken(title, others)
    if twin:
        raise DraftProblem(f'Another section is already called "{twin}". Give each section its own title.')
    if key is None:
        _room_for_one_more(content["sections"], MAX_SECTIONS, "sections")
        key = new_key(title, [section["key"] for section in content["sections"]])
        content["sections"].append({"key": key, "title": title, "intro": intro, "assessed": assessed, "items": []})
    else:
        section_of(content, key).update(title=title, intro=intro, assessed=assessed)
    return key


def save_item(content, key, *, section_key, number, title, summary, guidance):
    if key is None:
        section = section_of(content, section_key)
    else:
        section, item = item_of(content, key)
    others = [other["title"] for other in section["items"] if other["key"] != key]
    twin = title_taken(title, others)
    if twin:
        raise DraftProblem(f'Another item in this section is already called "{twin}". Give each item its own title.')
    fields = {"number": number, "title": title, "summary": summary, "guidance": guidance}
    if key is None:
        _room_for_one_more(section["items"], MAX_ITEMS_PER_SECTION, "items in this section")
        key = new_key(title, all_item_keys(content))
        section["items"].append({"key": key, **fields, "prompts": []})
    else:
        item.update(fields)
    return key


def save_prompt(content, item_key, number, *, group, kind, text):
    _, item = item_of(content, item_key)
    if number is None:
        _room_for_one_more(item.setdefault("prompts", []), MAX_PROMPTS_PER_ITEM, "prompts for this item")
        item["prompts"].append({"group": group, "kind": kind, "text": text})
        return len(item["prompts"])
    prompt_at(content, item_key, number).update(group=group, kind=kind, text=text)
    return number


def remove(content, part, key):
    """Remove a part, and what is inside it: a section's items, or the prompts written for a group."""
    parts, index = _list_and_index(content, part, key)
    removed = parts.pop(index)
    if part == "group":
        for section in content["sections"]:
            for item in section["items"]:
                item["prompts"] = [p for p in item.get("prompts", []) if p["group"] != removed["key"]]
    return removed


def move(content, part, key, direction):
    """Move a part one place up or down in its list. Moving the first up, or the last down, changes nothing."""
    if direction not in (UP, DOWN):
        raise PartNotFound(direction)
    parts, index = _list_and_index(content, part, key)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(parts):
        parts[index], parts[other] = parts[other], parts[index]
        return other + 1
    return index + 1


def prompts_for_group(content, key):
    return sum(1 for s in content["sections"] for i in s["items"] for p in i.get("prompts", []) if p["group"] == key)
