from django import forms

from included.core.forms import EMAIL_ERRORS, FormTokenField, SearchForm, name_errors, search_field
from included.core.validators import no_hidden_characters

from .assisted import normalise


class InvitePersonForm(forms.Form):
    """Invite one person by name and email: a lived-experience reviewer, a coordinator or an organisation member."""

    name = forms.CharField(
        label="Their name",
        max_length=150,
        error_messages=name_errors("their name", 150),
        validators=[no_hidden_characters],
    )
    email = forms.EmailField(label="Their email address", max_length=254, error_messages=EMAIL_ERRORS)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class InvitationSearchForm(SearchForm):
    """Find an invitation in a long list."""

    search_field_name = "who"
    who = search_field("Find an invitation", "Type all or part of a name, an email address or an organisation.")


class AssistedSignUpForm(forms.Form):
    """A support worker starts an account for someone: their name, and their email address if they have one."""

    name = forms.CharField(
        label="Their name",
        help_text="The name they like to be called. They can change it.",
        max_length=150,
        error_messages=name_errors("their name", 150),
        validators=[no_hidden_characters],
    )
    email = forms.EmailField(
        label="Their email address (if they have one)",
        help_text="We email them a link as well as the code. Leave it empty if they do not use email.",
        required=False,
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )
    form_token = FormTokenField()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ClaimCodeForm(forms.Form):
    """The printed code, typed by the person it was made for."""

    code = forms.CharField(
        label="Your code",
        help_text="It is 12 letters, in 3 groups. For example: ABCD-EFGH-JKMN. Capital or small letters both work.",
        max_length=40,
        error_messages={
            "required": "Type the code from your paper",
            "max_length": "The code is 12 letters. Check you typed only the code",
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not normalise(code):
            raise forms.ValidationError("The code is 12 letters, in 3 groups. Check you typed all of it")
        return code
