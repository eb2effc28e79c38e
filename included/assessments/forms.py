from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from included.core.forms import OUT_OF_DATE, FormTokenField, GovukDateField, VersionedForm
from included.core.text import text_with_size_from_setting
from included.core.validators import no_hidden_characters
from included.frameworks.models import FrameworkVersion

from .enums import ActionStatus, Involvement
from .uploads import check_evidence_file

STATEMENT_MAX = 3000
EVIDENCE_MAX = 6000
NOTE_MAX = 2000


class SignUpForm(forms.Form):
    framework_version = forms.ModelChoiceField(
        label="Which framework are you signing up to?",
        queryset=FrameworkVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a framework", "invalid_choice": "Choose one of the frameworks listed"},
    )
    lead_name = forms.CharField(
        label="Who will lead this for your organisation?",
        max_length=150,
        help_text=(
            "Give the name of one person. They do not need to be senior. Their name will be on the public register."
        ),
        error_messages={"required": "Enter the name of the person who will lead this"},
        validators=[no_hidden_characters],
    )
    lead_role = forms.CharField(label="Their job or role (optional)", max_length=150, required=False)
    statement = forms.CharField(
        label="What does inclusion mean for your organisation?",
        help_text="This will be public. Say it in your own words, in a few sentences.",
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what inclusion means for your organisation"},
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework_version"].queryset = versions
        self.fields["framework_version"].label_from_instance = lambda v: f"{v.framework.name} (version {v.version})"


class StatementForm(VersionedForm):
    lead_name = SignUpForm.base_fields["lead_name"]
    lead_role = SignUpForm.base_fields["lead_role"]
    statement = SignUpForm.base_fields["statement"]


class ItemForm(VersionedForm):
    """One framework item: where you are, where you aim to be, and how you know."""

    rating = forms.TypedChoiceField(
        label="Where are you now?",
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the levels listed"},
    )
    target = forms.TypedChoiceField(
        label="Where do you aim to be by your next self-assessment? (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the levels listed"},
    )
    evidence = forms.CharField(
        label="How do you know? (evidence)",
        required=False,
        max_length=EVIDENCE_MAX,
        help_text="Say what you do and what changed. Stories count as evidence.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    evidence_links = forms.CharField(
        label="Links to evidence (optional)",
        required=False,
        max_length=3000,
        help_text="One web address on each line, starting with https://",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = forms.FileField(
        label="Add a file (optional)",
        required=False,
        help_text=text_with_size_from_setting(
            "A PDF, Word, OpenDocument, text, CSV, PNG or JPEG file, up to {}.", "EVIDENCE_MAX_BYTES"
        ),
    )
    involvement = forms.ChoiceField(
        label="Did people with lived experience take part in this answer?",
        required=False,
        choices=Involvement.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers listed"},
    )
    involvement_note = forms.CharField(
        label="How did they take part? (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # The real type of the file sent, once it is checked.
    evidence_content_type = ""

    def __init__(self, *args, framework_version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = framework_version.rating_choices()
        self.fields["target"].choices = framework_version.rating_choices()

    def clean_evidence_links(self):
        lines = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["https", "http"])
        for number, line in enumerate(lines, start=1):
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"Line {number} is not a web address. Start each link with https://"
                ) from None
        return "\n".join(lines)

    def clean_evidence_file(self):
        uploaded = self.cleaned_data.get("evidence_file")
        if uploaded:
            self.evidence_content_type = check_evidence_file(uploaded, settings.EVIDENCE_MAX_BYTES)
        return uploaded

    def answers(self):
        data = {
            field: self.cleaned_data.get(field)
            for field in ("rating", "target", "evidence", "evidence_links", "involvement", "involvement_note")
        }
        for text_field in ("evidence", "evidence_links", "involvement", "involvement_note"):
            data[text_field] = (data[text_field] or "").strip()
        return data


class ActionForm(forms.Form):
    form_token = FormTokenField()
    what = forms.CharField(
        label="What will you do?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what you will do"},
    )
    who = forms.CharField(
        label="Who will do it?",
        max_length=150,
        help_text="A name or a role.",
        error_messages={"required": "Say who will do it"},
    )
    due = GovukDateField(label="By when? (optional)", required=False, help_text="For example, 27 3 2027")


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status", "invalid_choice": "Choose one of the statuses listed"},
    )


REASON_MAX_LENGTH = 2000


class DecisionForm(forms.Form):
    """The version of the statement the coordinator read, so a decision is never about words they did not see."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )


class SendBackForm(DecisionForm):
    reason = forms.CharField(
        label="Why are you sending it back?",
        help_text="The organisation's admins see this. Say what to change, kindly and clearly.",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Say why you are sending the statement back",
            "max_length": f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer",
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why you are sending the statement back")
        return reason
