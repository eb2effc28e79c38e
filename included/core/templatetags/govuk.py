from django import template
from django.forms.utils import ErrorList

register = template.Library()


@register.simple_tag
def error_summary_items(form=None, forms=None):
    """(link target, message) pairs for every error on the page's forms, in field order."""
    items = []
    for each in ([form] if form else []) + list(forms or []):
        if not each or not each.is_bound:
            continue
        for error in each.non_field_errors():
            items.append(("", error))
        for name, field in each.fields.items():
            if name in each.errors and not field.widget.is_hidden:
                bound = each[name]
                items.extend((bound.first_input_id, error) for error in bound.errors)
    return items


@register.filter
def has_errors(forms):
    return any(f is not None and f.is_bound and f.errors for f in forms if not isinstance(f, ErrorList))
