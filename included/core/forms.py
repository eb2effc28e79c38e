"""One way to render every form: GOV.UK Frontend 6 markup from Django's template-based form rendering."""

import datetime
import re
import secrets

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}

# GOV.UK's name for each list of choices, used in its class names.
CHOICE_KINDS = {"radioselect": "radios", "checkboxselectmultiple": "checkboxes"}


class GovukBoundField(BoundField):
    """Adds GOV.UK classes and points aria-describedby at the hint and error message by GOV.UK's ids."""

    @property
    def hint_id(self):
        return f"{self.auto_id}-hint"

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    @property
    def describedby(self):
        ids = []
        if self.help_text:
            ids.append(self.hint_id)
        if self.errors:
            ids.append(self.error_id)
        if self.character_count_limit:
            ids.append(f"{self.auto_id}-info")
        return " ".join(ids)

    @property
    def choice_kind(self):
        """GOV.UK's name for a list of choices ("radios" or "checkboxes"), or empty for any other field."""
        return CHOICE_KINDS.get(self.widget_type, "")

    @property
    def character_count_limit(self):
        if self.widget_type == "textarea":
            return getattr(self.field, "max_length", None)
        return None

    @property
    def first_input_id(self):
        """Where the error summary's link should land."""
        if self.widget_type in {"radioselect", "checkboxselectmultiple"}:
            return f"{self.auto_id}_0"
        if self.widget_type == "govukdate":
            return f"{self.auto_id}_0"
        return self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        attrs.pop("aria-describedby", None)
        if self.widget_type == "govukdate":
            # Each box keeps its own width class; the widget adds the error class to every box.
            if self.errors:
                attrs[GovukDateWidget.ERROR_ATTR] = True
            return attrs
        css = INPUT_CLASSES.get(self.widget_type, "")
        if css:
            classes = [attrs.get("class", ""), css]
            if self.errors and css in ERROR_CLASSES:
                classes.append(ERROR_CLASSES[css])
            if self.character_count_limit:
                classes.append("govuk-js-character-count")
            attrs["class"] = " ".join(c for c in classes if c).strip()
        if self.describedby and not self.use_fieldset and self.widget_type != "govukdate":
            attrs["aria-describedby"] = self.describedby
        return attrs


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = GovukBoundField


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes, as GOV.UK's date input pattern asks."""

    template_name = "core/forms/date_widget.html"
    use_fieldset = True
    ERROR_ATTR = "data-govuk-has-error"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        has_error = attrs.pop(self.ERROR_ATTR, False)
        context = super().get_context(name, value, attrs)
        for subwidget, label, own in zip(
            context["widget"]["subwidgets"], ("Day", "Month", "Year"), self.widgets, strict=True
        ):
            subwidget["label"] = label
            classes = own.attrs["class"] + (" govuk-input--error" if has_error else "")
            subwidget["attrs"]["class"] = classes
        return context


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    default_error_messages = {
        "invalid": "Enter a real date, like 27 3 2027.",
        "incomplete": "Enter a day, month and year.",
    }

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2200),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        parts = [str(part or "").strip() for part in value] if isinstance(value, (list, tuple)) else []
        if any(parts) and not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            # The day, month and year boxes have number checks whose messages ("Ensure this value is less than
            # or equal to 12.") are not written for people: one plain message replaces them.
            own = {self.error_messages[key] for key in ("required", "incomplete", "invalid")}
            if all(message in own for message in error.messages):
                raise
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


def first_error_target(form):
    """The id the error summary links to for each field with an error, in the form's order."""
    return [
        (form[name].first_input_id, error) for name in form.errors if name in form.fields for error in form.errors[name]
    ]


# Error messages shared by forms that ask for a person's name or email address.
EMAIL_ERRORS = {
    "required": "Enter their email address",
    "invalid": "Enter an email address in the right format, like name@example.com",
    "max_length": "The email address must be 254 characters or fewer",
}


def name_errors(what, limit):
    return {
        "required": f"Enter {what}",
        "max_length": f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer",
    }


OUT_OF_DATE = "This page is out of date. Open it again to see what is saved now, then make your change."


class VersionedForm(forms.Form):
    """A form that changes a record people share. It sends back the version of the record it showed, so a save made
    after someone else's is caught instead of overwriting it (see core.versions)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )

    def clean(self):
        cleaned = super().clean()
        # The version is hidden, so a problem with it is told at the top of the form, where people can see it.
        if "version" in self._errors:
            del self._errors["version"]
            self.add_error(None, OUT_OF_DATE)
        return cleaned

    @property
    def expected_version(self):
        return self.cleaned_data["version"]

    def changes(self):
        """What the person typed, without the version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def new_form_token():
    return secrets.token_urlsafe(24)


class FormTokenField(forms.CharField):
    """A hidden one-time token that names this copy of a form, so sending it twice acts once (core.receipts).

    Each new copy of the form gets a new token; a form shown again with its errors keeps the one it was sent
    with. Anything that does not look like a token is dropped quietly: the form is then acted on as before.
    """

    widget = forms.HiddenInput
    LOOKS_LIKE_A_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=new_form_token, **kwargs)

    def clean(self, value):
        value = (value or "").strip() if isinstance(value, str) else ""
        return value if self.LOOKS_LIKE_A_TOKEN.fullmatch(value) else ""


class SearchForm(forms.Form):
    """A search box for a long list. Sent with GET, so it works without JavaScript and the address can be shared.

    A subclass adds one field made by `search_field` and names it in `search_field_name`.
    """

    search_field_name = "q"

    def chosen_text(self):
        """The text typed, or "" if none (or too long: its error is shown)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data[self.search_field_name].strip()


def search_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=100,
        required=False,
        error_messages={"max_length": "Type no more than 100 characters"},
    )
