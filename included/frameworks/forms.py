from pathlib import Path

from django import forms
from django.core.validators import RegexValidator, URLValidator

from included.core.forms import FormTokenField, VersionedForm
from included.core.text import size_in_words
from included.core.validators import no_hidden_characters
from included.organisations.enums import Sector

from .enums import ALL_GROUPS, PromptKind
from .fileformat import KEY_PATTERN, LIMITS, MAX_FILE_BYTES, MAX_KEY_LENGTH, VERSION_PATTERN, too_big_message

FILE_ENDINGS = {".yaml", ".yml"}


class FrameworkUploadForm(forms.Form):
    """Checks only what can be known from the upload itself; the loader checks what is inside the file."""

    file = forms.FileField(
        label="Framework file",
        help_text=f"A YAML file, ending in .yaml or .yml, no bigger than {size_in_words(MAX_FILE_BYTES)}.",
        widget=forms.FileInput(attrs={"accept": ".yaml,.yml"}),
        error_messages={
            "required": "Choose a framework file to upload.",
            "empty": "The file you chose is empty.",
            "invalid": "We could not read that file. Choose the file again.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in FILE_ENDINGS:
            raise forms.ValidationError("The file must be a YAML file, with a name ending in .yaml or .yml.")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(too_big_message())
        upload.seek(0)
        return upload.read(MAX_FILE_BYTES + 1)


# Forms for writing a framework in the browser. Their limits are the framework file's (fileformat.LIMITS), so what
# a form accepts, publishing accepts too; publishing still checks the whole draft by the file's rules.


def line_of_text(label, *, limit, missing, help_text="", required=True, validators=()):
    """A one-line box: hidden characters refused, its limit said in plain words."""
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        validators=[no_hidden_characters, *validators],
        error_messages={"required": missing, "max_length": f"This must be {limit} characters or fewer"},
    )


def no_hidden_characters_but_line_breaks(value):
    """Paragraphs may have line breaks and tabs; any other hidden character is refused, as in a one-line box."""
    no_hidden_characters(value.replace("\r", "").replace("\n", "").replace("\t", ""))


def text_area(label, *, limit, missing="", help_text="", required=False, rows=4):
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        validators=[no_hidden_characters_but_line_breaks],
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing, "max_length": f"This must be {limit} characters or fewer"},
    )


class StartDraftForm(forms.Form):
    form_token = FormTokenField()
    name = line_of_text(
        "What is the framework called?",
        limit=LIMITS["name"],
        missing="Enter the framework's name",
        help_text="For example, Riverside Good Work Pledge. You can change it later.",
    )


class StartFromVersionForm(forms.Form):
    form_token = FormTokenField()


class DraftActionForm(VersionedForm):
    """A button that changes a draft (remove, move, publish): it sends back the version of the draft it showed."""


DETAIL_FIELDS = {
    "name": lambda: line_of_text(
        "What is the framework called?", limit=LIMITS["name"], missing="Enter the framework's name"
    ),
    "short_name": lambda: line_of_text(
        "What is its short name?",
        limit=LIMITS["short_name"],
        missing="Enter a short name",
        help_text="A few letters or words, used where there is little room. For example, Pledge or EMIF.",
    ),
    "slug": lambda: line_of_text(
        "What should its web address end with?",
        limit=MAX_KEY_LENGTH,
        missing="Enter the end of its web address",
        help_text="Small letters, numbers and hyphens only. For example, riverside-pledge.",
        validators=[RegexValidator(KEY_PATTERN, "Use only small letters, numbers and hyphens, like riverside-pledge")],
    ),
    "version": lambda: line_of_text(
        "What version is this?",
        limit=LIMITS["version"],
        missing="Enter a version, like 1 or 2025",
        help_text="Letters, numbers, dots and hyphens. Each version you publish needs a new one, like 1, then 2.",
        validators=[RegexValidator(VERSION_PATTERN, "Use only letters, numbers, dots and hyphens, like 2 or 2025.1")],
    ),
    "credit": lambda: text_area(
        "Who wrote it?",
        limit=LIMITS["credit"],
        required=True,
        missing="Say who wrote the framework",
        help_text="If it is based on someone else's framework, name it and its authors.",
        rows=3,
    ),
    "source_url": lambda: forms.CharField(
        label="Where can people read the original? (optional)",
        max_length=LIMITS["source_url"],
        required=False,
        help_text="A full web address, starting with https://",
        validators=[
            URLValidator(schemes=["http", "https"], message="Enter a full web address, like https://example.org")
        ],
        error_messages={"max_length": f"This must be {LIMITS['source_url']} characters or fewer"},
    ),
    "description": lambda: text_area(
        "Describe the framework",
        limit=LIMITS["description"],
        required=True,
        missing="Describe the framework in a few sentences",
        help_text="A few plain sentences: what it is for, and who it is for.",
        rows=5,
    ),
}


class DraftDetailForm(VersionedForm):
    """One of the framework's details, one to a page."""

    def __init__(self, *args, field, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field
        self.fields["value"] = DETAIL_FIELDS[field]()


class LevelForm(VersionedForm):
    name = line_of_text(
        "Name of the level",
        limit=LIMITS["level_name"],
        missing="Enter a name for the level",
        help_text="A few words, like Getting started.",
    )
    descriptor = text_area(
        "What does this level mean?",
        limit=LIMITS["level_descriptor"],
        required=True,
        missing="Say what this level means",
        help_text="One plain sentence, like: We have taken a first step.",
        rows=2,
    )


class GroupForm(VersionedForm):
    name = line_of_text(
        "Name of the group",
        limit=LIMITS["group_name"],
        missing="Enter a name for the group",
        help_text="For example, Employers.",
    )
    sectors = forms.MultipleChoiceField(
        label="Which kinds of organisation are in this group?",
        help_text="Organisations see the prompts for their group, and the prompts for everyone. "
        "Each kind of organisation can be in one group only.",
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one kind of organisation",
            "invalid_choice": "Choose from the kinds of organisation listed",
        },
    )


class SectionForm(VersionedForm):
    title = line_of_text("Title of the section", limit=LIMITS["section_title"], missing="Enter a title")
    intro = text_area(
        "Introduction (optional)",
        limit=LIMITS["section_intro"],
        help_text="A few words before the section's items, if they help.",
    )
    assessed = forms.TypedChoiceField(
        label="Do organisations rate themselves on this section's items?",
        choices=[("yes", "Yes, they rate each item on the scale"), ("no", "No, they only read them")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no", "invalid_choice": "Choose yes or no"},
    )


class ItemForm(VersionedForm):
    number = line_of_text(
        "Number",
        limit=LIMITS["item_number"],
        missing="Enter a number, like 1 or 2a",
        help_text="How the item is numbered on the page, like 1 or 2a.",
    )
    title = line_of_text("Title", limit=LIMITS["item_title"], missing="Enter a title")
    summary = text_area("Summary (optional)", limit=LIMITS["item_summary"], help_text="What the item asks, in brief.")
    guidance = text_area(
        "Guidance (optional)", limit=LIMITS["item_guidance"], help_text="More help, for those who want it.", rows=6
    )


class PromptForm(VersionedForm):
    group = forms.ChoiceField(
        label="Who is this prompt for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the prompt is for", "invalid_choice": "Choose who the prompt is for"},
    )
    kind = forms.ChoiceField(
        label="What kind of prompt is it?",
        choices=PromptKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of prompt", "invalid_choice": "Choose the kind of prompt"},
    )
    text = text_area(
        "Prompt",
        limit=LIMITS["prompt_text"],
        required=True,
        missing="Write the prompt",
        help_text="A question or a hint, like: Do you pay everyone enough to live on?",
        rows=3,
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(ALL_GROUPS, "Everyone")] + [(g["key"], g["name"]) for g in groups]
