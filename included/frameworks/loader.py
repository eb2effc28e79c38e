"""Load a framework file into the database as a new framework version.

This is the one door through which frameworks enter Included: the shipped files in data/, the
`load_frameworks` command and a coordinator's upload all come here. The file is checked in full first
(see fileformat.py), and only then saved.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from included.core import audit

from .fileformat import FrameworkFileError, parse_framework, read_framework_source
from .models import Framework, FrameworkItem, FrameworkSection, FrameworkVersion, ItemPrompt

__all__ = ["FrameworkFileError", "LoadResult", "check_before_loading", "load_framework_file", "shipped_files"]

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadResult:
    version: FrameworkVersion
    loaded: bool

    @property
    def framework(self):
        return self.version.framework


def shipped_files():
    """The framework files that come with Included, in a steady order."""
    return sorted(path for path in SHIPPED_DIR.iterdir() if path.suffix in {".yaml", ".yml"})


def load_framework_file(source, *, partnership=None, by=None):
    """Load one framework file: a path, or the file's bytes.

    Promises: nothing is written unless the whole file is right; loading the same file again changes
    nothing; a version that is already published is never changed. A partnership's own framework may
    not take the slug of a framework that comes with Included.
    """
    content = read_framework_source(source)
    digest = hashlib.sha256(content).hexdigest()
    already = (
        FrameworkVersion.objects.filter(framework__partnership=partnership, source_sha256=digest)
        .select_related("framework")
        .first()
    )
    if already is not None:
        return LoadResult(already, loaded=False)
    definition = parse_framework(content)
    try:
        with transaction.atomic():
            version = _save(definition, digest=digest, partnership=partnership, by=by)
    except IntegrityError as error:
        raise FrameworkFileError(
            ["Someone else loaded this framework at the same moment. Wait a minute and try again."]
        ) from error
    return LoadResult(version, loaded=True)


def check_before_loading(definition, *, partnership=None):
    """Raise FrameworkFileError if a checked definition cannot be saved beside what is saved already.

    A partnership's framework may not take the slug of one that comes with Included, and a version number that
    is published already cannot be used again. Returns the framework the version would join, or None.
    """
    slug = definition["slug"]
    number = definition["version"]
    if partnership is not None and Framework.objects.filter(partnership__isnull=True, slug=slug).exists():
        message = "is the slug of a framework that comes with Included. Choose a different slug."
        raise FrameworkFileError([f'slug: "{slug}" {message}'], places=[(("slug",), f'"{slug}" {message}')])
    framework = Framework.objects.filter(partnership=partnership, slug=slug).first()
    if framework is not None:
        taken = set(framework.versions.values_list("version", flat=True))
        if number in taken:
            message = _version_taken(framework, number, taken)
            raise FrameworkFileError([f"version: {message}"], places=[(("version",), message)])
    return framework


def _save(definition, *, digest, partnership, by):
    number = definition["version"]
    framework = check_before_loading(definition, partnership=partnership)
    if framework is None:
        framework = Framework.objects.create(
            partnership=partnership,
            slug=definition["slug"],
            name=definition["name"],
            short_name=definition["short_name"],
        )
    else:
        if (framework.name, framework.short_name) != (definition["name"], definition["short_name"]):
            framework.name = definition["name"]
            framework.short_name = definition["short_name"]
            framework.save(update_fields=["name", "short_name", "updated_at"])
    version = FrameworkVersion.objects.create(
        framework=framework,
        version=number,
        description=definition["description"],
        credit=definition["credit"],
        source_url=definition["source_url"],
        scale=definition["scale"],
        stakeholder_groups=definition["stakeholder_groups"],
        source_sha256=digest,
        published_at=timezone.now(),
        loaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _save_contents(version, definition["sections"])
    item_count = sum(len(section["items"]) for section in definition["sections"])
    audit.record(
        "framework.version_loaded",
        actor=by,
        obj=version,
        partnership=partnership,
        summary=f"{framework.short_name} version {number} loaded",
        sha256=digest,
        items=item_count,
    )
    return version


def _version_taken(framework, number, taken):
    suggestion = next(f"{number}.{n}" for n in range(1, len(taken) + 2) if f"{number}.{n}" not in taken)
    return (
        f'version "{number}" of {framework.short_name} is already published with different words. '
        "Assessments may use it, so it cannot change. Give the changed file a new version number, "
        f'such as "{suggestion}".'
    )


def _save_contents(version, sections):
    section_rows = FrameworkSection.objects.bulk_create(
        FrameworkSection(
            version=version,
            key=section["key"],
            title=section["title"],
            intro=section["intro"],
            assessed=section["assessed"],
            position=position,
        )
        for position, section in enumerate(sections)
    )
    item_rows = []
    prompt_lists = []
    for section_row, section in zip(section_rows, sections, strict=True):
        for position, item in enumerate(section["items"], start=1):
            item_rows.append(
                FrameworkItem(
                    version=version,
                    section=section_row,
                    key=item["key"],
                    number=item["number"],
                    title=item["title"],
                    summary=item["summary"],
                    guidance=item["guidance"],
                    position=position,
                )
            )
            prompt_lists.append(item["prompts"])
    item_rows = FrameworkItem.objects.bulk_create(item_rows)
    ItemPrompt.objects.bulk_create(
        ItemPrompt(item=item_row, group=prompt["group"], kind=prompt["kind"], text=prompt["text"], position=position)
        for item_row, prompts in zip(item_rows, prompt_lists, strict=True)
        for position, prompt in enumerate(prompts, start=1)
    )
