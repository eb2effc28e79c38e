from django import forms
from django.core.validators import validate_email

from included.core.forms import VersionedForm, name_errors
from included.core.validators import no_hidden_characters

from .enums import DataLicence
from .models import LONGEST_DAYS
from .services import NAME_MAX_LENGTH, SLUG_MAX_LENGTH, slug_for

# The most first coordinators one form invites: enough to start, few enough that a slip cannot email a crowd.
MOST_FIRST_COORDINATORS = 10
DESCRIPTION_MAX_LENGTH = 2000
CONTACT_EMAIL_ERRORS = {
    "invalid": "Enter an email address in the right format, like name@example.com",
    "max_length": "The email address must be 254 characters or fewer",
}


def _name_field():
    return forms.CharField(
        label="Name of the partnership",
        max_length=NAME_MAX_LENGTH,
        error_messages=name_errors("the name of the partnership", NAME_MAX_LENGTH),
        validators=[no_hidden_characters],
    )


def _area_field():
    return forms.CharField(
        label="Area it covers",
        help_text="Like a county, a city or a borough.",
        max_length=150,
        error_messages=name_errors("the area it covers", 150),
        validators=[no_hidden_characters],
    )


def _description_field():
    return forms.CharField(
        label="What the partnership is (optional)",
        help_text="A sentence or two for the public pages.",
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"The description must be {DESCRIPTION_MAX_LENGTH:,} characters or fewer"},
    )


def _contact_email_field():
    return forms.EmailField(
        label="Public contact email (optional)",
        help_text="Shown on the partnership's public pages, so people can write to it.",
        max_length=254,
        required=False,
        error_messages=CONTACT_EMAIL_ERRORS,
    )


def _days_field(label, help_text):
    what = label[0].lower() + label[1:]
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=LONGEST_DAYS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} as a whole number, like 14",
            "min_value": f"The {what} must be at least 1",
            "max_value": f"The {what} must be {LONGEST_DAYS} or fewer",
        },
    )


class NewPartnershipForm(forms.Form):
    """What the host fills in to start a partnership and invite its first coordinators."""

    name = _name_field()
    slug = forms.CharField(
        label="Web address (optional)",
        help_text=(
            "Its pages will be at /p/ and then this. Use lower case letters, numbers and dashes. "
            "Leave it empty to make one from the name."
        ),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"The web address must be {SLUG_MAX_LENGTH} characters or fewer"},
    )
    area = _area_field()
    description = _description_field()
    contact_email = _contact_email_field()
    coordinators = forms.CharField(
        label="Email addresses of its first coordinators",
        help_text=(
            f"Put each address on its own line, up to {MOST_FIRST_COORDINATORS}. "
            "We email each one a link to join as coordinator."
        ),
        max_length=MOST_FIRST_COORDINATORS * 255,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the email address of at least one coordinator",
            "max_length": f"Enter up to {MOST_FIRST_COORDINATORS} email addresses",
        },
    )

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_area(self):
        return self.cleaned_data["area"].strip()

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if slug and slug != slug_for(slug):
            raise forms.ValidationError("Use only lower case letters, numbers and dashes in the web address")
        return slug

    def clean_coordinators(self):
        text = self.cleaned_data["coordinators"].replace(",", "\n").replace(";", "\n")
        emails = list(dict.fromkeys(line.strip().lower() for line in text.splitlines() if line.strip()))
        if not emails:
            raise forms.ValidationError("Enter the email address of at least one coordinator")
        if len(emails) > MOST_FIRST_COORDINATORS:
            raise forms.ValidationError(f"Enter up to {MOST_FIRST_COORDINATORS} email addresses")
        for email in emails:
            try:
                if len(email) > 254:
                    raise forms.ValidationError("too long")
                validate_email(email)
            except forms.ValidationError:
                shown = email if len(email) <= 60 else email[:60] + "…"
                raise forms.ValidationError(
                    f"“{shown}” is not an email address in the right format, like name@example.com"
                ) from None
        return emails

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = slug_for(cleaned["name"])
            if not cleaned["slug"]:
                self.add_error("slug", "Enter a web address: the name has no letters or numbers to make one from")
        return cleaned

    def details(self):
        """What `create_partnership` needs."""
        return {name: self.cleaned_data[name] for name in ("name", "slug", "area", "description", "contact_email")}


class PartnershipDetailsForm(VersionedForm):
    """What a partnership's coordinators may change. Filled from the partnership."""

    name = _name_field()
    area = _area_field()
    description = _description_field()
    contact_email = _contact_email_field()
    privacy_contact_name = forms.CharField(
        label="Who to ask about personal data (optional)",
        help_text="A person or a team. The privacy notice names them.",
        max_length=150,
        required=False,
        validators=[no_hidden_characters],
        error_messages={"max_length": "The name must be 150 characters or fewer"},
    )
    privacy_contact_email = forms.EmailField(
        label="Their email address (optional)",
        help_text="If you leave this empty, the privacy notice gives the public contact email.",
        max_length=254,
        required=False,
        error_messages=CONTACT_EMAIL_ERRORS,
    )
    short_notice_days = _days_field(
        "Days of notice that count as enough",
        "Asking people to take part with fewer days' notice than this counts as short notice.",
    )
    invitation_reminder_days = _days_field(
        "Days before an invitation reminder",
        "If someone has not answered an invitation after this many days, we remind them.",
    )
    contribution_reminder_days = _days_field(
        "Days before a reminder to answer people's views",
        "If an organisation has not said what it did with what people told it after this many days, we remind it.",
    )
    statements_need_approval = forms.BooleanField(
        label="Coordinators approve statements before they go on the public register",
        help_text=(
            "A new or changed statement waits for a coordinator. Until then the register shows the last one approved. "
            "If you switch this off, statements go on the register as soon as they are saved."
        ),
        required=False,
    )
    data_licence = forms.ChoiceField(
        label="Licence for your open data",
        help_text="Anyone may reuse your published data under this licence, as long as they say it came from you.",
        choices=DataLicence.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the licence for your open data",
            "invalid_choice": "Choose one of the two licences",
        },
    )
    suppression_k = forms.IntegerField(
        label="Smallest group we publish a figure about",
        help_text="Figures about fewer organisations or people than this are hidden, so nobody can be picked out. "
        "It cannot be below 3.",
        min_value=3,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the smallest group we publish a figure about",
            "invalid": "Enter the smallest group as a whole number, like 5",
            "min_value": "The smallest group must be at least 3",
            "max_value": "The smallest group must be 100 or fewer",
        },
    )

    def __init__(self, *args, partnership, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(partnership, name) for name in self.base_fields if name != "version"}
        )
        kwargs["initial"].setdefault("version", partnership.version)
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_area(self):
        return self.cleaned_data["area"].strip()

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_privacy_contact_name(self):
        return self.cleaned_data["privacy_contact_name"].strip()

    def clean_privacy_contact_email(self):
        return self.cleaned_data["privacy_contact_email"].strip().lower()
