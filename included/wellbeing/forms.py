from django import forms

from .questions import QUESTIONS, SCALE

CHOICES = [(str(n), str(n)) for n in SCALE]


def _score_field(question):
    return forms.TypedChoiceField(
        label=question.text,
        help_text="0 is not at all, 10 is completely.",
        choices=CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Choose a number from 0 to 10 for: {question.short.lower()}",
            "invalid_choice": f"Choose a number from 0 to 10 for: {question.short.lower()}",
        },
    )


class AnswersForm(forms.Form):
    counts_in_partnership_figures = forms.BooleanField(
        label="Yes, you can count these numbers in the partnership's figures, without my name",
        help_text=(
            "The partnership only sees totals about 10 or more people, never one person's answers. "
            "If you leave this empty, your answers are only for you."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {q.key: _score_field(q) for q in QUESTIONS}
        fields["counts_in_partnership_figures"] = self.fields.pop("counts_in_partnership_figures")
        self.fields = fields

    def scores(self):
        return {q.key: self.cleaned_data[q.key] for q in QUESTIONS}
