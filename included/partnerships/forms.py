from django import forms

from included.organisations.fields import sector_field, size_field

EMAIL_ERRORS = {
    "required": "Enter their email address",
    "invalid": "Enter an email address in the right format, like name@example.com",
    "max_length": "The email address must be 254 characters or fewer",
}


def name_errors(what, limit):
    return {
        "required": f"Enter {what}",
        "max_length": f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer",
    }


class InvitePersonForm(forms.Form):
    """Invite one person by name and email: a lived-experience reviewer, a coordinator or an organisation member."""

    name = forms.CharField(label="Their name", max_length=150, error_messages=name_errors("their name", 150))
    email = forms.EmailField(label="Their email address", max_length=254, error_messages=EMAIL_ERRORS)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class InviteOrganisationForm(forms.Form):
    """Add an organisation to the partnership and invite the person who will look after it on Included."""

    organisation_name = forms.CharField(
        label="Organisation name", max_length=200, error_messages=name_errors("the organisation's name", 200)
    )
    sector = sector_field(
        help_text="This decides which questions it sees in its self-assessments. Its admin can change it later."
    )
    size = size_field()
    admin_name = forms.CharField(
        label="Name of the person who will look after it on Included",
        help_text="They will be the organisation's first admin. They can invite their colleagues.",
        max_length=150,
        error_messages=name_errors("the name of the person who will look after it", 150),
    )
    admin_email = forms.EmailField(
        label="Their email address",
        help_text="We will email them a link to join.",
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )

    def clean_admin_email(self):
        return self.cleaned_data["admin_email"].strip().lower()
