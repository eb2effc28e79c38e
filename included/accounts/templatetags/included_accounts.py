"""Template tags for the account pages.

allauth's forms get Included's words from their own classes (see included/accounts/forms.py), not from here.
"""

from django import template

from included.invitations.services import pending_invitation

register = template.Library()


@register.simple_tag(takes_context=True)
def held_invitation(context):
    """The invitation this visitor opened, so the account pages can say what they are joining."""
    request = context.get("request")
    return pending_invitation(request) if request is not None else None


@register.filter
def in_groups_of_four(secret):
    """A setup key is easier to copy by hand as "JBSW Y3DP EHPK" than as one long run of letters."""
    text = str(secret)
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
