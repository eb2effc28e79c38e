"""Lists of choices are written by our own templates (core/forms/field.html, and Django's select in
included/templates), not through a template for each choice: the HTML must stay exactly what Django writes."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import escape

from included.core.forms import GovukFormRenderer


class Choices(forms.Form):
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", 'Red & <b>"bold"</b>'), ("blue", "Blue")], widget=forms.RadioSelect
    )
    access = forms.MultipleChoiceField(
        label="Access",
        choices=[("step_free", "Step-free"), ("loop", "Hearing loop"), ("<x>", "Odd & value")],
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.ChoiceField(
        label="Place",
        choices=[("", "Anywhere"), ("Towns", [("rv1", "Riverside"), ("rv2", 'Hill "top" & <dale>')])],
    )


def _lines(html):
    return [line.strip() for line in html.splitlines() if line.strip()]


@pytest.mark.parametrize("data", [{}, {"colour": "red", "access": ["step_free", "<x>"], "place": "rv2"}])
@pytest.mark.parametrize("name", ["colour", "access"])
def test_each_choice_is_the_input_django_writes(data, name):
    field = Choices(data or None)[name]
    html = field.as_field_group()
    choices = list(field)
    assert len(choices) == len(field.field.choices)
    for choice in choices:
        assert str(choice.tag()) in html
        assert f'for="{choice.id_for_label}">{escape(choice.choice_label)}</label>' in html
    assert len(re.findall(r"<input ", html)) == len(choices)


@pytest.mark.parametrize("value", ["", "rv2", "<dale>"])
def test_a_select_is_the_select_django_writes(value):
    widget = Choices.base_fields["place"].widget
    attrs = {"id": "id_place", "class": "govuk-select", "aria-describedby": "place-hint"}
    ours = widget.render("place", value, attrs, renderer=GovukFormRenderer())
    djangos = widget.render("place", value, attrs, renderer=DjangoTemplates())
    assert _lines(ours) == _lines(djangos)
    assert "<optgroup" in ours and ours.count("<option") == 3
