"""The public form to ask to join, and the coordinators' forms. Every error says what to do next."""

from django import forms

from included.core.forms import FormTokenField, SearchForm, name_errors, search_field
from included.core.validators import no_hidden_characters
from included.organisations.fields import sector_field, size_field

from . import numbers
from .enums import JoinRequestStatus

MESSAGE_LIMIT = 1500
REASON_LIMIT = 1500
# Typed with spaces a number can be a little longer than the 20 characters it is kept in.
NUMBER_TYPED_LIMIT = 30
LINE_BREAKS = str.maketrans("", "", "\r\n\t")


def no_hidden_characters_in_text(value):
    """`no_hidden_characters` for text of several lines: line breaks and tabs are fine there."""
    no_hidden_characters(value.translate(LINE_BREAKS))


def text_box(label, *, limit, noun, help_text="", required=True, missing=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_hidden_characters_in_text],
        error_messages={
            "required": missing,
            "max_length": f"{noun} must be {limit:,} characters or fewer. You have typed %(show_value)d characters",
        },
    )


class AskToJoinForm(forms.Form):
    """An organisation asks to join a partnership. No account is needed: the contact is invited once accepted."""

    # Hidden from people: only automated form-fillers see it and fill it in.
    website = forms.CharField(required=False, label="Leave this empty")
    form_token = FormTokenField()
    organisation_name = forms.CharField(
        label="Organisation name",
        max_length=200,
        validators=[no_hidden_characters],
        error_messages=name_errors("the organisation's name", 200),
    )
    sector = sector_field()
    size = size_field()
    local_area = forms.CharField(
        label="Local area (optional)",
        help_text="The town, city or neighbourhood it works in.",
        max_length=150,
        required=False,
        validators=[no_hidden_characters],
        error_messages={"max_length": "The local area must be 150 characters or fewer"},
    )
    registration_number = forms.CharField(
        label="Charity or company number (optional)",
        help_text=(
            "For example, 1123456, SC012345 or 01234567. Leave this empty if you do not have one. "
            "Small groups are welcome without one."
        ),
        max_length=NUMBER_TYPED_LIMIT,
        required=False,
        validators=[no_hidden_characters],
        error_messages={"max_length": "The charity or company number is too long. Check it and type it again"},
    )
    contact_name = forms.CharField(
        label="Your name",
        max_length=150,
        validators=[no_hidden_characters],
        error_messages=name_errors("your name", 150),
    )
    contact_email = forms.EmailField(
        label="Your email address",
        help_text="We will email you here to say we have your request, and again when the partnership decides.",
        max_length=254,
        validators=[no_hidden_characters],
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "The email address must be 254 characters or fewer",
        },
    )
    message = text_box(
        "Tell the partnership about your organisation (optional)",
        limit=MESSAGE_LIMIT,
        noun="What you tell the partnership",
        required=False,
        help_text="What it does, and why it wants to join. A sentence or two is enough.",
    )

    @property
    def is_from_a_robot(self):
        return bool(str(self.data.get("website", "")).strip())

    def clean_organisation_name(self):
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_local_area(self):
        return " ".join(self.cleaned_data["local_area"].split())

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_registration_number(self):
        number = numbers.normalise(self.cleaned_data["registration_number"])
        if number and not numbers.is_valid(number):
            raise forms.ValidationError(
                f"Enter a charity or company number in the right format, {numbers.EXAMPLES}. "
                "Leave it empty if you do not have one",
                code="format",
            )
        return number

    def service_details(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "website"}


SHOW_CHOICES = [
    (JoinRequestStatus.PENDING, "Waiting for a decision"),
    (JoinRequestStatus.ACCEPTED, "Accepted"),
    (JoinRequestStatus.DECLINED, "Declined"),
    ("all", "All requests"),
]


class JoinRequestSearchForm(SearchForm):
    """Find a request in a long list, among those waiting or those decided."""

    search_field_name = "q"
    q = search_field("Find a request", "Type all or part of an organisation, a place, a number, a name or an email.")
    show = forms.ChoiceField(
        label="Show",
        choices=SHOW_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose which requests to show"},
    )

    def chosen_status(self):
        """The status chosen ("" for all); requests waiting for a decision unless another is chosen."""
        if not self.is_bound or not self.is_valid():
            return JoinRequestStatus.PENDING
        chosen = self.cleaned_data["show"] or JoinRequestStatus.PENDING
        return "" if chosen == "all" else chosen


class DeclineForm(forms.Form):
    reason = text_box(
        "Why are you saying no?",
        limit=REASON_LIMIT,
        noun="The reason",
        missing="Say why you are saying no",
        help_text=(
            "We email this to the person who asked, in your words. Be kind and clear. "
            "Say if they could ask again later, or who else could help."
        ),
    )
