"""Short forms for the directory, and the public search form. Every error says what to do next."""

from django import forms

from included.core.forms import FormTokenField, VersionedForm
from included.core.validators import no_hidden_characters

from .enums import AccessFeature, Day, LocationType, ServiceStatus, WayIn
from .models import TaxonomyTerm
from .postcodes import FULL_POSTCODE

YES = "yes"
NO = "no"
MAX_LIST_ITEMS = 20


def _text(label, limit, *, required=False, help_text="", textarea=False, missing=""):
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        validators=[no_hidden_characters],
        widget=forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput(),
        error_messages={
            "required": missing or f"Enter {label[0].lower()}{label[1:]}",
            "max_length": f"{label} must be {limit} characters or fewer",
        },
    )


def _list_of(value, limit):
    """Comma- or line-separated words as a list, without blanks or repeats."""
    items = []
    for part in value.replace("\n", ",").split(","):
        part = " ".join(part.split())
        if part and part not in items:
            items.append(part[:limit])
    return items


def offered_terms():
    return TaxonomyTerm.objects.filter(taxonomy__offered_in_search=True).select_related("taxonomy")


class ServiceForm(forms.Form):
    name = _text("Name of the service or space", 200, required=True, missing="Enter the name of the service")
    description = _text(
        "What it offers",
        3000,
        required=True,
        textarea=True,
        help_text="Say what happens there, in a few short sentences.",
        missing="Say what the service offers",
    )
    who_it_is_for = _text(
        "Who it is for", 1000, textarea=True, help_text="For example: anyone over 18 who lives in Riverside."
    )
    minimum_age = forms.IntegerField(
        label="Youngest age (optional)",
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the youngest age as a number, like 16",
            "min_value": "Enter an age from 0 to 120",
            "max_value": "Enter an age from 0 to 120",
        },
    )
    maximum_age = forms.IntegerField(
        label="Oldest age (optional)",
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the oldest age as a number, like 65",
            "min_value": "Enter an age from 0 to 120",
            "max_value": "Enter an age from 0 to 120",
        },
    )
    ways_in = forms.MultipleChoiceField(
        label="How do people get in?",
        choices=WayIn.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply.",
        error_messages={"invalid_choice": "Choose from the list"},
    )
    is_free = forms.TypedChoiceField(
        label="Is it free?",
        choices=[(YES, "Yes, it is free"), (NO, "No, there is a cost")],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is free", "invalid_choice": "Say whether it is free"},
    )
    fees = _text("What it costs", 500, help_text="Only if there is a cost. For example: £2 a session.")
    terms = forms.ModelMultipleChoiceField(
        label="What is it for?",
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list", "invalid_pk_value": "Choose from the list"},
    )
    lived_experience_led = forms.BooleanField(
        label="It is led by people with lived experience of barriers to work",
        required=False,
    )
    languages = _text("Languages spoken", 300, help_text="Separate them with commas. For example: English, Polish.")
    areas = _text("Where people must live to use it (optional)", 300, help_text="For example: Riverside borough.")
    url = forms.URLField(
        label="Web page (optional)",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address, like https://example.org",
            "max_length": "The web address must be 300 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address for questions (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "The email address must be 254 characters or fewer",
        },
    )
    contact_title = _text("Who to ask (optional)", 200, help_text="A role is enough, like “Drop-in team”.")
    phone = forms.RegexField(
        label="Phone number (optional)",
        regex=r"^[0-9+() -]{6,25}$",
        required=False,
        max_length=25,
        error_messages={
            "invalid": "Enter a phone number, like 01632 960 001",
            "max_length": "Enter a phone number, like 01632 960 001",
        },
    )
    status = forms.ChoiceField(
        label="Is it running?",
        choices=ServiceStatus.choices,
        initial=ServiceStatus.ACTIVE,
        error_messages={"required": "Say whether it is running", "invalid_choice": "Choose from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = offered_terms()

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        if data.get("is_free") is False and not data.get("fees"):
            self.add_error("fees", "Say what it costs")
        data["languages"] = _list_of(data.get("languages") or "", 100)[:MAX_LIST_ITEMS]
        data["areas"] = _list_of(data.get("areas") or "", 200)[:MAX_LIST_ITEMS]
        return data

    @staticmethod
    def initial_for(service):
        return {
            "name": service.name,
            "description": service.description,
            "who_it_is_for": service.who_it_is_for,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "ways_in": [way.value for way in WayIn if getattr(service, way.value)],
            "is_free": YES if service.is_free else NO,
            "fees": service.fees,
            "terms": [attribute.taxonomy_term_id for attribute in service.attributes.all()],
            "lived_experience_led": service.lived_experience_led,
            "languages": ", ".join(language.name for language in service.languages.all()),
            "areas": ", ".join(area.name for area in service.service_areas.all()),
            "url": service.url,
            "email": service.email,
            "contact_title": next((contact.title for contact in service.contacts.all()), ""),
            "phone": next((phone.number for contact in service.contacts.all() for phone in contact.phones.all()), ""),
            "status": service.status,
        }


class OneTimeForm(forms.Form):
    """A form that adds something: it carries a one-time token, so sending it twice adds one (core.receipts)."""

    form_token = FormTokenField()


class ChangeForm(VersionedForm):
    """A form that changes a record people share: it sends back the version it showed (core.versions)."""

    @classmethod
    def initial_for(cls, record):
        return super().initial_for(record) | {"version": record.version}


class NewServiceForm(OneTimeForm, ServiceForm):
    pass


class ChangeServiceForm(ChangeForm, ServiceForm):
    pass


class LocationForm(forms.Form):
    name = _text(
        "Name of the place",
        200,
        required=True,
        help_text="For example: Riverside Library.",
        missing="Enter the name of the place",
    )
    location_type = forms.ChoiceField(
        label="What kind of place is it?",
        choices=LocationType.choices,
        initial=LocationType.PHYSICAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Say what kind of place it is", "invalid_choice": "Choose from the list"},
    )
    address_1 = _text("Street address", 200)
    city = _text("Town or city", 100)
    postal_code = _text("Postcode", 10, help_text="For example: RV1 2AB. People search by the first part.")
    description = _text("How to find it (optional)", 1000, textarea=True)
    latitude = forms.DecimalField(
        label="Latitude (optional)",
        required=False,
        min_value=-90,
        max_value=90,
        max_digits=8,
        decimal_places=6,
        help_text="Only if you know it. It puts the place on a map.",
        error_messages={
            "invalid": "Enter the latitude as a number, like 51.5072",
            "min_value": "Enter a latitude from -90 to 90",
            "max_value": "Enter a latitude from -90 to 90",
            "max_digits": "Enter a latitude with up to 6 decimal places",
            "max_decimal_places": "Enter a latitude with up to 6 decimal places",
            "max_whole_digits": "Enter a latitude from -90 to 90",
        },
    )
    longitude = forms.DecimalField(
        label="Longitude (optional)",
        required=False,
        min_value=-180,
        max_value=180,
        max_digits=9,
        decimal_places=6,
        error_messages={
            "invalid": "Enter the longitude as a number, like -0.1276",
            "min_value": "Enter a longitude from -180 to 180",
            "max_value": "Enter a longitude from -180 to 180",
            "max_digits": "Enter a longitude with up to 6 decimal places",
            "max_decimal_places": "Enter a longitude with up to 6 decimal places",
            "max_whole_digits": "Enter a longitude from -180 to 180",
        },
    )
    access = forms.MultipleChoiceField(
        label="What does the place have?",
        choices=AccessFeature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that it has. People can search for these.",
        error_messages={"invalid_choice": "Choose from the list"},
    )
    accessibility_details = _text("More about access (optional)", 1000, textarea=True)

    def clean(self):
        data = super().clean()
        if data.get("location_type") == LocationType.PHYSICAL:
            if not data.get("address_1") and "address_1" not in self.errors:
                self.add_error("address_1", "Enter the street address")
            postcode = "".join((data.get("postal_code") or "").upper().split())
            if "postal_code" not in self.errors and not FULL_POSTCODE.match(postcode):
                self.add_error("postal_code", "Enter a real postcode, like RV1 2AB")
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors.keys() & {
            "latitude",
            "longitude",
        }:
            self.add_error("longitude", "Enter both the latitude and the longitude, or neither")
        for feature in AccessFeature:
            data[feature.value] = feature.value in (data.get("access") or [])
        return data

    @staticmethod
    def initial_for(location):
        return {
            "name": location.name,
            "location_type": location.location_type,
            "address_1": location.address_1,
            "city": location.city,
            "postal_code": location.postal_code,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "access": [feature.value for feature in AccessFeature if getattr(location, feature.value)],
            "accessibility_details": location.accessibility_details,
        }


class OpeningTimesForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Which days?",
        choices=Day.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day", "invalid_choice": "Choose from the list"},
    )
    opens_at = forms.TimeField(
        label="Opens at",
        help_text="For example: 9:30 or 14:00",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time it opens", "invalid": "Enter the time it opens, like 9:30"},
    )
    closes_at = forms.TimeField(
        label="Closes at",
        help_text="For example: 17:00",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time it closes", "invalid": "Enter the time it closes, like 17:00"},
    )
    description = _text(
        "Anything else about these times (optional)", 500, help_text="For example: not on bank holidays."
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            self.add_error("closes_at", "The closing time must be after the opening time")
        return data

    @staticmethod
    def initial_for(schedule):
        return {
            "days": [day for day in schedule.byday.split(",") if day in Day.values],
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "description": schedule.description,
        }

    def opening_times(self):
        """What the services take: the days, the times and the note."""
        return {name: self.cleaned_data[name] for name in ("days", "opens_at", "closes_at", "description")}


class NewLocationForm(OneTimeForm, LocationForm):
    pass


class ChangeLocationForm(ChangeForm, LocationForm):
    pass


class NewOpeningTimesForm(OneTimeForm, OpeningTimesForm):
    pass


class ChangeOpeningTimesForm(ChangeForm, OpeningTimesForm):
    pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Open Referral UK file (JSON)",
        help_text="A list of services, or one service, as an Open Referral UK feed gives it.",
        error_messages={
            "required": "Choose a file to load",
            "empty": "The file is empty. Choose a file with something in it.",
        },
    )


class SearchForm(forms.Form):
    """The public search. Every field is optional and a wrong value is set aside, so a search always answers."""

    q = forms.CharField(label="Words to search for", required=False, max_length=100)
    area = forms.CharField(
        label="Town or postcode",
        required=False,
        max_length=60,
        help_text="For example: Riverside or RV1. The first part of a postcode is enough.",
    )
    term = forms.ModelChoiceField(
        label="What do you need help with?",
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        empty_label="Anything",
    )
    access = forms.MultipleChoiceField(
        label="Access you need", choices=AccessFeature.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    free = forms.BooleanField(label="Free only", required=False)
    lived = forms.BooleanField(label="Led by people with lived experience", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = offered_terms()

    def filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        # A field with an error is searched as if it were empty; the page says so.
        return {name: value for name, value in data.items() if value and name not in self.errors}
