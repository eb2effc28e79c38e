"""Forms for stories. Every error says what to do next, in plain words, and every form keeps what was typed."""

from django import forms
from django.conf import settings

from included.assessments.uploads import JPEG, PNG, check_evidence_file
from included.coproduction.forms import FrameworkItemChoiceField
from included.coproduction.models import Response
from included.core.forms import FormTokenField, GovukDateField, VersionedForm
from included.core.validators import no_hidden_characters
from included.directory.models import Service
from included.frameworks.models import FrameworkItem, FrameworkVersion
from included.organisations.enums import Sector

from .enums import Appears, ConsentDecision, ConsentMethod, Outcome
from .models import Theme
from .services import linkable_services

TEXT_LIMIT = 5000
SUMMARY_LIMIT = 1500
NOTE_LIMIT = 2000
IMAGE_TYPES = (PNG, JPEG)


def single_line(value):
    return " ".join((value or "").split())


def text_box(label, *, noun, help_text="", required=True, limit=TEXT_LIMIT, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {noun}",
            "max_length": f"Keep {noun} to {limit:,} characters or fewer. It has %(show_value)d now",
        },
    )


def radios(label, choices, *, missing, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": missing, "invalid_choice": missing},
    )


class ResponseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, response):
        return f"{response.contribution.activity.title}: {response.what_changed or response.reason}"[:160]


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, service):
        return f"{service.name} ({service.organisation.name})"


CHOOSE_FROM_LIST = {"invalid_choice": "Choose from the list", "invalid_pk_value": "Choose from the list"}


class StoryFields(forms.Form):
    """The story itself. Used to start a story and, with a version, to change one."""

    title = forms.CharField(
        label="Give the story a short title",
        max_length=200,
        validators=[no_hidden_characters],
        error_messages={
            "required": "Enter a title",
            "max_length": "Keep the title to 200 characters or fewer",
        },
    )
    tried = text_box(
        "What did you try?",
        noun="what you tried",
        help_text="Say what you did, in a few sentences, as you would tell a friend.",
    )
    for_whom = text_box(
        "Who was it for?",
        noun="who it was for",
        help_text="Describe the people, not their labels. Only name someone if they agreed.",
        rows=3,
    )
    happened = text_box("What happened?", noun="what happened", help_text="Include what did not go to plan.")
    outcome = radios(
        "How did it go?",
        Outcome.choices,
        missing="Choose how it went",
        help_text="Stories about what did not work help others as much as stories about what did.",
    )
    learnt = text_box("What did you learn?", noun="what you learnt")
    differently = text_box(
        "What would you do differently?",
        noun="what you would do differently",
        required=False,
        help_text="Leave this empty if you would do it the same way again.",
    )
    easy_read_summary = text_box(
        "Easy-read summary",
        noun="the easy-read summary",
        required=False,
        limit=SUMMARY_LIMIT,
        rows=4,
        help_text="A few short sentences in easy words. One idea in each sentence.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="What is the story about?",
        help_text="Choose all that fit. People find stories by these.",
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOOSE_FROM_LIST,
    )
    framework_items = FrameworkItemChoiceField(
        label="Which framework points does it tell about?",
        help_text="Choose all that fit. Others working on the same point will find it.",
        queryset=FrameworkItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOOSE_FROM_LIST,
    )
    responses = ResponseChoiceField(
        label="Does it tell more about something in “You said, we did”?",
        help_text="Choose what you did about what people told you, if the story is about it.",
        queryset=Response.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOOSE_FROM_LIST,
    )

    services = ServiceChoiceField(
        label="Does it tell about a service in the directory?",
        help_text="Choose the services people can use that the story is about. Only published services are listed.",
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOOSE_FROM_LIST,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = organisation.partnership
        self.fields["services"].queryset = (
            linkable_services(partnership).select_related("organisation").order_by("name", "pk")
        )
        self.fields["themes"].queryset = Theme.objects.available_to(partnership)
        versions = FrameworkVersion.objects.available_to(partnership).values("pk")
        self.fields["framework_items"].queryset = (
            FrameworkItem.objects.filter(version__in=versions)
            .select_related("version__framework", "section")
            .order_by("version__framework__name", "version__id", "section__position", "position")
        )
        self.fields["responses"].queryset = (
            Response.objects.for_organisation(organisation)
            .current()
            .select_related("contribution__activity")
            .order_by("-created_at")
        )

    def clean_title(self):
        return single_line(self.cleaned_data["title"])


class StoryForm(StoryFields):
    form_token = FormTokenField()

    def story_details(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "form_token"}


class StoryChangeForm(StoryFields, VersionedForm):
    pass


class PersonForm(forms.Form):
    name = forms.CharField(
        label="Their name",
        max_length=150,
        validators=[no_hidden_characters],
        help_text="As it appears in the story, or a description if they are only in a picture.",
        error_messages={"required": "Enter their name", "max_length": "Keep the name to 150 characters or fewer"},
    )
    appears = radios("How are they in the story?", Appears.choices, missing="Choose how they are in the story")

    def clean_name(self):
        return single_line(self.cleaned_data["name"])


class ConsentForm(forms.Form):
    decision = radios(
        "What did they say?",
        ConsentDecision.choices,
        missing="Choose what they said",
        help_text="If they take their consent back, the story comes down at once and their name is taken out.",
    )
    method = radios("How did they tell you?", ConsentMethod.choices, missing="Choose how they told you")
    given_on = GovukDateField(
        label="When did they tell you?",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the day they told you"},
    )
    note = text_box(
        "Anything else to note",
        noun="the note",
        required=False,
        limit=NOTE_LIMIT,
        rows=3,
        help_text="For example, who the supporter was, or what they asked us not to say.",
    )

    def clean_given_on(self):
        from django.utils import timezone

        day = self.cleaned_data["given_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("The day they told you must be today or in the past")
        return day


class ImageForm(forms.Form):
    image = forms.FileField(
        label="Choose a picture",
        help_text="A PNG or JPEG file. Everyone in it must agree to be shown.",
        error_messages={"required": "Choose a picture to add", "invalid": "Choose a picture to add"},
    )
    description = text_box(
        "Describe the picture",
        noun="a description",
        required=False,
        limit=NOTE_LIMIT,
        rows=3,
        help_text="What it shows, for people who cannot see it. You need this before the story is published.",
    )

    def clean_image(self):
        uploaded = self.cleaned_data["image"]
        content_type = check_evidence_file(uploaded, settings.EVIDENCE_MAX_BYTES)
        if content_type not in IMAGE_TYPES:
            raise forms.ValidationError("The picture must be a PNG or JPEG file")
        self.content_type = content_type
        return uploaded


class DescribeImageForm(forms.Form):
    description = text_box(
        "Describe the picture",
        noun="a description",
        limit=NOTE_LIMIT,
        rows=3,
        help_text="What it shows, for people who cannot see it.",
    )


class SendForReviewForm(forms.Form):
    answer = text_box(
        "What did you change?",
        noun="what you changed",
        required=False,
        limit=NOTE_LIMIT,
        rows=4,
        help_text="Tell the reviewer what you changed, or why you left something as it was.",
    )


AGREE = "agree"
CHANGES = "changes"


class ReviewForm(forms.Form):
    decision = radios(
        "What do you think?",
        [(AGREE, "It can be published as it is"), (CHANGES, "Ask for changes to its words or how it is told")],
        missing="Choose whether it can be published or needs changes",
    )
    comments = text_box(
        "Your comments",
        noun="your comments",
        required=False,
        limit=NOTE_LIMIT,
        help_text="Say what to change and why. The organisation will answer.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == CHANGES and not cleaned.get("comments", "").strip():
            self.add_error("comments", "Say what you would like them to change")
        return cleaned

    @property
    def agreed(self):
        return self.cleaned_data["decision"] == AGREE


class StorySettingsForm(forms.Form):
    review_required = radios(
        "Must a lived-experience reviewer agree to each story before it is published?",
        [("yes", "Yes, every story is reviewed first"), ("no", "No, organisations choose whether to ask")],
        missing="Choose whether stories must be reviewed",
    )


class LibraryFilterForm(forms.Form):
    """The library's filters, sent with GET, so they work without JavaScript and links can be shared."""

    theme = forms.ChoiceField(label="Theme", required=False, error_messages={"invalid_choice": "Choose a theme"})
    sector = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Every kind"), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a kind of organisation from the list"},
    )
    item = forms.ChoiceField(
        label="Framework point", required=False, error_messages={"invalid_choice": "Choose a framework point"}
    )

    def __init__(self, *args, themes, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Every theme"), *((theme.slug, theme.name) for theme in themes)]
        self.fields["item"].choices = [("", "Every point"), *((str(item.pk), label) for item, label in items)]

    def filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
