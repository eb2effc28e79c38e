"""Short forms for co-production records. Every error says what to do next, in plain words."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone

from included.assessments.models import SignUp
from included.core.forms import FormTokenField, GovukDateField, VersionedForm
from included.core.validators import no_hidden_characters
from included.frameworks.models import FrameworkItem

from .enums import (
    AWAITING_RESPONSE,
    AWAITING_RESPONSE_LABEL,
    FEEDBACK_METHODS_RECORDED_BY_HAND,
    AccessSupport,
    Decision,
    LadderRung,
    Method,
    Recognition,
    Stage,
    WageArea,
)

TEXT_LIMIT = 3000
PURPOSE_LIMIT = 2000
NOTE_LIMIT = 1000
YES = "yes"
NO = "no"


def single_line(value):
    """Collapse line breaks and runs of spaces: a title or name is one line, and ends up in email subjects."""
    return " ".join((value or "").split())


def _add_error_once(form, field, message):
    """Add an error unless the field already has one: one clear message per box is enough."""
    if field not in form.errors:
        form.add_error(field, message)


# GovukDateField already swaps the boxes' number messages for one plain message about the date.
DateField = GovukDateField


def date_field(label, *, required=True, help_text="For example, 27 3 2026", missing=None):
    return DateField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"required": missing or f"Enter {label[0].lower()}{label[1:].rstrip('?')}"},
    )


class PoundsField(forms.DecimalField):
    """An amount of money. Accepts "£1,250.50" as well as "1250.5", as people type it."""

    def __init__(self, *, label, what, max_digits=9, **kwargs):
        super().__init__(
            label=label,
            max_digits=max_digits,
            decimal_places=2,
            min_value=Decimal("0"),
            error_messages={
                "required": f"Enter {what}, in pounds. Enter 0 if there was none",
                "invalid": f"Enter {what} as a number of pounds, like 25.50",
                "min_value": f"{what[0].upper()}{what[1:]} cannot be less than 0",
                "max_digits": f"{what[0].upper()}{what[1:]} is too large",
                "max_whole_digits": f"{what[0].upper()}{what[1:]} is too large",
                "max_decimal_places": f"Enter {what} to the nearest penny, like 25.50",
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "")
        return super().to_python(value)


class HoursField(forms.DecimalField):
    def __init__(self, *, label, what, **kwargs):
        super().__init__(
            label=label,
            max_digits=8,
            decimal_places=1,
            min_value=Decimal("0"),
            error_messages={
                "required": f"Enter {what}. Enter 0 if there were none",
                "invalid": f"Enter {what} as a number, like 12 or 7.5",
                "min_value": f"{what[0].upper()}{what[1:]} cannot be less than 0",
                "max_digits": f"{what[0].upper()}{what[1:]} is too large",
                "max_whole_digits": f"{what[0].upper()}{what[1:]} is too large",
                "max_decimal_places": f"Enter {what} to one decimal place, like 7.5",
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
            **kwargs,
        )


def radios(label, choices, *, missing, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": missing, "invalid_choice": missing},
    )


def text_box(label, *, limit, noun, missing=None, help_text="", required=True):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=limit,
        required=required,
        help_text=help_text,
        error_messages={
            **({"required": missing} if missing else {}),
            "max_length": f"{noun} must be {limit:,} characters or fewer. You have typed %(show_value)d characters",
        },
    )


LADDER_CHOICES = [(rung.value, f"{rung.label}: {rung.meaning}") for rung in LadderRung]


class ActivityAboutForm(forms.Form):
    """What the activity was and when: enough to start a record."""

    title = forms.CharField(
        label="Name of the activity",
        max_length=200,
        help_text="For example, “Planning our job fair with people who use our service”.",
        error_messages={
            "required": "Enter a name for the activity",
            "max_length": "The name must be 200 characters or fewer. You have %(show_value)d characters",
        },
    )
    purpose = text_box(
        "What was it for?",
        limit=PURPOSE_LIMIT,
        noun="What it was for",
        missing="Say what the activity was for",
        help_text="One or two sentences are enough.",
    )
    stage = radios(
        "Which part of your work did it inform?", Stage.choices, missing="Choose the part of your work it informed"
    )
    method = radios("How did people take part?", Method.choices, missing="Choose how people took part")
    ladder_rung = radios(
        "How much say did people have?",
        LADDER_CHOICES,
        missing="Choose how much say people had",
        help_text="These are the rungs of the ladder of co-production, from the lowest to the highest.",
    )
    invited_on = date_field(
        "When were people invited?",
        help_text="If you do not know the exact day, give your best guess. For example, 3 9 2026",
        missing="Enter the day people were invited",
    )
    held_on = date_field(
        "When did it happen?",
        help_text="If it ran for more than a day, give the first day. For example, 27 9 2026",
        missing="Enter the day it happened",
    )
    ends_on = date_field(
        "When did it end? (optional)",
        required=False,
        help_text="Leave this empty if it was one day, or if it is still going on.",
    )

    def clean_title(self):
        return single_line(self.cleaned_data["title"])

    def clean(self):
        cleaned = super().clean()
        invited_on, held_on, ends_on = cleaned.get("invited_on"), cleaned.get("held_on"), cleaned.get("ends_on")
        if invited_on and held_on and invited_on > held_on:
            self.add_error("invited_on", "The day people were invited must be on or before the day it happened")
        if ends_on and held_on and ends_on < held_on:
            self.add_error("ends_on", "The day it ended must be on or after the day it happened")
        return cleaned


class ActivityAboutChangeForm(VersionedForm, ActivityAboutForm):
    """The same questions, when changing an activity already recorded."""


class ActivityPeopleForm(VersionedForm):
    """Who took part, the time they gave, and how they were thanked."""

    participants = forms.IntegerField(
        label="How many people took part?",
        help_text="A number, not names.",
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": "Enter how many people took part",
            "invalid": "Enter how many people took part as a whole number, like 8",
            "min_value": "At least 1 person must have taken part",
            "max_value": "Enter a number of people under 100,000",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    hours_given = HoursField(
        label="How many hours did they give, added together?",
        what="the hours people gave",
        help_text="For example, 6 people for 2 hours is 12 hours.",
    )
    recognition = radios(
        "How did you thank people for their time?", Recognition.choices, missing="Choose how you thanked people"
    )
    hourly_rate = PoundsField(
        label="If you paid by the hour: how much an hour, in pounds?",
        what="the hourly rate",
        max_digits=6,
        required=False,
        help_text="For example, 13.45. We compare it with the Real Living Wage on the day.",
    )
    voucher_value = PoundsField(
        label="If you gave vouchers: what were they worth altogether, in pounds?",
        what="the value of the vouchers",
        required=False,
    )
    wage_area = radios(
        "Where did it take place?",
        WageArea.choices,
        missing="Choose where it took place",
        help_text="The Real Living Wage is higher in London.",
    )

    def clean(self):
        cleaned = super().clean()
        recognition = cleaned.get("recognition")
        if recognition == Recognition.PAID_HOURLY and not cleaned.get("hourly_rate"):
            _add_error_once(self, "hourly_rate", "Enter how much you paid an hour, like 13.45")
        if recognition == Recognition.VOUCHERS and cleaned.get("voucher_value") is None:
            _add_error_once(self, "voucher_value", "Enter what the vouchers were worth altogether, in pounds")
        return cleaned


class ActivityAccessForm(VersionedForm):
    """Access support offered, and what the activity cost the organisation: EMIF checklist point 2."""

    access_support = forms.MultipleChoiceField(
        label="What access support did you offer?",
        help_text="Select all that apply.",
        choices=AccessSupport.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose access support from the list"},
    )
    access_support_other = forms.CharField(
        label="If something else, what was it?",
        max_length=200,
        required=False,
        error_messages={"max_length": "Describe it in 200 characters or fewer. You have %(show_value)d characters"},
    )
    other_costs = PoundsField(
        label="What did it cost your organisation, apart from paying people for their time?",
        what="what it cost",
        max_digits=10,
        help_text="In pounds. For example room hire, interpreters, travel, expenses and food.",
    )
    staff_hours = HoursField(
        label="How many hours of staff time did it take?",
        what="the staff hours",
        help_text="Planning, running it and following up, added together.",
    )

    def clean_access_support_other(self):
        return single_line(self.cleaned_data["access_support_other"])

    def clean(self):
        cleaned = super().clean()
        if AccessSupport.OTHER in cleaned.get("access_support", []) and not cleaned.get("access_support_other"):
            self.add_error("access_support_other", "Say what the other access support was")
        return cleaned


class FrameworkItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, item):
        return f"{item.version.framework.short_name}, {item.section.title.lower()} {item.number}: {item.title}"


class ActivityEvidenceForm(VersionedForm):
    framework_items = FrameworkItemChoiceField(
        label="Which self-assessment items does it give evidence for?",
        help_text="Select all that apply. Your self-assessment can then point to this activity.",
        queryset=FrameworkItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choose items from the list",
            "invalid_pk_value": "Choose items from the list",
        },
    )

    def __init__(self, *args, organisation, chosen=(), **kwargs):
        """The items of the framework versions the organisation signed up to: the ones its self-assessments use.

        Items chosen before stay on the list, even if the organisation has since left that framework.
        """
        super().__init__(*args, **kwargs)
        signed_up = SignUp.objects.filter(organisation=organisation).active().values("framework_version")
        chosen_ids = [item.pk for item in chosen]
        self.fields["framework_items"].queryset = (
            FrameworkItem.objects.filter(section__assessed=True)
            .filter(Q(version__in=signed_up) | Q(pk__in=chosen_ids))
            .select_related("version__framework", "section")
            .order_by("version__framework__name", "section__position", "position")
        )


def publish_choices(who):
    return [(YES, f"Yes, {who} agreed"), (NO, "No, or we did not ask")]


class ContributionChoicesForm(forms.Form):
    """What a person chose about their contribution: publishing it, showing their name and hearing back.

    People change their minds, so the organisation can change these later; the words they said stay as they were.
    """

    consent_to_publish = radios(
        "Did they agree that it can be published on your “You said, we did” page?",
        publish_choices("they"),
        missing="Say whether they agreed that it can be published",
        help_text="We never publish contact details. We only show their name if they asked us to.",
    )
    contributor_name = forms.CharField(
        label="Their name (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "Their name must be 150 characters or fewer"},
        validators=[no_hidden_characters],
    )
    named_publicly = forms.BooleanField(label="They want their name shown with what they said", required=False)
    contact_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "Their email address must be 254 characters or fewer",
        },
    )
    wants_updates = forms.BooleanField(label="They agreed to hear back by email about what happens", required=False)

    @classmethod
    def initial_for(cls, contribution):
        return {
            "consent_to_publish": YES if contribution.consent_to_publish else NO,
            "contributor_name": contribution.contributor_name,
            "named_publicly": contribution.named_publicly,
            "contact_email": contribution.contact_email,
            "wants_updates": contribution.wants_updates,
        }

    def clean_contributor_name(self):
        return single_line(self.cleaned_data["contributor_name"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("named_publicly") and not cleaned.get("contributor_name"):
            _add_error_once(self, "contributor_name", "Enter their name, or untick the box to show their name")
        if cleaned.get("wants_updates") and not cleaned.get("contact_email"):
            _add_error_once(self, "contact_email", "Enter their email address, or untick the box to hear back by email")
        return cleaned

    def choices(self):
        data = self.cleaned_data
        return {
            "consent_to_publish": data["consent_to_publish"] == YES,
            "contributor_name": data["contributor_name"],
            "named_publicly": data["named_publicly"],
            "contact_email": data["contact_email"],
            "wants_updates": data["wants_updates"],
        }


class ContributionForm(ContributionChoicesForm):
    """The organisation writes down what someone said, and what they chose about it."""

    field_order = ["text", "stage", "given_on"]

    form_token = FormTokenField()
    text = text_box(
        "What did the person say?", limit=TEXT_LIMIT, noun="What they said", missing="Enter what the person said"
    )
    stage = radios(
        "Which part of your work is it about?", Stage.choices, missing="Choose the part of your work it is about"
    )
    given_on = date_field("When did they say it?", missing="Enter the day they said it")

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on and given_on > timezone.localdate():
            raise forms.ValidationError("The day they said it cannot be in the future")
        return given_on

    def service_details(self):
        data = self.cleaned_data
        return {
            "text": data["text"],
            "stage": data["stage"],
            "given_on": data["given_on"],
            "form_token": data["form_token"],
            **self.choices(),
        }


class TakePartForm(forms.Form):
    """A participant adds what they said, through a link and without an account."""

    # Hidden from people: only automated form-fillers see it and fill it in.
    website = forms.CharField(required=False, label="Leave this empty")
    form_token = FormTokenField()
    text = text_box(
        "What would you like to tell them?",
        limit=TEXT_LIMIT,
        noun="What you say",
        missing="Enter what you would like to say",
    )
    consent_to_publish = radios(
        "Can it be published on the “You said, we did” page?",
        [(YES, "Yes, it can be published"), (NO, "No, keep it private")],
        missing="Say whether what you said can be published",
        help_text="We never publish your email address. We only show your name if you ask us to below.",
    )
    contributor_name = forms.CharField(
        label="Your name (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "Your name must be 150 characters or fewer"},
        validators=[no_hidden_characters],
    )
    named_publicly = forms.BooleanField(label="Show my name with what I said", required=False)
    contact_email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like to hear back.",
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
    )
    wants_updates = forms.BooleanField(label="Email me to say what happened because of what I said", required=False)
    agree = forms.BooleanField(
        label="I agree that they can keep what I said and use it to improve their work",
        error_messages={"required": "Tick the box to agree that they can keep what you said"},
    )

    def clean_contributor_name(self):
        return single_line(self.cleaned_data["contributor_name"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("named_publicly") and not cleaned.get("contributor_name"):
            _add_error_once(self, "contributor_name", "Enter your name, or untick the box to show your name")
        if cleaned.get("wants_updates") and not cleaned.get("contact_email"):
            _add_error_once(self, "contact_email", "Enter your email address, or untick the box to hear back by email")
        return cleaned

    @property
    def is_from_a_robot(self):
        return bool(self.data.get("website", "").strip())

    def service_details(self):
        data = self.cleaned_data
        return {
            "text": data["text"],
            "consent_to_publish": data["consent_to_publish"] == YES,
            "contributor_name": data["contributor_name"],
            "named_publicly": data["named_publicly"],
            "contact_email": data["contact_email"],
            "wants_updates": data["wants_updates"],
            "form_token": data["form_token"],
        }


class ResponseForm(forms.Form):
    decision = radios("What did you decide?", Decision.choices, missing="Choose what you decided")
    what_changed = text_box(
        "What did you do, or what are you doing?",
        noun="What you did",
        limit=TEXT_LIMIT,
        required=False,
        help_text="Say what changed because of what they said, in plain words. You can leave this empty only if "
        "you did not adopt it.",
    )
    reason = text_box(
        "If you did not adopt it, why not?",
        noun="The reason",
        limit=PURPOSE_LIMIT,
        required=False,
        help_text="People deserve to know why. This is shown with the response.",
    )
    changed_on = date_field(
        "When did it change, or when will it? (optional)",
        required=False,
        help_text="For example, 1 12 2026",
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == Decision.NOT_ADOPTED and not cleaned.get("reason"):
            _add_error_once(self, "reason", "Say why you did not adopt it")
        elif decision and decision != Decision.NOT_ADOPTED and not cleaned.get("what_changed"):
            _add_error_once(self, "what_changed", "Say what you did, or what you are doing")
        return cleaned


class ContributionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, contribution):
        text = single_line(contribution.text)
        short = text if len(text) <= 90 else f"{text[:87]}…"
        return f"{contribution.contributor_name}: “{short}”" if contribution.contributor_name else f"“{short}”"


class FeedbackForm(forms.Form):
    contributions = ContributionChoiceField(
        label="Whose contributions did you tell them about?",
        help_text="Only contributions with a response are listed.",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one contribution",
            "invalid_choice": "Choose contributions from the list",
            "invalid_pk_value": "Choose contributions from the list",
        },
    )
    method = radios(
        "How did you tell them?",
        [(method.value, method.label) for method in FEEDBACK_METHODS_RECORDED_BY_HAND],
        missing="Choose how you told them",
    )
    told_on = date_field("When did you tell them?", missing="Enter the day you told them")
    note = text_box("Anything to add? (optional)", limit=NOTE_LIMIT, noun="The note", required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = activity.contributions.answered().with_responses().newest_first()

    def clean_told_on(self):
        told_on = self.cleaned_data["told_on"]
        if told_on and told_on > timezone.localdate():
            raise forms.ValidationError("The day you told them cannot be in the future")
        return told_on


STATUS_CHOICES = [("", "Any status"), *Decision.choices, (AWAITING_RESPONSE, AWAITING_RESPONSE_LABEL)]


class YouSaidWeDidFilterForm(forms.Form):
    """The filters on the public page. It is sent with GET, so it works without JavaScript and links can be shared."""

    stage = forms.ChoiceField(
        label="Part of the work",
        choices=[("", "All parts of the work"), *Stage.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a part of the work from the list"},
    )
    status = forms.ChoiceField(
        label="What happened",
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose what happened from the list"},
    )

    def filters(self):
        """The filters that are valid; a broken one is ignored, and its error shown."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ReviewTimeForm(forms.Form):
    """A coordinator records the time a lived-experience reviewer gave to one review, and how it was paid or
    thanked: the same choices as for an activity, checked against the same Real Living Wage."""

    given_on = date_field("The day the review was done", missing="Enter the day the review was done")
    hours_given = HoursField(label="How many hours did they give?", what="the hours they gave")
    recognition = radios(
        "How were they paid or thanked?", Recognition.choices, missing="Choose how they were paid or thanked"
    )
    hourly_rate = PoundsField(
        label="If paid by the hour: how much an hour, in pounds?",
        what="the hourly rate",
        max_digits=6,
        required=False,
        help_text="For example, 13.45. We compare it with the Real Living Wage on the day.",
    )
    voucher_value = PoundsField(
        label="If you gave vouchers: what were they worth, in pounds?", what="the value of the vouchers", required=False
    )
    wage_area = radios(
        "Where do they live?",
        WageArea.choices,
        missing="Choose where they live",
        help_text="The Real Living Wage is higher in London.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours_given") is not None and cleaned["hours_given"] <= 0:
            _add_error_once(self, "hours_given", "Enter the hours they gave, more than 0")
        recognition = cleaned.get("recognition")
        if recognition == Recognition.PAID_HOURLY and not cleaned.get("hourly_rate"):
            _add_error_once(self, "hourly_rate", "Enter how much they were paid an hour, like 13.45")
        if recognition == Recognition.VOUCHERS and cleaned.get("voucher_value") is None:
            _add_error_once(self, "voucher_value", "Enter what the vouchers were worth, in pounds")
        return cleaned
