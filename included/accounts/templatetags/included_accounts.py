"""Template tags for the account pages.

allauth's forms get Included's words from their own classes (see included/accounts/forms.py), not from here.
"""

from allauth.mfa.models import Authenticator
from django import template

from included.access.rules import must_use_two_step
from included.accounts.models import TWO_STEP_KINDS
from included.invitations.assisted import held_claim as claim_held
from included.invitations.services import pending_invitation

register = template.Library()


@register.simple_tag(takes_context=True)
def held_invitation(context):
    """The invitation this visitor opened, so the account pages can say what they are joining."""
    request = context.get("request")
    return pending_invitation(request) if request is not None else None


@register.simple_tag(takes_context=True)
def held_claim(context):
    """The assisted sign-up whose printed code this visitor typed, so "Create your account" can say so."""
    request = context.get("request")
    return claim_held(request) if request is not None else None


@register.filter
def in_groups_of_four(secret):
    """A setup key is easier to copy by hand as "JBSW Y3DP EHPK" than as one long run of letters."""
    text = str(secret)
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@register.simple_tag
def two_step_left_after_removing(authenticator):
    """What removing this authenticator app or security key would leave: ("other ways", "must keep one").

    "other ways" is how many other apps and keys the person has; "must keep one" is true when their role means
    they must use two-step verification, so removing the last one sends them to set it up again.
    """
    user = authenticator.user
    others = Authenticator.objects.filter(user=user, type__in=TWO_STEP_KINDS).exclude(pk=authenticator.pk).count()
    return {"other_ways": others, "must_keep_one": must_use_two_step(user)}


@register.filter
def security_key_name(authenticator):
    """The name the person gave their key (allauth keeps it in the authenticator's data)."""
    return authenticator.wrap().name
