"""The published Open Referral UK 3.0 schemas (../shared/standards/openreferral-uk/, Open Referral, CC BY-SA 4.0),
as validators for tests."""

import json
import os
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# Beside the repository, as the issue names it (../shared/standards/openreferral-uk/), unless ORUK_STANDARD_DIR says.
STANDARD = Path(
    os.environ.get("ORUK_STANDARD_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "openreferral-uk"
)
SCHEMAS = STANDARD / "schema"
EXAMPLES = STANDARD / "examples"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


@cache
def _registry():
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


def validator(name):
    """A validator for one published schema: "compiled/service.json", "taxonomy.json" and so on."""
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def problems(name, document):
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator(name).iter_errors(document)]


def page_problems(item_schema, page):
    found = [] if set(page) == PAGE_KEYS else [f"page keys {sorted(page)}"]
    for number, item in enumerate(page["contents"]):
        found += [f"contents[{number}] {problem}" for problem in problems(item_schema, item)]
    return found


def example(name):
    return json.loads((EXAMPLES / name).read_text())
