"""Coordinators write their partnership's own framework in the browser: short pages, one part at a time.

Every page belongs to one draft of one partnership. Anyone who is not a coordinator of that partnership gets a 404,
so nobody learns what another partnership is writing. Each save sends back the version of the draft it showed
(core.versions): if another coordinator saved first, the page shows both and keeps what this person typed.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from included.access.requests import require_coordinator
from included.access.rules import can_edit_framework_draft
from included.core.forms import OUT_OF_DATE
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.versions import EditConflict, saved_details
from included.language.word_lists import lexicon_for
from included.organisations.enums import Sector
from included.partnerships.lookups import partnership_from_slug

from . import drafting, services
from .enums import ALL_GROUPS, PromptKind
from .fileformat import MAX_SCALE_LEVELS, MIN_SCALE_LEVELS, FrameworkFileError, Nth
from .forms import (
    DETAIL_FIELDS,
    DraftActionForm,
    DraftDetailForm,
    GroupForm,
    ItemForm,
    LevelForm,
    PromptForm,
    SectionForm,
    StartDraftForm,
    StartFromVersionForm,
)
from .models import FrameworkDraft, FrameworkVersion
from .wording import check_words

DETAIL_NAMES = {
    "name": "Name",
    "short_name": "Short name",
    "slug": "End of its web address",
    "version": "Version",
    "credit": "Who wrote it",
    "source_url": "Where to read the original",
    "description": "Description",
}
ADDED_MEANWHILE = (
    "Someone else changed this draft after you opened this page, so we have not saved this yet. "
    "Check the draft in another tab if you need to, then save again."
)


# Finding the draft


def _draft(request, partnership_slug, draft_id):
    """The draft, if the person coordinates its partnership. Anyone else gets a 404 and learns nothing."""
    partnership = partnership_from_slug(partnership_slug)
    draft = (
        FrameworkDraft.objects.for_partnership(partnership)
        .select_related("published_version__framework", "based_on__framework", "updated_by")
        .filter(pk=draft_id)
        .first()
    )
    if draft is None or not can_edit_framework_draft(request.user, draft):
        raise Http404("No such framework draft")
    draft.partnership = partnership
    return partnership, draft


def _url(name, draft, **kwargs):
    return reverse(
        f"frameworks:{name}", kwargs={"partnership_slug": draft.partnership.slug, "draft_id": draft.pk, **kwargs}
    )


def _overview_url(draft, anchor=""):
    return _url("draft", draft) + (f"#{anchor}" if anchor else "")


def change_url(draft, target):
    """Where to change one part of a draft: a target as wording.FieldCheck names it."""
    kind, *rest = target
    if kind == "detail":
        return _url("draft_detail", draft, field=rest[0])
    if kind == "level":
        return _url("draft_level", draft, number=rest[0])
    if kind == "group":
        return _url("draft_group", draft, key=rest[0])
    if kind == "section":
        return _url("draft_change_section", draft, key=rest[0])
    if kind == "item":
        return _url("draft_change_item", draft, key=rest[0])
    if kind == "prompt":
        return _url("draft_prompt", draft, key=rest[0], number=rest[1])
    return _overview_url(draft)


def _out_of_date(request):
    """A button sent without the draft's version (an old or broken page): show the page as it is now."""
    messages.error(request, OUT_OF_DATE)
    return redirect(request.path)


def _published(request, draft):
    messages.info(
        request, "This draft has been published, so it cannot change. To change the words, start a new version."
    )
    return redirect(_overview_url(draft))


def _gone(request, draft):
    messages.info(request, "That part of the draft is no longer there. Someone may have removed it.")
    return redirect(_overview_url(draft))


# Lists and starting


def draft_list(request, partnership_slug):
    """Coordinators: the partnership's framework drafts, the newest change first."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    drafts = list(FrameworkDraft.objects.for_partnership(partnership).select_related("published_version__framework"))
    return render(
        request,
        "frameworks/drafts/list.html",
        {
            "partnership": partnership,
            "in_progress": [d for d in drafts if not d.is_published],
            "published": [d for d in drafts if d.is_published],
        },
    )


def start_draft(request, partnership_slug):
    """Coordinators: start writing a new framework. The first page asks only for its name."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    form = StartDraftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        draft = services.start_draft(
            partnership, name=form.cleaned_data["name"], by=request.user, form_token=form.cleaned_data["form_token"]
        )
        messages.success(request, "Your draft is saved. Add the rest one part at a time. Each part saves as you go.")
        return redirect(_overview_url(draft))
    return render(request, "frameworks/drafts/start.html", {"partnership": partnership, "form": form})


@require_POST
def start_draft_from_version(request, partnership_slug, framework_slug, version):
    """Coordinators: start a new version of their partnership's framework from a published version."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    published = (
        FrameworkVersion.objects.filter(framework__partnership=partnership, framework__slug=framework_slug)
        .filter(version=version)
        .select_related("framework")
        .first()
    )
    if published is None:
        raise Http404("No such framework version")
    form = StartFromVersionForm(request.POST)
    token = form.cleaned_data["form_token"] if form.is_valid() else None
    draft = services.start_draft_from_version(published, by=request.user, form_token=token)
    draft.partnership = partnership
    messages.success(
        request,
        f"A draft of version {draft.content['version']} is saved, with the words of version {published.version}. "
        "Change what you need, then publish it.",
    )
    return redirect(_overview_url(draft))


# The draft's overview


def draft_overview(request, partnership_slug, draft_id):
    """Everything in the draft, each part with a link to change it, and what is left to do."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    content = draft.content
    details = [
        {"name": name, "label": label, "value": content.get(name, ""), "url": _url("draft_detail", draft, field=name)}
        for name, label in DETAIL_NAMES.items()
    ]
    sectors = dict(Sector.choices)
    groups = [
        {
            "group": group,
            "sectors": [sectors.get(s, s) for s in group["sectors"]],
            "url": _url("draft_group", draft, key=group["key"]),
            "prompts": drafting.prompts_for_group(content, group["key"]),
        }
        for group in content["stakeholder_groups"]
    ]
    sections = [
        {
            "section": section,
            "url": _url("draft_section", draft, key=section["key"]),
            "items": len(section["items"]),
        }
        for section in content["sections"]
    ]
    return render(
        request,
        "frameworks/drafts/overview.html",
        {
            "partnership": partnership,
            "draft": draft,
            "details": details,
            "levels": [
                {"number": n, "level": level, "url": _url("draft_level", draft, number=n)}
                for n, level in enumerate(content["scale"], start=1)
            ],
            "can_add_level": len(content["scale"]) < MAX_SCALE_LEVELS,
            "min_levels": MIN_SCALE_LEVELS,
            "max_levels": MAX_SCALE_LEVELS,
            "groups": groups,
            "sections": sections,
            "action_form": DraftActionForm(initial={"version": draft.version}),
            "editable": not draft.is_published,
        },
    )


# One form, many parts: the editing pages share one way of saving


def _edit(request, draft, *, form, save, done, what, saved_rows, context, template="frameworks/drafts/form.html"):
    """Show `form`; on a valid POST call `save(cleaned_data, expected_version)` and go to `done(result)`.

    On an edit conflict the form keeps what the person typed and the page shows what is saved now
    (`saved_rows(content)`: label and value pairs for this part, or None if it has gone).
    """
    if draft.is_published:
        return _published(request, draft)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data, form.expected_version)
        except EditConflict as edit_conflict:
            current = edit_conflict.current
            if current.is_published:
                return _published(request, draft)
            rows = _saved_rows_or_none(saved_rows, current.content)
            if rows is None:
                return _gone(request, draft)
            data = request.POST.copy()
            data["version"] = current.version
            form = type(form)(data, **context.pop("form_kwargs", {}))
            form.is_valid()
            if rows:
                conflict = saved_details(rows, what=what, by=current.updated_by, at=current.updated_at)
            else:
                # Adding a part overwrites nothing, but saving it blind could add it twice: ask first.
                form.add_error(None, ADDED_MEANWHILE)
            draft.version = current.version
        except services.DraftProblem as problem:
            form.add_error(None, str(problem))
        except services.PartNotFound:
            return _gone(request, draft)
        except services.DraftIsPublished:
            return _published(request, draft)
        else:
            return redirect(done(result))
    context.pop("form_kwargs", None)
    context.setdefault("back_url", _overview_url(draft))
    context.setdefault("back_text", "Back to the draft")
    return render(
        request,
        template,
        {"partnership": draft.partnership, "draft": draft, "form": form, "conflict": conflict, **context},
        status=409 if conflict or ADDED_MEANWHILE in form.non_field_errors() else 200,
    )


def _saved_rows_or_none(saved_rows, content):
    try:
        return saved_rows(content)
    except drafting.PartNotFound:
        return None


def _posted(request):
    """What the person sent: this request's form, or what they typed before their session ended."""
    if request.method == "POST":
        return request.POST
    return recover_kept_work(request)


@keeps_typed_work
def draft_detail(request, partnership_slug, draft_id, field):
    """One of the framework's details, one to a page."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if field not in DETAIL_FIELDS:
        raise Http404("No such detail")
    form = DraftDetailForm(
        _posted(request), field=field, initial={"value": draft.content.get(field, ""), "version": draft.version}
    )
    return _edit(
        request,
        draft,
        form=form,
        save=lambda data, expected: services.change_draft_detail(
            draft, field=field, value=data["value"], expected_version=expected, by=request.user
        ),
        done=lambda result: _overview_url(draft, "details"),
        what=f"the {DETAIL_NAMES[field].lower()}",
        saved_rows=lambda content: [{"label": DETAIL_NAMES[field], "value": content.get(field, "") or "Nothing"}],
        context={"title": DETAIL_NAMES[field], "form_kwargs": {"field": field}, "single_field": True},
    )


@keeps_typed_work
def draft_level(request, partnership_slug, draft_id, number=None):
    """Add a level to the rating scale, or change one."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if number is not None:
        try:
            level = drafting.level_at(draft.content, number)
        except drafting.PartNotFound as missing:
            raise Http404("No such level") from missing
        initial = {**level, "version": draft.version}
    else:
        initial = {"version": draft.version}
        number_now = len(draft.content["scale"]) + 1
    title = f"Level {number}" if number is not None else f"Add level {number_now} to the scale"
    return _edit(
        request,
        draft,
        form=LevelForm(_posted(request), initial=initial),
        save=lambda data, expected: services.save_draft_level(
            draft,
            number=number,
            name=data["name"],
            descriptor=data["descriptor"],
            expected_version=expected,
            by=request.user,
        ),
        done=lambda result: _overview_url(draft, "scale"),
        what="this level",
        saved_rows=lambda content: _level_rows(content, number),
        context={
            "title": title,
            "intro": "Organisations choose the level that fits them best. Level 1 is where they start.",
        },
    )


def _level_rows(content, number):
    if number is None:
        return []
    level = drafting.level_at(content, number)
    return [{"label": "Name", "value": level["name"]}, {"label": "What it means", "value": level["descriptor"]}]


@keeps_typed_work
def draft_group(request, partnership_slug, draft_id, key=None):
    """Add a stakeholder group, or change one: a name, and the kinds of organisation in it."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    initial = {"version": draft.version}
    if key is not None:
        try:
            group = drafting.group_of(draft.content, key)
        except drafting.PartNotFound as missing:
            raise Http404("No such group") from missing
        initial |= {"name": group["name"], "sectors": group["sectors"]}
    return _edit(
        request,
        draft,
        form=GroupForm(_posted(request), initial=initial),
        save=lambda data, expected: services.save_draft_group(
            draft, key=key, name=data["name"], sectors=data["sectors"], expected_version=expected, by=request.user
        ),
        done=lambda result: _overview_url(draft, "groups"),
        what="this group",
        saved_rows=lambda content: _group_rows(content, key),
        context={
            "title": "Add a stakeholder group" if key is None else f"Change the group “{initial['name']}”",
            "intro": "A group lets you write prompts for some kinds of organisation only, such as employers.",
        },
    )


def _group_rows(content, key):
    if key is None:
        return []
    group = drafting.group_of(content, key)
    sectors = dict(Sector.choices)
    return [
        {"label": "Name", "value": group["name"]},
        {"label": "Kinds of organisation", "value": "; ".join(str(sectors.get(s, s)) for s in group["sectors"])},
    ]


def draft_section(request, partnership_slug, draft_id, key):
    """A section: its details and its items in order, each with a link to change it."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    try:
        section = drafting.section_of(draft.content, key)
    except drafting.PartNotFound as missing:
        raise Http404("No such section") from missing
    items = [
        {"item": item, "url": _url("draft_item", draft, key=item["key"]), "prompts": len(item.get("prompts", []))}
        for item in section["items"]
    ]
    return render(
        request,
        "frameworks/drafts/section.html",
        {
            "partnership": partnership,
            "draft": draft,
            "section": section,
            "items": items,
            "action_form": DraftActionForm(initial={"version": draft.version}),
            "editable": not draft.is_published,
        },
    )


@keeps_typed_work
def draft_change_section(request, partnership_slug, draft_id, key=None):
    """Add a section, or change one's title, introduction and whether it is rated."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    initial = {"version": draft.version, "assessed": "yes"}
    if key is not None:
        try:
            section = drafting.section_of(draft.content, key)
        except drafting.PartNotFound as missing:
            raise Http404("No such section") from missing
        initial |= {
            "title": section["title"],
            "intro": section.get("intro", ""),
            "assessed": "yes" if section["assessed"] else "no",
        }
    return _edit(
        request,
        draft,
        form=SectionForm(_posted(request), initial=initial),
        save=lambda data, expected: services.save_draft_section(
            draft,
            key=key,
            title=data["title"],
            intro=data["intro"],
            assessed=data["assessed"],
            expected_version=expected,
            by=request.user,
        ),
        done=lambda result: _url("draft_section", draft, key=result),
        what="this section",
        saved_rows=lambda content: _section_rows(content, key),
        context={
            "title": "Add a section" if key is None else f"Change the section “{initial['title']}”",
            "back_url": _overview_url(draft, "sections") if key is None else _url("draft_section", draft, key=key),
            "back_text": "Back to the draft" if key is None else "Back to the section",
        },
    )


def _section_rows(content, key):
    if key is None:
        return []
    section = drafting.section_of(content, key)
    return [
        {"label": "Title", "value": section["title"]},
        {"label": "Introduction", "value": section.get("intro") or "Nothing"},
        {"label": "Rated", "value": "Yes" if section["assessed"] else "No"},
    ]


def draft_item(request, partnership_slug, draft_id, key):
    """An item: its words, and its prompts in order."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    try:
        section, item = drafting.item_of(draft.content, key)
    except drafting.PartNotFound as missing:
        raise Http404("No such item") from missing
    groups = {group["key"]: group["name"] for group in draft.content["stakeholder_groups"]} | {ALL_GROUPS: "Everyone"}
    kinds = dict(PromptKind.choices)
    prompts = [
        {
            "number": number,
            "prompt": prompt,
            "group": groups.get(prompt["group"], prompt["group"]),
            "kind": kinds.get(prompt["kind"], prompt["kind"]),
            "key": drafting.prompt_key(key, number),
            "url": _url("draft_prompt", draft, key=key, number=number),
        }
        for number, prompt in enumerate(item.get("prompts", []), start=1)
    ]
    return render(
        request,
        "frameworks/drafts/item.html",
        {
            "partnership": partnership,
            "draft": draft,
            "section": section,
            "item": item,
            "prompts": prompts,
            "action_form": DraftActionForm(initial={"version": draft.version}),
            "editable": not draft.is_published,
        },
    )


@keeps_typed_work
def draft_change_item(request, partnership_slug, draft_id, key=None, section_key=None):
    """Add an item to a section, or change one's number, title, summary and guidance."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    try:
        if key is not None:
            section, item = drafting.item_of(draft.content, key)
            initial = {field: item.get(field, "") for field in ("number", "title", "summary", "guidance")}
        else:
            section = drafting.section_of(draft.content, section_key)
            count = sum(len(s["items"]) for s in draft.content["sections"] if s["assessed"] == section["assessed"])
            initial = {"number": str(count + 1)}
    except drafting.PartNotFound as missing:
        raise Http404("No such item") from missing
    initial["version"] = draft.version
    return _edit(
        request,
        draft,
        form=ItemForm(_posted(request), initial=initial),
        save=lambda data, expected: services.save_draft_item(
            draft,
            key=key,
            section_key=section_key,
            number=data["number"],
            title=data["title"],
            summary=data["summary"],
            guidance=data["guidance"],
            expected_version=expected,
            by=request.user,
        ),
        done=lambda result: _url("draft_item", draft, key=result),
        what="this item",
        saved_rows=lambda content: _item_rows(content, key),
        context={
            "title": f"Add an item to “{section['title']}”" if key is None else f"Change item {initial['number']}",
            "back_url": _url("draft_section", draft, key=section["key"])
            if key is None
            else _url("draft_item", draft, key=key),
            "back_text": f"Back to “{section['title']}”" if key is None else "Back to the item",
        },
    )


def _item_rows(content, key):
    if key is None:
        return []
    _, item = drafting.item_of(content, key)
    return [
        {"label": label, "value": item.get(field) or "Nothing"}
        for field, label in (("number", "Number"), ("title", "Title"), ("summary", "Summary"), ("guidance", "Guidance"))
    ]


@keeps_typed_work
def draft_prompt(request, partnership_slug, draft_id, key, number=None):
    """Add a prompt to an item, or change one: who it is for, its kind, and its words."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    try:
        _, item = drafting.item_of(draft.content, key)
        initial = {"group": ALL_GROUPS, "version": draft.version}
        if number is not None:
            initial |= drafting.prompt_at(draft.content, key, number)
    except drafting.PartNotFound as missing:
        raise Http404("No such prompt") from missing
    groups = draft.content["stakeholder_groups"]
    return _edit(
        request,
        draft,
        form=PromptForm(_posted(request), initial=initial, groups=groups),
        save=lambda data, expected: services.save_draft_prompt(
            draft,
            item_key=key,
            number=number,
            group=data["group"],
            kind=data["kind"],
            text=data["text"],
            expected_version=expected,
            by=request.user,
        ),
        done=lambda result: _url("draft_item", draft, key=key),
        what="this prompt",
        saved_rows=lambda content: _prompt_rows(content, key, number),
        context={
            "title": f"Add a prompt to “{item['title']}”" if number is None else f"Change prompt {number}",
            "intro": "Prompts help organisations think about the item. A prompt can be for everyone, "
            "or for one stakeholder group.",
            "form_kwargs": {"groups": groups},
            "back_url": _url("draft_item", draft, key=key),
            "back_text": "Back to the item",
        },
    )


def _prompt_rows(content, key, number):
    if number is None:
        return []
    prompt = drafting.prompt_at(content, key, number)
    return [{"label": "Prompt", "value": prompt["text"]}]


# Moving and removing


@require_POST
def move_part(request, partnership_slug, draft_id):
    """Move a part one place up or down: a button in a small form, so it works without JavaScript."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if draft.is_published:
        return _published(request, draft)
    part, key, direction = (request.POST.get(name, "") for name in ("part", "key", "direction"))
    back = _return_url(request, draft)
    form = DraftActionForm(request.POST)
    if part not in drafting.PARTS or not form.is_valid():
        messages.error(request, "This page is out of date. Nothing was moved. Try again.")
        return redirect(back)
    try:
        services.move_draft_part(
            draft, part=part, key=key, direction=direction, expected_version=form.expected_version, by=request.user
        )
    except EditConflict:
        messages.error(
            request,
            "Someone else changed this draft after you opened the page. Nothing was moved. "
            "Check the order below, then try again.",
        )
    except services.PartNotFound:
        return _gone(request, draft)
    except services.DraftIsPublished:
        return _published(request, draft)
    return redirect(back)


def _return_url(request, draft):
    """The draft page the button was on: only addresses inside this draft are followed."""
    back = request.POST.get("next", "")
    if back.startswith(_overview_url(draft)):
        return back
    return _overview_url(draft)


def remove_part(request, partnership_slug, draft_id, part, key):
    """Ask before removing a part, then remove it and what is inside it."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if part not in drafting.PARTS:
        raise Http404("No such part")
    if draft.is_published:
        return _published(request, draft)
    name, inside, back = _describe_part(draft, part, key)
    form = DraftActionForm(request.POST if request.method == "POST" else None, initial={"version": draft.version})
    if request.method == "POST" and not form.is_valid():
        return _out_of_date(request)
    if request.method == "POST":
        try:
            services.remove_draft_part(
                draft, part=part, key=key, expected_version=form.expected_version, by=request.user
            )
        except EditConflict:
            messages.error(
                request, "Someone else changed this draft after you opened the page. Check it, then try again."
            )
            return redirect(request.path)
        except services.PartNotFound:
            return _gone(request, draft)
        except services.DraftIsPublished:
            return _published(request, draft)
        messages.success(request, f"{name} has been removed.")
        return redirect(back)
    return render(
        request,
        "frameworks/drafts/remove.html",
        {"partnership": partnership, "draft": draft, "form": form, "name": name, "inside": inside, "back": back},
    )


def _describe_part(draft, part, key):
    """What a person would call the part, what goes with it, and the page to go back to."""
    content = draft.content
    try:
        if part == "level":
            number = int(key) if key.isdigit() else 0
            level = drafting.level_at(content, number)
            return f"Level {number}, “{level['name']}”,", "", _overview_url(draft, "scale")
        if part == "group":
            group = drafting.group_of(content, key)
            count = drafting.prompts_for_group(content, key)
            inside = f"Its {count} prompt{'s' if count != 1 else ''} will be removed too." if count else ""
            return f"The group “{group['name']}”", inside, _overview_url(draft, "groups")
        if part == "section":
            section = drafting.section_of(content, key)
            count = len(section["items"])
            inside = f"Its {count} item{'s' if count != 1 else ''} will be removed too." if count else ""
            return f"The section “{section['title']}”", inside, _overview_url(draft, "sections")
        if part == "item":
            section, item = drafting.item_of(content, key)
            return f"Item {item['number']}, “{item['title']}”,", "", _url("draft_section", draft, key=section["key"])
        match = drafting.PROMPT_KEY.match(key)
        if match is None:
            raise drafting.PartNotFound(key)
        prompt = drafting.prompt_at(content, match["item"], int(match["number"]))
        return f"The prompt “{prompt['text'][:80]}”", "", _url("draft_item", draft, key=match["item"])
    except drafting.PartNotFound as missing:
        raise Http404("No such part") from missing


def delete_draft(request, partnership_slug, draft_id):
    """Ask before deleting a draft that was never published, then delete it."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if draft.is_published:
        return _published(request, draft)
    if request.method == "POST":
        services.delete_draft(draft, by=request.user)
        messages.success(request, f"The draft “{draft}” has been deleted.")
        return redirect("frameworks:drafts", partnership_slug=partnership.slug)
    return render(request, "frameworks/drafts/delete.html", {"partnership": partnership, "draft": draft})


# Checking, exporting, publishing


def check_draft_words(request, partnership_slug, draft_id):
    """Every field whose words miss the plain-English target, with a link to change it."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    report = check_words(draft.content, lexicon=lexicon_for(partnership))
    for checked in (*report.misses, *report.suggestions):
        checked.url = change_url(draft, checked.target)
    return render(
        request, "frameworks/drafts/check_words.html", {"partnership": partnership, "draft": draft, "report": report}
    )


def export_draft(request, partnership_slug, draft_id):
    """The draft as it stands, as a framework file that can be uploaded here or to another Included."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    content = services.draft_yaml(draft, by=request.user)
    return _yaml_download(content, f"{draft.content.get('slug') or 'framework'}-{draft.content.get('version')}-draft")


def _yaml_download(content, name):
    response = HttpResponse(content, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response


def problem_links(draft, error):
    """Each problem found by the framework checks, as (link, message), the link going to where it can be fixed."""
    links = []
    for place, message in error.places or [((), problem) for problem in error.problems]:
        label, target = _place_in_words(draft.content, place)
        link = change_url(draft, target) if target else _overview_url(draft)
        links.append((link, f"{label}: {message}" if label else message))
    return links


def _place_in_words(content, place):
    """A place from the checks, like ("sections", 2nd section, "items", 1st item, "title"), in words and as a target."""
    numbers = [part.number for part in place if isinstance(part, Nth)]
    names = [part for part in place if not isinstance(part, Nth)]
    try:
        if not place:
            return "", None
        top = place[0]
        if top in DETAIL_NAMES:
            return DETAIL_NAMES[top], ("detail", top)
        if top == "scale":
            if numbers:
                return f"Level {numbers[0]}", ("level", numbers[0])
            return "The rating scale", None
        if top == "stakeholder_groups" and numbers:
            group = content["stakeholder_groups"][numbers[0] - 1]
            return f"The group “{group['name']}”", ("group", group["key"])
        if top == "sections" and numbers:
            section = content["sections"][numbers[0] - 1]
            if len(numbers) == 1:
                return f"The section “{section['title']}”", ("section", section["key"])
            item = section["items"][numbers[1] - 1]
            where = f"Item {item['number']}, “{item['title']}”"
            if len(numbers) >= 3 and "prompts" in names:
                return f"{where}, prompt {numbers[2]}", ("prompt", item["key"], numbers[2])
            return where, ("item", item["key"])
        if top == "sections":
            return "Sections", None
    except (IndexError, KeyError):
        pass
    return "", None


def publish(request, partnership_slug, draft_id):
    """Check the whole draft by the same rules as an uploaded file; if all is well, publish it as a new version."""
    partnership, draft = _draft(request, partnership_slug, draft_id)
    if draft.is_published:
        return _published(request, draft)
    problems = []
    form = DraftActionForm(request.POST if request.method == "POST" else None, initial={"version": draft.version})
    if request.method == "POST" and not form.is_valid():
        return _out_of_date(request)
    if request.method == "POST":
        try:
            version = services.publish_draft(draft, expected_version=form.expected_version, by=request.user)
        except FrameworkFileError as error:
            problems = problem_links(draft, error)
        except EditConflict:
            messages.error(
                request,
                "Someone else changed this draft after you opened this page. Check it again, then publish.",
            )
            return redirect(request.path)
        except services.DraftIsPublished:
            return _published(request, draft)
        else:
            messages.success(
                request,
                f"{version.framework.name}, version {version.version}, is published. "
                f"Organisations in {partnership.name} can now sign up to it.",
            )
            return redirect(
                "frameworks:detail",
                partnership_slug=partnership.slug,
                framework_slug=version.framework.slug,
                version=version.version,
            )
    else:
        # Opening the page, or sending it from an out-of-date page: show where the draft stands now.
        try:
            services.check_draft(draft, by=request.user)
        except FrameworkFileError as error:
            problems = problem_links(draft, error)
    return render(
        request,
        "frameworks/drafts/publish.html",
        {
            "partnership": partnership,
            "draft": draft,
            "form": form,
            "problems": problems,
            "page_has_errors": bool(problems) and form.is_bound,
        },
        status=400 if problems and form.is_bound else 200,
    )
