"""Audit rows for changes allauth makes to how a person signs in, and keeping the two-step check honest."""

from allauth.account.models import EmailAddress
from allauth.account.signals import password_changed, password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.dispatch import receiver

from included.core import audit

from .middleware import forget_two_step, record_code_typed_at_set_up

WHAT_HAPPENED = {
    ("added", Authenticator.Type.TOTP): ("account.two_step_on", "Turned on two-step verification"),
    ("removed", Authenticator.Type.TOTP): ("account.two_step_off", "Turned off two-step verification"),
    ("added", Authenticator.Type.WEBAUTHN): ("account.security_key_added", "Added a security key or passkey"),
    ("removed", Authenticator.Type.WEBAUTHN): ("account.security_key_removed", "Removed a security key or passkey"),
    ("added", Authenticator.Type.RECOVERY_CODES): ("account.recovery_codes_made", "Made recovery codes"),
    ("reset", Authenticator.Type.RECOVERY_CODES): ("account.recovery_codes_made", "Made new recovery codes"),
}


def _record(change, user, authenticator):
    action = WHAT_HAPPENED.get((change, authenticator.type))
    if action:
        audit.record(action[0], actor=user, obj=user, summary=action[1])


@receiver(authenticator_added)
def two_step_added(sender, request, user, authenticator, **kwargs):
    _record("added", user, authenticator)
    # The browser only hands over a new key's details once the person has touched it (or used its PIN or
    # fingerprint), so adding it counts as using it in this session, as typing a code does when setting up an app.
    if authenticator.type == Authenticator.Type.WEBAUTHN and request is not None:
        record_code_typed_at_set_up(request, user, kind=Authenticator.Type.WEBAUTHN)


@receiver(authenticator_removed)
def two_step_removed(sender, request, user, authenticator, **kwargs):
    _record("removed", user, authenticator)
    if authenticator.type in {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN} and request is not None:
        forget_two_step(request)


@receiver(authenticator_reset)
def recovery_codes_reset(sender, request, user, authenticator, **kwargs):
    _record("reset", user, authenticator)


@receiver(password_changed)
def password_was_changed(sender, request, user, **kwargs):
    audit.record("account.password_changed", actor=user, obj=user, summary="Changed their password")


@receiver(password_reset)
def password_was_reset(sender, request, user, **kwargs):
    audit.record("account.password_reset", actor=user, obj=user, summary="Reset their password by email")
    # The reset link went to this address and was opened: that checks the address as well as a code would.
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
