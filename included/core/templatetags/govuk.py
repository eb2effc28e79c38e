from django import template
from django.forms.utils import ErrorList
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def error_summary_items(context):
    """(link, message) pairs for the error summary, in order.

    First every error on the page's forms (`form`, or `forms` as a list), in field order, each linking to its field;
    then `summary_errors`, problems that belong to no form field, each a message or a (link, message) pair.
    """
    items = []
    for each in [context.get("form"), *(context.get("forms") or [])]:
        if not each or not each.is_bound:
            continue
        for error in each.non_field_errors():
            items.append(("", error))
        for name, field in each.fields.items():
            if name in each.errors and not field.widget.is_hidden:
                bound = each[name]
                items.extend((f"#{bound.first_input_id}", error) for error in bound.errors)
    for error in context.get("summary_errors") or []:
        items.append(tuple(error) if isinstance(error, (list, tuple)) else ("", error))
    return items


@register.inclusion_tag("core/components/error_summary.html")
def error_summary(errors=(), intro=""):
    """The error summary for problems that belong to no form field.

    `errors` is a list of messages, each a text or a (link, text) pair; `intro` is a sentence shown above them.
    Pages with forms include "core/components/error_summary.html" with `form` or `forms` instead.
    """
    return {"summary_errors": errors, "summary_intro": intro}


@register.filter
def has_errors(forms):
    return any(f is not None and f.is_bound and f.errors for f in forms if not isinstance(f, ErrorList))


@register.filter
def paired_with(headings, cells):
    """Each cell of a table row with its column's heading: `{% for heading, cell in head|paired_with:row %}`."""
    return list(zip(headings, cells, strict=True))


@register.simple_tag
def govuk_tag(text, colour=""):
    """The GOV.UK tag of core/components/tag.html, for rows of a long table: a tag per row costs far less than an
    `{% include %}` per row."""
    return format_html(
        '<strong class="govuk-tag{}{}">{}</strong>',
        f" govuk-tag--{colour}" if colour else "",
        " included-tag--short" if len(str(text)) <= 24 else "",
        text,
    )
