from django import template

from ..advice import Advice, advice_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_advice(context):
    """The advice for `language/_advice.html`: the view's own `language_advice` if it made one, or advice for the
    `text` (with `partnership`, `text_key`, `field_id` and `easy_read`) the include was given."""
    made = context.get("language_advice")
    if isinstance(made, Advice):
        return made
    request = context.get("request")
    return advice_for(
        context.get("text") or "",
        partnership=context.get("partnership"),
        text_key=context.get("text_key") or "",
        user=getattr(request, "user", None),
        easy_read=bool(context.get("easy_read")),
        return_to=request.get_full_path() if request is not None else "",
        field_id=context.get("field_id") or "",
    )
