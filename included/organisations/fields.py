"""Form fields for an organisation's kind and size, shared by the profile and the invitation forms."""

from django import forms

from .enums import Sector, Size


def sector_field(help_text=""):
    return forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=Sector.choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={
            "required": "Choose what kind of organisation it is",
            "invalid_choice": "Choose one of the kinds of organisation listed",
        },
    )


def size_field():
    return forms.ChoiceField(
        label="How many people work or volunteer there?",
        choices=Size.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how many people work or volunteer there",
            "invalid_choice": "Choose one of the sizes listed",
        },
    )
