from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.contrib.auth import get_user_model

from included.invitations.services import pending_invitation

# Advice shown under the field, not a password.
PASSWORD_HINT = (
    "Use 8 characters or more. Three random words together make a strong password that is easy to remember. "  # noqa: S105
    "You do not need numbers or symbols. Do not use a password lots of people use, like password123."
)
NAME_ERRORS = {"required": "Enter your name", "max_length": "Your name must be 150 characters or fewer"}


class CreateAccountForm(SignupForm):
    """Creating an account is only open to someone holding an invitation; see AccountAdapter.

    The email address is the one the invitation was sent to, and cannot be changed here: the link in that email
    is what proves the address is theirs.
    """

    name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The name you would like people in the partnership to see.",
        error_messages=NAME_ERRORS,
    )

    field_order = ["name", "email", "password1"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.error_messages["required"] = "Enter your email address"
        email.widget.attrs.pop("placeholder", None)
        password = self.fields["password1"]
        password.label = "Create a password"
        password.help_text = PASSWORD_HINT
        password.widget.attrs.pop("placeholder", None)
        password.error_messages["required"] = "Create a password"
        request = context.request
        invitation = pending_invitation(request) if request is not None else None
        if invitation is not None:
            self.initial["email"] = invitation.email
            email.initial = invitation.email
            email.disabled = True
            email.help_text = "This is the address your invitation was sent to. You will sign in with it."

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email address. Sign in instead.", code="email_taken"
            )
        return super().clean_email()

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        return user


class NameForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The name you would like people in the partnership to see.",
        error_messages=NAME_ERRORS,
    )
