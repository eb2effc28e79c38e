from django import forms
from django.core.validators import RegexValidator

from included.access.enums import MemberRole
from included.core.forms import EMAIL_ERRORS, SearchForm, VersionedForm, name_errors, search_field
from included.core.validators import no_hidden_characters
from included.invitations.forms import InvitePersonForm

from .fields import sector_field, size_field

ROLE_CHOICES = [
    (MemberRole.MEMBER, "Member: can help fill in self-assessments"),
    (MemberRole.ADMIN, "Admin: can also change the organisation's details and who is in it"),
]


class OrganisationProfileForm(VersionedForm):
    """The organisation's details. Filled from the organisation; the view passes what changed to update_profile."""

    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages=name_errors("the organisation's name", 200),
        validators=[no_hidden_characters],
    )
    sector = sector_field()
    size = size_field()
    lived_experience_led = forms.BooleanField(
        label="It is led by people with lived experience",
        help_text="Tick this if most of the people who run it have lived experience of barriers to work.",
        required=False,
    )
    local_area = forms.CharField(
        label="Local area (optional)",
        help_text="The town, city or neighbourhood it works in.",
        max_length=150,
        required=False,
        error_messages={"max_length": "The local area must be 150 characters or fewer"},
    )
    website = forms.URLField(
        label="Website (optional)",
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address in the right format, like www.example.org",
            "max_length": "The web address must be 300 characters or fewer",
        },
    )
    registration_number = forms.CharField(
        label="Charity or company number (optional)",
        help_text="Leave this empty if you do not have one. Small groups are welcome without one.",
        max_length=20,
        required=False,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9 -]*$",
                message="A charity or company number can only have letters, numbers, spaces and dashes",
            )
        ],
        error_messages={"max_length": "The charity or company number must be 20 characters or fewer"},
    )

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("initial", {name: getattr(organisation, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_local_area(self):
        return self.cleaned_data["local_area"].strip()

    def clean_registration_number(self):
        return self.cleaned_data["registration_number"].strip().upper()

    @property
    def sector_changed(self):
        return self.is_bound and self.is_valid() and self.cleaned_data["sector"] != self.organisation.sector


# Not a role in the organisation: someone it supports, invited to a place of their own (included.people).
SUPPORTED_PERSON = "person"


class InviteMemberForm(InvitePersonForm):
    """Invite someone into the organisation, as a member or an admin, or someone it supports to a place of their
    own."""

    role = forms.ChoiceField(
        label="What can they do?",
        choices=[
            *ROLE_CHOICES,
            (SUPPORTED_PERSON, "Someone you support: they get a place of their own, and see nothing of your work"),
        ],
        widget=forms.RadioSelect,
        initial=MemberRole.MEMBER,
        error_messages={
            "required": "Choose what they can do",
            "invalid_choice": "Choose member, admin or someone you support",
        },
    )


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="What can they do?",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they can do", "invalid_choice": "Choose member or admin"},
    )


class SwitchOrganisationForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label="Which organisation are you working for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an organisation",
            "invalid_choice": "Choose one of your organisations",
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            (m.organisation_id, f"{m.organisation.name} – {m.organisation.partnership.name}") for m in memberships
        ]


class InviteOrganisationForm(forms.Form):
    """Add an organisation to the partnership and invite the person who will look after it on Included."""

    organisation_name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages=name_errors("the organisation's name", 200),
        validators=[no_hidden_characters],
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
        validators=[no_hidden_characters],
    )
    admin_email = forms.EmailField(
        label="Their email address",
        help_text="We will email them a link to join.",
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )

    def clean_admin_email(self):
        return self.cleaned_data["admin_email"].strip().lower()


class MemberOrganisationSearchForm(SearchForm):
    """Find a member organisation in a long list by part of its name."""

    search_field_name = "name"
    name = search_field("Find an organisation", "Type all or part of its name.")
