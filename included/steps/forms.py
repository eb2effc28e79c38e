"""Short forms in plain words. Every error says what to do next, and nothing typed is lost."""

from django import forms

from included.core.forms import FormTokenField, GovukDateField, SearchForm, search_field
from included.core.validators import no_hidden_characters

from .models import WORDS_LIMIT

LINE_BREAKS = str.maketrans("", "", "\r\n\t")


def _no_hidden_characters_in_text(value):
    no_hidden_characters(value.translate(LINE_BREAKS))


def words_field(label, *, help_text, missing):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_hidden_characters_in_text],
        error_messages={
            "required": missing,
            "max_length": f"Keep it to {WORDS_LIMIT} characters or fewer. You have typed %(show_value)d characters",
        },
    )


def day_field():
    return GovukDateField(
        label="A day you have in mind (optional)",
        help_text="For example, 27 3 2027. You can leave this empty. Nobody will tell you off if the day passes.",
        required=False,
    )


class GoalForm(forms.Form):
    words = words_field(
        "What would you like?",
        help_text="Say it in your own words. It can be big or small. For example, feel more confident on the phone.",
        missing="Write your goal in your own words",
    )
    form_token = FormTokenField()  # sending a new goal twice makes one (core.receipts)


class StepForm(forms.Form):
    words = words_field(
        "What is one small step?",
        help_text="Something small you could do. For example, look at one job advert with a friend.",
        missing="Write your step in your own words",
    )
    on_date = day_field()
    form_token = FormTokenField()  # sending a new step twice makes one (core.receipts)


class SuggestionForm(forms.Form):
    words = words_field(
        "What small step would you suggest?",
        help_text="The person decides if they want it. Use kind, plain words.",
        missing="Write the step you would suggest",
    )


class AddSuggestionForm(forms.Form):
    goal = forms.TypedChoiceField(
        label="Which goal is it for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the goal this step is for",
            "invalid_choice": "Choose one of your goals",
        },
    )
    on_date = day_field()

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = {goal.pk: goal for goal in goals}
        self.fields["goal"].choices = [(goal.pk, goal.words) for goal in goals]

    @property
    def chosen_goal(self):
        return self.goals[self.cleaned_data["goal"]]


class OrganisationSearchForm(SearchForm):
    q = search_field("Organisation's name", "Type part of the name of the organisation that supports you.")
