"""Changes to frameworks that people make. Shipped frameworks load at start-up (`manage.py load_frameworks`).

A partnership's coordinators add their own framework in one of two ways: by uploading a framework file, or by
writing a draft in the browser and publishing it. Both end in `loader.load_framework_file`, so both are checked by
the same rules and make the same records; a published version never changes.
"""

import copy

from django.db import transaction
from django.utils import timezone

from included.access.rules import can_coordinate, can_edit_framework_draft, can_write_frameworks, require
from included.core import audit
from included.core.receipts import create_once
from included.core.versions import EditConflict, update_if_unchanged

from . import drafting
from .drafting import DraftProblem, PartNotFound
from .enums import DraftStatus
from .fileformat import FrameworkFileError, check_definition, framework_yaml
from .loader import check_before_loading, load_framework_file
from .models import Framework, FrameworkDraft

__all__ = [
    "DraftIsPublished",
    "DraftProblem",
    "PartNotFound",
    "add_partnership_framework",
    "change_draft_detail",
    "check_draft",
    "delete_draft",
    "draft_yaml",
    "move_draft_part",
    "publish_draft",
    "remove_draft_part",
    "save_draft_group",
    "save_draft_item",
    "save_draft_level",
    "save_draft_prompt",
    "save_draft_section",
    "start_draft",
    "start_draft_from_version",
]

DRAFT_ONLY_COORDINATORS = "Only the partnership's coordinators can write its frameworks."


class DraftIsPublished(Exception):
    """The draft was published. Its version never changes: a change needs a new draft."""

    def __init__(self, draft):
        super().__init__("This draft is published, so it cannot change. Start a new draft from it instead.")
        self.draft = draft


def add_partnership_framework(partnership, source, *, by):
    """Add a partnership's own framework, or a new version of it, from a framework file. Coordinators only.

    The loader's promises hold: nothing is written unless the whole file is right, and a published version never
    changes.
    """
    require(can_coordinate(by, partnership), "Only the partnership's coordinators can add frameworks.")
    return load_framework_file(source, partnership=partnership, by=by)


# Drafts written in the browser


def start_draft(partnership, *, name, by, form_token=None):
    """Start a new framework for the partnership, with only its name. Sending the same form twice starts one."""
    require(can_write_frameworks(by, partnership), DRAFT_ONLY_COORDINATORS)
    taken = set(Framework.objects.available_to(partnership).values_list("slug", flat=True))

    def create():
        content = drafting.new_content(name=name, credit=f"Written by {partnership.name}.", taken_slugs=taken)
        draft = FrameworkDraft.objects.create(partnership=partnership, content=content, created_by=by, updated_by=by)
        audit.record("framework_draft.started", actor=by, obj=draft, summary=f"Started a framework draft: {name}")
        return draft

    with transaction.atomic():
        return create_once(form_token, f"frameworks.draft:{partnership.pk}", FrameworkDraft, create)


def start_draft_from_version(version, *, by, form_token=None):
    """Start a draft of a new version from a published version of the partnership's own framework.

    The draft holds the version's words, with the next free version number; the published version stays as it is.
    """
    partnership = version.framework.partnership
    require(
        partnership is not None and can_write_frameworks(by, partnership),
        "Only the coordinators of the partnership that wrote this framework can start a new version of it.",
    )
    taken = set(version.framework.versions.values_list("version", flat=True))
    number = _next_version(version.version, taken)

    def create():
        definition = type(version).objects.with_contents().get(pk=version.pk).as_definition()
        content = drafting.content_from_definition(definition, version=number)
        draft = FrameworkDraft.objects.create(
            partnership=partnership, based_on=version, content=content, created_by=by, updated_by=by
        )
        audit.record(
            "framework_draft.started",
            actor=by,
            obj=draft,
            summary=f"Started version {number} of {version.framework.short_name} from version {version.version}",
        )
        return draft

    with transaction.atomic():
        return create_once(form_token, f"frameworks.draft-from:{version.pk}", FrameworkDraft, create)


def _next_version(current, taken):
    """The first free version after `current`: "2" after "1", "2.2" after "2.1", and "2018.1" after "2018",
    where "2019" would read as a year."""
    head, dot, last = current.rpartition(".")
    if last.isdigit() and not (not dot and len(last) == 4):
        candidates = (f"{head}{dot}{int(last) + n}" for n in range(1, len(taken) + 2))
    else:
        candidates = (f"{current}.{n}" for n in range(1, len(taken) + 2))
    return next(candidate for candidate in candidates if candidate not in taken)


def _change(draft, *, expected_version, by, change):
    """Apply `change` to the draft's content if nobody saved it since the person opened it, and save it.

    Raises DraftIsPublished, EditConflict (with the draft as saved now), or what `change` raises (DraftProblem,
    PartNotFound), having written nothing. Returns what `change` returns.
    """
    require(can_edit_framework_draft(by, draft), DRAFT_ONLY_COORDINATORS)
    with transaction.atomic():
        current = FrameworkDraft.objects.get(pk=draft.pk)
        if current.is_published:
            raise DraftIsPublished(current)
        if current.version != expected_version:
            raise EditConflict(current=current)
        content = copy.deepcopy(current.content)
        result = change(content)
        if not update_if_unchanged(current, expected_version, content=content, updated_by=by):
            raise EditConflict(current=FrameworkDraft.objects.get(pk=draft.pk))
    draft.content, draft.version, draft.updated_by = current.content, current.version, by
    return result


def change_draft_detail(draft, *, field, value, expected_version, by):
    """Change one of the framework's details: its name, short name, slug, version, credit, source or description."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.change_detail(content, field, value),
    )


def save_draft_level(draft, *, number=None, name, descriptor, expected_version, by):
    """Add a level to the end of the scale (number None), or change level `number`."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.save_level(content, number, name=name, descriptor=descriptor),
    )


def save_draft_group(draft, *, key=None, name, sectors, expected_version, by):
    """Add a stakeholder group (key None) or change one. Returns its key."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.save_group(content, key, name=name, sectors=sectors),
    )


def save_draft_section(draft, *, key=None, title, intro, assessed, expected_version, by):
    """Add a section at the end (key None) or change one. Two sections cannot share a title. Returns its key."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.save_section(content, key, title=title, intro=intro, assessed=assessed),
    )


def save_draft_item(draft, *, section_key=None, key=None, number, title, summary, guidance, expected_version, by):
    """Add an item to the end of a section (key None) or change one. Returns its key."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.save_item(
            content, key, section_key=section_key, number=number, title=title, summary=summary, guidance=guidance
        ),
    )


def save_draft_prompt(draft, *, item_key, number=None, group, kind, text, expected_version, by):
    """Add a prompt to the end of an item's prompts (number None) or change one. Returns its number."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.save_prompt(content, item_key, number, group=group, kind=kind, text=text),
    )


def remove_draft_part(draft, *, part, key, expected_version, by):
    """Remove a level, group, section, item or prompt, with what is inside it."""
    return _change(
        draft, expected_version=expected_version, by=by, change=lambda content: drafting.remove(content, part, key)
    )


def move_draft_part(draft, *, part, key, direction, expected_version, by):
    """Move a part one place up or down. Returns its place now, counted from 1."""
    return _change(
        draft,
        expected_version=expected_version,
        by=by,
        change=lambda content: drafting.move(content, part, key, direction),
    )


def delete_draft(draft, *, by):
    """Delete a draft that was never published. A published draft stays, as the record of where its version came
    from."""
    require(can_edit_framework_draft(by, draft), DRAFT_ONLY_COORDINATORS)
    with transaction.atomic():
        current = FrameworkDraft.objects.select_for_update().get(pk=draft.pk)
        if current.is_published:
            raise DraftIsPublished(current)
        audit.record("framework_draft.deleted", actor=by, obj=current, summary=f"Deleted the framework draft {current}")
        current.delete()


def check_draft(draft, *, by):
    """Check a draft by the rules every framework file is checked by, saving nothing.

    Returns the clean definition, or raises FrameworkFileError whose `places` say where each problem is.
    """
    require(can_edit_framework_draft(by, draft), DRAFT_ONLY_COORDINATORS)
    definition = check_definition(drafting.as_file_data(draft.content))
    check_before_loading(definition, partnership=draft.partnership)
    return definition


def draft_yaml(draft, *, by):
    """The draft as it stands, as a framework file: the same file publishing loads."""
    require(can_edit_framework_draft(by, draft), DRAFT_ONLY_COORDINATORS)
    return framework_yaml(drafting.as_file_data(draft.content))


def publish_draft(draft, *, expected_version, by):
    """Publish the draft as a new framework version that never changes, which organisations can then sign up to.

    The draft is written out as a framework file and loaded exactly as an uploaded file is: the same checks, the
    same records, the same audit row. Raises FrameworkFileError (nothing saved), EditConflict if someone changed the
    draft since the person checked it, or DraftIsPublished.
    """
    require(can_edit_framework_draft(by, draft), DRAFT_ONLY_COORDINATORS)
    with transaction.atomic():
        current = FrameworkDraft.objects.select_for_update().get(pk=draft.pk)
        if current.is_published:
            raise DraftIsPublished(current)
        if current.version != expected_version:
            raise EditConflict(current=current)
        result = load_framework_file(
            framework_yaml(drafting.as_file_data(current.content)), partnership=current.partnership, by=by
        )
        if not result.loaded:
            message = (
                f"version {result.version.version} of {result.framework.short_name} already has exactly these "
                "words. Change something, or use that version."
            )
            raise FrameworkFileError([message], places=[(("version",), message)])
        now = timezone.now()
        update_if_unchanged(
            current,
            expected_version,
            status=DraftStatus.PUBLISHED,
            published_version=result.version,
            published_at=now,
            updated_by=by,
        )
        audit.record(
            "framework_draft.published",
            actor=by,
            obj=current,
            summary=f"Published {result.framework.short_name} version {result.version.version} from a draft",
            mentions={"version": result.version},
        )
    draft.status, draft.published_version, draft.published_at = current.status, result.version, now
    draft.version = current.version
    return result.version
