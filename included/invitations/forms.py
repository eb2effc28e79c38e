from django import forms

from included.core.forms import EMAIL_ERRORS, name_errors
from included.core.validators import no_hidden_characters


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


class InvitationSearchForm(forms.Form):
    """Find an invitation in a long list. Sent with GET, so it works without JavaScript and can be shared."""

    who = forms.CharField(
        label="Find an invitation",
        help_text="Type all or part of a name, an email address or an organisation.",
        max_length=100,
        required=False,
        error_messages={"max_length": "Type no more than 100 characters"},
    )

    def chosen_text(self):
        """The text typed, or "" if none (or too long: its error is shown)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["who"].strip()
