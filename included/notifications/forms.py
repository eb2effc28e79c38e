from django import forms

from .enums import Frequency
from .kinds import KINDS


class EmailChoicesForm(forms.Form):
    """One question for each kind of email: straight away, once a week, or never."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, kind_of_email in KINDS.items():
            label = kind_of_email.label
            self.fields[kind] = forms.ChoiceField(
                label=label,
                help_text=kind_of_email.hint,
                choices=Frequency.choices,
                initial=current[kind],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose how you want emails about this: {label.lower()}",
                    "invalid_choice": f"Choose one of the answers for: {label.lower()}",
                },
            )
