"""The forms people fill in to create an account, sign in, and look after their password and two-step verification.

django-allauth's own forms come with allauth's words. Each one Included uses is subclassed here with ours (labels,
hints and the messages for an empty or badly written field) and chosen in settings (ACCOUNT_FORMS, MFA_FORMS), so
every page that shows a form gets the same words without the template doing anything.
"""

from contextlib import contextmanager

from allauth.account import forms as account_forms
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.forms import SignupForm
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from included.access.rules import holds_a_partnership_role
from included.core import throttle
from included.core.validators import no_hidden_characters
from included.invitations.assisted import claim_for_new_account, held_claim
from included.invitations.services import pending_invitation

from .middleware import record_code_typed_at_set_up
from .models import AUTHENTICATOR_APP
from .sign_in_rules import password_hint

# How many times one address (or one signed-in person) may send the form to create an account in an hour.
SIGN_UPS_AN_HOUR = 10

NAME_ERRORS = {"required": "Enter your name", "max_length": "Your name must be 150 characters or fewer"}
EMAIL_FORMAT = "Enter an email address in the right format, like name@example.com"

# Our words for allauth's fields, by field: what each key means is in PlainWords.
EMAIL = {"label": "Email address", "required": "Enter your email address", "invalid": EMAIL_FORMAT}
PASSWORD = {"label": "Password", "help_text": "", "required": "Enter your password"}  # noqa: S105 - words, not a password
CURRENT_PASSWORD = {"label": "Your current password", "help_text": "", "required": "Enter your current password"}
NEW_PASSWORD = {"label": "New password", "help_text": password_hint, "required": "Enter a new password"}
NEW_PASSWORD_AGAIN = {
    "label": "Type the new password again",
    "help_text": "So we know there are no mistakes in it.",
    "required": "Type the new password again",
}
AUTHENTICATOR_CODE = {
    "label": "Code from your authenticator app",
    "required": "Enter the code from your authenticator app",
}


class PlainWords:
    """Gives an allauth form's fields Included's words, named in `plain_words`: {field name: words}.

    Words may hold a "label", a "help_text" (a hint), and the "required" and "invalid" error messages. allauth's
    placeholders go: GOV.UK asks for a label and a hint instead, as placeholder text disappears as people type.
    """

    plain_words = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, words in self.plain_words.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget.attrs.pop("placeholder", None)
            if "label" in words:
                field.label = words["label"]
            if "help_text" in words:
                field.help_text = words["help_text"]
            for code in ("required", "invalid"):
                if code in words:
                    field.error_messages[code] = words[code]


class SignInForm(PlainWords, account_forms.LoginForm):
    plain_words = {
        "login": EMAIL,
        "password": PASSWORD,
        "remember": {
            "label": "Keep me signed in after I close my browser",
            "help_text": "Only tick this on a phone or computer that nobody else uses.",
        },
    }


class ConfirmPasswordForm(PlainWords, account_forms.ReauthenticateForm):
    """ "Enter your password again", before someone changes how they sign in or deletes their account."""

    plain_words = {"password": PASSWORD}


class ResetPasswordForm(PlainWords, account_forms.ResetPasswordForm):
    plain_words = {"email": {**EMAIL, "help_text": "The email address you sign in with."}}


class NewPasswordForm(PlainWords, account_forms.ResetPasswordKeyForm):
    """Choosing a new password from the link in a reset email."""

    plain_words = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class ChangePasswordForm(PlainWords, account_forms.ChangePasswordForm):
    plain_words = {"oldpassword": CURRENT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class SetPasswordForm(PlainWords, account_forms.SetPasswordForm):
    """For someone whose account has no password yet."""

    plain_words = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


RECOVERY_CODE = {
    "label": "Recovery code",
    "help_text": "One of the codes you were given when you added your security key. Each code works once.",
    "required": "Enter one of your recovery codes",
}


class CodeWordsForPerson(PlainWords):
    """Someone with a security key and no authenticator app can only type a recovery code in the code box."""

    def __init__(self, *args, user, **kwargs):
        if AUTHENTICATOR_APP not in user.two_step_kinds:
            self.plain_words = {"code": RECOVERY_CODE}
        super().__init__(*args, user=user, **kwargs)


class ConfirmAddressCodeForm(PlainWords, account_forms.ConfirmEmailVerificationCodeForm):
    """The code we email to someone who creates an account alone, to check the address is theirs."""

    plain_words = {
        "code": {
            "label": "Code from the email",
            "help_text": "Check your email inbox, and your junk or spam folder.",
            "required": "Type the code from the email",
        }
    }


class TwoStepCodeForm(CodeWordsForPerson, mfa_forms.AuthenticateForm):
    """The code from an authenticator app (or a recovery code) that finishes signing in."""

    plain_words = {
        "code": {
            **AUTHENTICATOR_CODE,
            "help_text": "It is 6 numbers. If you do not have your phone, type one of your recovery codes instead.",
        }
    }


class ConfirmCodeForm(CodeWordsForPerson, mfa_forms.ReauthenticateForm):
    """A code again, instead of a password, before a change to how someone signs in."""

    plain_words = {"code": AUTHENTICATOR_CODE}


class TurnOnTwoStepForm(PlainWords, totp_forms.ActivateTOTPForm):
    plain_words = {
        "code": {
            **AUTHENTICATOR_CODE,
            "help_text": "After you add Included to the app, it shows 6 numbers that change every 30 seconds.",
        }
    }

    def clean_code(self):
        code = super().clean_code()
        if context.request is not None:
            record_code_typed_at_set_up(context.request, self.user)
        return code


class TurnOffTwoStepForm(totp_forms.DeactivateTOTPForm):
    """Turning the authenticator app off. It has no fields; it knows whether the person's role needs two-step
    verification, and whether a security key keeps it on without the app."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.authenticator.user
        self.keeps_security_key = Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
        self.role_needs_two_step = holds_a_partnership_role(user) and not self.keeps_security_key


SECURITY_KEY_NAME = {
    "label": "Name for this key",
    "help_text": "So you can tell your keys apart, like “Blue key on my keyring” or “Work laptop”.",
    "required": "Enter a name for this key",
}
SECURITY_KEY_NAME_LENGTH = 60
KEY_NAME_TOO_LONG = f"The name must be {SECURITY_KEY_NAME_LENGTH} characters or fewer"
# Words for the hidden "credential" field, which the browser fills in once the person has used their key
# (frontend/js/webauthn.js).
KEY_NOT_USED = "Use your security key: press the button, then touch your key or use your PIN or fingerprint"
KEY_NOT_READ = "We could not read the answer from your security key. Try again"
KEY_NOT_ADDED = "We could not add this key. It may have taken too long. Try again"
KEY_NOT_ACCEPTED = "That security key did not work. Try again, or use another way to sign in"
SECURITY_KEY_ANSWER = {"required": KEY_NOT_USED, "invalid": KEY_NOT_READ}


@contextmanager
def checking_the_key(words):
    """Checks the answer the browser sent from a security key, and says in `words` when it is refused.

    allauth answers every refused key with its "incorrect code" message. A malformed answer (it comes from the
    browser, so it may be anything) can make python-fido2 raise all sorts of errors while reading it, and allauth
    only catches some of them: each one here is a refusal, never a server error.
    """
    try:
        yield
    except ValidationError as error:
        codes = {getattr(each, "code", None) for each in error.error_list}
        if "incorrect_code" in codes:
            raise ValidationError(words, code="incorrect_code") from error
        raise
    except Exception as error:  # noqa: BLE001 - see the docstring: anything raised while reading the answer
        raise ValidationError(words, code="incorrect_code") from error


class NamedKeyForm(PlainWords):
    """The name a person gives a key is shown back to them: keep it short, with no hidden characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.widget.attrs.update({"maxlength": str(SECURITY_KEY_NAME_LENGTH), "autocomplete": "off"})
        name.validators += [MaxLengthValidator(SECURITY_KEY_NAME_LENGTH, KEY_NAME_TOO_LONG), no_hidden_characters]


class AddSecurityKeyForm(NamedKeyForm, webauthn_forms.AddWebAuthnForm):
    """Adding a security key or passkey. The browser asks the key to make a new credential and puts its answer in
    the hidden `credential` field; a key with no name gets one (allauth's adapter, in ours: "Security key 2")."""

    plain_words = {"name": SECURITY_KEY_NAME, "credential": SECURITY_KEY_ANSWER}

    def clean(self):
        with checking_the_key(KEY_NOT_ADDED):
            return super().clean()


class RenameSecurityKeyForm(NamedKeyForm, webauthn_forms.EditWebAuthnForm):
    plain_words = {"name": SECURITY_KEY_NAME}


class UseSecurityKeyForm(PlainWords, webauthn_forms.AuthenticateWebAuthnForm):
    """Using a security key to finish signing in."""

    plain_words = {"credential": SECURITY_KEY_ANSWER}

    def clean_credential(self):
        with checking_the_key(KEY_NOT_ACCEPTED):
            return super().clean_credential()


class ConfirmWithSecurityKeyForm(PlainWords, webauthn_forms.ReauthenticateWebAuthnForm):
    """Using a security key, instead of a password, before a change to how someone signs in."""

    plain_words = {"credential": SECURITY_KEY_ANSWER}

    def clean_credential(self):
        with checking_the_key(KEY_NOT_ACCEPTED):
            return super().clean_credential()


class CreateAccountForm(PlainWords, SignupForm):
    """Anyone may create an account as themselves; see AccountAdapter.

    With an invitation, the email address is the one the invitation was sent to, and cannot be changed here: the
    link in that email is what proves the address is theirs. Without one, the person types a code we email them
    before the account is theirs (allauth's verification by code), and nothing here says whether an address
    already has an account: that person gets an email instead (ACCOUNT_PREVENT_ENUMERATION).
    """

    name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The name you would like people in the partnership to see.",
        error_messages=NAME_ERRORS,
        validators=[no_hidden_characters],
    )

    field_order = ["name", "email", "password1"]
    plain_words = {
        "email": {"label": "Email address", "required": "Enter your email address"},
        "password1": {"label": "Create a password", "help_text": password_hint, "required": "Create a password"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = context.request
        invitation = pending_invitation(request) if request is not None else None
        if invitation is not None:
            email = self.fields["email"]
            self.initial["email"] = invitation.email
            email.initial = invitation.email
            email.disabled = True
            email.help_text = "This is the address your invitation was sent to. You will sign in with it."
            # The name the coordinator or admin typed when they invited this person: a start they can change.
            if invitation.name:
                self.fields["name"].initial = invitation.name
            return
        claim = held_claim(request) if request is not None else None
        if claim is not None:
            # A printed code proves who holds the paper, not who reads the mailbox: the address is checked by code.
            self.fields["name"].initial = claim.name
            self.fields["email"].help_text = "Use an address you can read. We email you a code to check it."

    def clean(self):
        """allauth checks the password against a person with only the email address; check the name typed too."""
        cleaned_data = super().clean()
        password, name = cleaned_data.get("password1"), cleaned_data.get("name")
        if password and name and "password1" not in self.errors:
            person = get_user_model()(email=cleaned_data.get("email") or "", name=name)
            try:
                get_account_adapter().clean_password(password, user=person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data

    def clean_email(self):
        """Only someone holding an invitation to this address is told it already has an account: opening the link
        proved the address is theirs. Anyone else is emailed instead, so the page never tells a stranger."""
        email = self.cleaned_data["email"].strip().lower()
        request = context.request
        invitation = pending_invitation(request) if request is not None else None
        if invitation is not None and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email address. Sign in instead.", code="email_taken"
            )
        return super().clean_email()

    def full_clean(self):
        """Each address may try to create accounts only so often (core.throttle), on top of allauth's own limit."""
        request = context.request
        too_many = (
            self.is_bound
            and request is not None
            and request.method == "POST"
            and not throttle.allow(request, "create-account", limit=SIGN_UPS_AN_HOUR, window_seconds=60 * 60)
        )
        super().full_clean()
        if too_many:
            self.add_error(None, "You have tried to create an account too many times. Wait an hour, then try again")

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        if claim_for_new_account(request, user):
            messages.success(request, "Your account is ready, and it is yours. Only you can use it.")
        return user


class NameForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The name you would like people in the partnership to see.",
        error_messages=NAME_ERRORS,
        validators=[no_hidden_characters],
    )
