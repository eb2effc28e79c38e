"""The person's forms. Every error says what to do next, and nothing typed is lost."""

from django import forms

from included.core.forms import SearchForm, search_field
from included.joining.forms import no_hidden_characters_in_text
from included.organisations.models import Organisation

from .enums import SHARE_PERIODS
from .models import Fact
from .registry import shareable_sections


class FactForm(forms.Form):
    text = forms.CharField(
        label="Your words",
        required=False,
        max_length=Fact.TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[no_hidden_characters_in_text],
        error_messages={
            "max_length": f"Your words must be {Fact.TEXT_LIMIT:,} characters or fewer. "
            "You have typed %(show_value)d characters",
        },
    )

    def __init__(self, *args, hint="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = hint


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.partnership.name})"


class ShareForm(forms.Form):
    organisation = OrganisationChoiceField(
        label="Who do you want to share with?",
        help_text="Choose the organisation. Only people who work there can see what you share.",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose who to share with",
            "invalid_choice": "Choose an organisation from the list",
        },
    )
    sections = forms.MultipleChoiceField(
        label="What do you want to share?",
        help_text="Tick the parts you want them to see. They cannot see the others.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick at least one part to share",
            "invalid_choice": "Tick the parts from the list",
        },
    )
    days = forms.TypedChoiceField(
        label="For how long?",
        help_text="After this, they cannot see it any more. You can stop sharing sooner.",
        choices=SHARE_PERIODS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long to share for", "invalid_choice": "Choose how long from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.active().select_related("partnership").order_by("partnership__name", "name")
        )
        self.fields["sections"].choices = [(key, section.label) for key, section in shareable_sections().items()]


class SharedPeopleSearchForm(SearchForm):
    q = search_field("Find a person", "Type all or part of their name.")
