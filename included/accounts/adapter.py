from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from included.core import mail
from included.core.addresses import client_address
from included.invitations.services import accept_pending_invitation_url, pending_invitation

from . import sign_in_limits
from .sign_in_rules import password_too_short, reset_link_lasts, too_many_sign_ins

PLAIN_PASSWORD_ERRORS = {
    "password_too_short": password_too_short,
    "password_too_common": (
        "This is one of the passwords people use most often, so it is easy to guess. Choose a different one"
    ),
    "password_too_similar": "Your password is too like your name or email address. Choose a different one",
    "password_entirely_numeric": "Your password cannot be only numbers. Add some words",
}


ALLAUTH_EMAIL_STAGE = "allauth.account.stages.EmailVerificationStage"
TWO_STEP_SWITCHED_ON = "mfa/messages/totp_activated.txt"
NEW_RECOVERY_CODES = "mfa/messages/recovery_codes_generated.txt"


class AccountAdapter(DefaultAccountAdapter):
    """How django-allauth behaves on Included: open sign-up with a code by email, invitations, and our own words."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or password is not right. Check them and try again",
        "too_many_login_attempts": too_many_sign_ins,
        "enter_current_password": "Enter your current password. Check it is right",
        "incorrect_password": "That is not your password. Check it and try again",
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again",
        "email_taken": "There is already an account with this email address. Sign in instead",
        "invalid_password_reset": "This link to reset your password does not work any more. Ask for a new one",
        "invalid_or_expired_key": "This link does not work any more. Ask for a new one",
        "same_as_current": "Your new password must be different from your current one",
        "account_inactive": "This account has been closed",
        "incorrect_code": "That code is not right. Check the email and type it again, or ask for a new code",
    }

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        """Show allauth's messages, except one that does not apply.

        When someone first switches two-step verification on, allauth also makes their first recovery codes and
        says "the old ones no longer work", though there were none. The message that two-step is on says enough.
        """
        if message_template == NEW_RECOVERY_CODES and getattr(request, "included_two_step_switched_on", False):
            return
        if message_template == TWO_STEP_SWITCHED_ON:
            request.included_two_step_switched_on = True
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def is_open_for_signup(self, request):
        """Anyone may have an account as themselves, with no organisation (a person with lived experience, say).
        Someone holding an invitation joins its partnership or organisation once the account is made."""
        return True

    def get_login_stages(self):
        """allauth's stages, with its email check asked only where it is needed (VerifyAddressWhenUnchecked)."""
        return [
            "included.accounts.stages.VerifyAddressWhenUnchecked" if stage == ALLAUTH_EMAIL_STAGE else stage
            for stage in super().get_login_stages()
        ]

    def is_email_verified(self, request, email):
        """Opening the invitation link proves the person reads mail at the invited address."""
        invitation = pending_invitation(request)
        if invitation is not None and invitation.email.lower() == email.lower():
            return True
        return super().is_email_verified(request, email)

    def get_login_redirect_url(self, request):
        return accept_pending_invitation_url(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Someone invited goes back to their invitation; someone who came alone goes to their own place."""
        return accept_pending_invitation_url(request) or reverse("people:hub")

    def send_mail(self, template_prefix, email, context):
        """Password reset and other account emails go into Included's outbox like every other email, so a mail
        server that is down never shows the person an error: the email goes when the server is back."""
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        mail.queue_message(self.render_mail(template_prefix, email, context))

    def format_email_subject(self, subject):
        """Our subjects already name Included, so they need no "[site name]" in front."""
        return str(subject).strip()

    def send_password_reset_mail(self, user, email, context):
        """The email says how long its link works, from the setting that decides it."""
        return super().send_password_reset_mail(user, email, {**context, "link_lasts": reset_link_lasts()})

    def get_client_ip(self, request):
        """allauth reads the visitor's address here, for its sign-in limits. Included reads it in one place, which
        knows how many proxies stand in front (INCLUDED_TRUSTED_PROXIES)."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials):
        """allauth counts wrong passwords by this key: ours is the account from one address, so guesses made
        elsewhere cannot lock the person out (see sign_in_limits)."""
        return sign_in_limits.account_and_address(request, self._account_key(request, credentials))

    def pre_authenticate(self, request, **credentials):
        if not sign_in_limits.may_try(request, self._account_key(request, credentials)):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        sign_in_limits.count_failure(request, self._account_key(request, credentials))

    def _account_key(self, request, credentials):
        """allauth's own key for an account: the site and the email address typed."""
        return super()._get_login_attempts_cache_key(request, **credentials)

    def get_password_change_redirect_url(self, request):
        return reverse("accounts:settings")

    def clean_password(self, password, user=None):
        """Django's password checks, with messages in our words. The rules follow NCSC advice: a length, a
        block-list of common passwords, and no rules about symbols or numbers."""
        try:
            return super().clean_password(password, user=user)
        except forms.ValidationError as error:
            messages = [PLAIN_PASSWORD_ERRORS.get(each.code, each.messages[0]) for each in error.error_list]
            raise forms.ValidationError(messages) from error

    def get_reauthentication_methods(self, user):
        """The ways a signed-in person can show it is them again, in allauth's order (the first is the one asked
        for), with our words."""
        methods = super().get_reauthentication_methods(user)
        for method in methods:
            method["description"] = REAUTHENTICATION_WORDS.get(method["id"], method["description"])
        return methods


REAUTHENTICATION_WORDS = {
    "reauthenticate": "Type your password",
    "mfa_reauthenticate": "Type a code from your authenticator app, or a recovery code",
    "mfa_reauthenticate:webauthn": "Use your security key or passkey",
}
