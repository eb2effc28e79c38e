"""Helpers for tests of frameworks written in the browser: a tiny framework built through the services."""

from included.frameworks import services


def edit(draft, service, **kwargs):
    """Call a draft service as the draft's author would, with the version of the draft as it is now."""
    draft.refresh_from_db()
    return service(draft, expected_version=draft.version, by=kwargs.pop("by"), **kwargs)


def build_tiny_framework(partnership, by, *, name="Riverside Fair Start"):
    """A draft with every detail, a 3-level scale, one group, one section of two items and three prompts."""
    draft = services.start_draft(partnership, name=name, by=by)
    for field, value in {
        "short_name": "Fair Start",
        "description": "Three steps to fair work for local people.",
        "source_url": "https://example.org/fair-start",
    }.items():
        edit(draft, services.change_draft_detail, field=field, value=value, by=by)
    for level_name, descriptor in [
        ("Not yet", "We have not started."),
        ("On the way", "We do this some of the time."),
        ("Done", "We do this all the time."),
    ]:
        edit(draft, services.save_draft_level, name=level_name, descriptor=descriptor, by=by)
    group = edit(draft, services.save_draft_group, name="Employers", sectors=["employer"], by=by)
    section = edit(draft, services.save_draft_section, title="Our steps", intro="", assessed=True, by=by)
    first = edit(
        draft,
        services.save_draft_item,
        section_key=section,
        number="1",
        title="Pay a fair wage",
        summary="Pay at least the real Living Wage.",
        guidance="",
        by=by,
    )
    second = edit(
        draft,
        services.save_draft_item,
        section_key=section,
        number="2",
        title="Open your doors",
        summary="",
        guidance="Invite people in.",
        by=by,
    )
    edit(
        draft,
        services.save_draft_prompt,
        item_key=first,
        group=group,
        kind="what_works",
        text="Who is paid least?",
        by=by,
    )
    edit(
        draft, services.save_draft_prompt, item_key=first, group="all", kind="question", text="How do you know?", by=by
    )
    edit(
        draft,
        services.save_draft_prompt,
        item_key=second,
        group="all",
        kind="can_strengthen",
        text="Who comes in?",
        by=by,
    )
    draft.refresh_from_db()
    return draft
