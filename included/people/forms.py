"""The person's forms. Every error says what to do next, and nothing typed is lost."""

from django import forms
from django.contrib.auth import get_user_model

from included.core.forms import SearchForm, search_field
from included.joining.forms import no_hidden_characters_in_text

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


class PersonChoiceField(forms.ModelMultipleChoiceField):
    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        # A number too large for the database would fail in the query itself, not as a choice from the list.
        for item in value:
            text = str(item)
            if not text.isdigit() or int(text) > self.LARGEST_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)

    def label_from_instance(self, obj):
        return obj.name or obj.email


class OrganisationSearchForm(SearchForm):
    q = search_field("Find an organisation", "Type all or part of its name.")


class ShareForm(forms.Form):
    """Step 2 of sharing: the organisation is already chosen (step 1 is a search or a link the person has)."""

    EVERYONE = "everyone"
    ONLY = "only"
    # More people than this at an organisation, and step 2 shows a search instead of a box for each of them.
    MOST_BOXES = 20

    organisation = forms.IntegerField(widget=forms.HiddenInput)
    audience = forms.ChoiceField(
        label="Who there can see it?",
        choices=[(EVERYONE, "Everyone who works there"), (ONLY, "Only the people I choose")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who there can see it", "invalid_choice": "Choose who from the list"},
    )
    people = PersonChoiceField(
        label="Which people?",
        help_text="If you chose “Only the people I choose”, tick them. Nobody else there can see it.",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick people from the list", "invalid_pk_value": "Tick people from the list"},
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

    def __init__(self, *args, organisation, people, find="", **kwargs):
        """`people`: who the person may name there (a queryset; empty when the names are not theirs to see).
        `find`: part of a name, to show only the people who match when there are many."""
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["people"].queryset = people
        self.can_name_people = not people.query.is_empty()
        self.many_people = self.can_name_people and people.count() > self.MOST_BOXES
        self.find = find
        self.people_shown = 0
        if self.many_people:
            self._show_only_some(people, find)
        if not self.can_name_people:
            # Nobody to name: everyone there it is, and the page says why.
            self.fields["audience"].required = False
            self.fields["audience"].widget = forms.HiddenInput()
        self.fields["sections"].choices = [(key, section.label) for key, section in shareable_sections().items()]

    def _show_only_some(self, people, find):
        """A box for the people whose name matches `find` (at most MOST_BOXES), and for anyone already ticked, so
        a long list never becomes hundreds of boxes. Any of the organisation's people may still be sent."""
        ticked = [value for value in self.data.getlist(self.add_prefix("people")) if str(value).isdigit()][:50]
        field = self.fields["people"]
        shown = list(people.filter(name__icontains=find)[: self.MOST_BOXES]) if find else []
        shown += [person for person in people.filter(pk__in=ticked) if person not in shown]
        field.widget.choices = [(person.pk, field.label_from_instance(person)) for person in shown]
        self.people_shown = len(shown)

    def clean_organisation(self):
        if self.cleaned_data["organisation"] != self.organisation.pk:
            raise forms.ValidationError("Choose the organisation again")
        return self.organisation

    def clean(self):
        cleaned = super().clean()
        audience, chosen = cleaned.get("audience"), cleaned.get("people")
        if audience == self.ONLY and not chosen and "people" not in self.errors:
            self.add_error("people", "Tick at least one person, or choose “Everyone who works there”")
        if audience == self.EVERYONE and chosen:
            self.add_error(
                "audience", "You ticked people. Choose “Only the people I choose” if only they should see it"
            )
        return cleaned

    def named_people(self):
        return list(self.cleaned_data["people"]) if self.cleaned_data.get("audience") == self.ONLY else []


class ReviewerShareForm(forms.Form):
    """Step 2 of sharing with one lived-experience reviewer: what, and for how long."""

    reviewer = forms.IntegerField(widget=forms.HiddenInput)
    sections = ShareForm.base_fields["sections"]
    days = ShareForm.base_fields["days"]

    def __init__(self, *args, reviewer_role, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewer_role = reviewer_role
        self.fields["sections"].choices = [(key, section.label) for key, section in shareable_sections().items()]

    def clean_reviewer(self):
        if self.cleaned_data["reviewer"] != self.reviewer_role.pk:
            raise forms.ValidationError("Choose the reviewer again")
        return self.reviewer_role


class PeopleThereSearchForm(SearchForm):
    search_field_name = "who"
    who = search_field("Find a person there", "Type all or part of their name.")


class SharedPeopleSearchForm(SearchForm):
    q = search_field("Find a person", "Type all or part of their name.")
