"""Template tags for the account pages.

django-allauth's forms come with allauth's own words. allauth builds them from settings the whole project shares,
so `use_plain_words` is the one place that gives their fields ours: labels, hints, and the messages for an empty
or badly written field. It changes the form in place and only touches allauth's own forms.
"""

from django import forms, template

from included.accounts.forms import PASSWORD_HINT
from included.invitations.services import pending_invitation

register = template.Library()

EMAIL_FORMAT = "Enter an email address in the right format, like name@example.com"
AUTHENTICATOR_CODE = {
    "label": "Code from your authenticator app",
    "required": "Enter the code from your authenticator app",
}
PLAIN_WORDS = {
    "login": {"label": "Email address", "required": "Enter your email address", "invalid": EMAIL_FORMAT},
    "email": {"label": "Email address", "required": "Enter your email address", "invalid": EMAIL_FORMAT},
    "password": {"label": "Password", "help_text": "", "required": "Enter your password"},
    "remember": {
        "label": "Keep me signed in after I close my browser",
        "help_text": "Only tick this on a phone or computer that nobody else uses.",
    },
    "oldpassword": {"label": "Your current password", "help_text": "", "required": "Enter your current password"},
    "password1": {"label": "New password", "help_text": PASSWORD_HINT, "required": "Enter a new password"},
    "password2": {
        "label": "Type the new password again",
        "help_text": "So we know there are no mistakes in it.",
        "required": "Type the new password again",
    },
    "code": AUTHENTICATOR_CODE,
}
WORDS_FOR_ONE_FORM = {
    ("AuthenticateForm", "code"): {
        **AUTHENTICATOR_CODE,
        "help_text": "It is 6 numbers. If you do not have your phone, type one of your recovery codes instead.",
    },
    ("ActivateTOTPForm", "code"): {
        **AUTHENTICATOR_CODE,
        "help_text": "After you add Included to the app, it shows 6 numbers that change every 30 seconds.",
    },
    ("ResetPasswordForm", "email"): {"help_text": "The email address you sign in with."},
}


@register.simple_tag
def use_plain_words(form):
    if not isinstance(form, forms.BaseForm) or not type(form).__module__.startswith("allauth."):
        return ""
    if getattr(form, "_has_plain_words", False):
        return ""
    form._has_plain_words = True
    for name, field in form.fields.items():
        words = {**PLAIN_WORDS.get(name, {}), **WORDS_FOR_ONE_FORM.get((type(form).__name__, name), {})}
        if not words:
            continue
        field.widget.attrs.pop("placeholder", None)
        # A bound form made its BoundFields while validating, copying the label and hint then; change both.
        bound = form[name]
        if "label" in words:
            field.label = bound.label = words["label"]
        if "help_text" in words:
            field.help_text = bound.help_text = words["help_text"]
        for code in ("required", "invalid"):
            if code in words:
                field.error_messages[code] = words[code]
        if form.is_bound and name in form.errors:
            errors = form.errors[name]
            for index, error in enumerate(errors.data):
                code = getattr(error, "code", None)
                if code in ("required", "invalid") and code in words:
                    errors.data[index] = forms.ValidationError(words[code], code=code)
    return ""


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
