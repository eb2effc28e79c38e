"""allauth's forms carry Included's words in their own classes, chosen in settings, so templates only show them."""

import pytest
from allauth.account import app_settings as account_settings
from allauth.mfa import app_settings as mfa_settings
from allauth.utils import import_callable
from django.urls import reverse

from included.accounts import forms
from tests.accounts.helpers import confirm_password, sign_in
from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_forms_labels_and_messages_come_from_the_form_class():
    form = forms.SignInForm(data={})
    assert form.fields["login"].label == "Email address"
    assert form.fields["password"].label == "Password"
    assert form.fields["remember"].label == "Keep me signed in after I close my browser"
    assert "placeholder" not in form.fields["login"].widget.attrs
    assert not form.is_valid()
    assert form.errors["login"] == ["Enter your email address"]
    assert form.errors["password"] == ["Enter your password"]


def test_a_badly_written_email_address_gets_our_message():
    form = forms.ResetPasswordForm(data={"email": "not an email"})
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address in the right format, like name@example.com"]
    assert form.fields["email"].help_text == "The email address you sign in with."


@pytest.mark.parametrize(
    ("setting", "key", "ours"),
    [
        (account_settings, "login", forms.SignInForm),
        (account_settings, "signup", forms.CreateAccountForm),
        (account_settings, "reauthenticate", forms.ConfirmPasswordForm),
        (account_settings, "reset_password", forms.ResetPasswordForm),
        (account_settings, "reset_password_from_key", forms.NewPasswordForm),
        (account_settings, "change_password", forms.ChangePasswordForm),
        (account_settings, "set_password", forms.SetPasswordForm),
        (mfa_settings, "authenticate", forms.TwoStepCodeForm),
        (mfa_settings, "reauthenticate", forms.ConfirmCodeForm),
        (mfa_settings, "activate_totp", forms.TurnOnTwoStepForm),
    ],
)
def test_allauth_is_told_to_use_our_forms(setting, key, ours):
    assert import_callable(setting.FORMS[key]) is ours


def test_the_sign_in_page_shows_our_form_as_it_is(client):
    response = client.get(reverse("account_login"))
    assert type(response.context["form"]) is forms.SignInForm
    assert '<label class="govuk-label" for="id_login">Email address</label>' in response.content.decode()


def test_the_change_password_page_shows_our_form(client):
    sign_in(client, UserFactory())
    response = client.get(reverse("account_change_password"))
    assert type(response.context["form"]) is forms.ChangePasswordForm
    assert "Your current password" in response.content.decode()


def test_the_code_prompt_at_sign_in_shows_our_form(client):
    coordinator = PartnershipMemberFactory()
    client.post(reverse("account_login"), {"login": coordinator.user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": ""})
    assert type(response.context["form"]) is forms.TwoStepCodeForm
    assert "Enter the code from your authenticator app" in response.content.decode()


def test_the_set_up_page_shows_our_form(client):
    sign_in(client, UserFactory())
    confirm_password(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert type(response.context["form"]) is forms.TurnOnTwoStepForm
    assert "6 numbers that change every 30 seconds" in response.content.decode()


def test_no_template_rewrites_forms_any_more():
    from included.accounts.templatetags import included_accounts

    assert "use_plain_words" not in included_accounts.register.tags
