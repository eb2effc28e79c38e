from django import forms

from included.core.forms import EMAIL_ERRORS, SearchForm, name_errors, search_field
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


class InvitationSearchForm(SearchForm):
    """Find an invitation in a long list."""

    search_field_name = "who"
    who = search_field("Find an invitation", "Type all or part of a name, an email address or an organisation.")
