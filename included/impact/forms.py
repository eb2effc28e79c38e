from django import forms

from included.core.forms import GovukDateField, VersionedForm
from included.organisations.enums import Sector, Size

from .enums import Background, FactKind
from .models import EVIDENCE_URL_LENGTH

LONGEST_SECTION = 20000
LARGEST_COUNT = 10_000_000


class DashboardFilters(forms.Form):
    """The dashboard's filters, sent in the address (GET), so they work without JavaScript and can be shared."""

    framework = forms.TypedChoiceField(label="Framework", coerce=int, required=False)
    year = forms.TypedChoiceField(label="Self-assessments sent in", coerce=int, required=False)
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])
    size = forms.ChoiceField(label="Size", required=False, choices=[("", "All sizes"), *Size.choices])

    def __init__(self, *args, versions, years, by_group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [(v.pk, v.framework.name) for v in versions]
        self.fields["year"].choices = [(year, str(year)) for year in years]
        if not by_group:
            # Sector and size are for coordinators: with them, two public views could be taken one from the other
            # to give away a small number. See docs/impact.md.
            del self.fields["sector"]
            del self.fields["size"]


class PartnershipFactForm(forms.Form):
    kind = forms.ChoiceField(
        label="What happened",
        choices=FactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened", "invalid_choice": "Choose one of the options listed"},
    )
    description = forms.CharField(
        label="Say what it was",
        help_text="For example, the name of the plan or contract and what it says about inclusion.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what it was"},
    )
    happened_on = GovukDateField(label="When it happened", help_text="For example, 27 3 2026")
    evidence_url = forms.URLField(
        label="A web page that shows it",
        help_text="The plan, the contract notice or the grant announcement, starting with https://",
        max_length=EVIDENCE_URL_LENGTH,
        assume_scheme="https",
        error_messages={"required": "Give a web page that shows it", "invalid": "Enter a web address"},
    )
    amount = forms.DecimalField(
        label="Amount in pounds (optional)",
        help_text="Only for money put into community groups.",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": "Enter an amount in pounds, like 1500 or 1500.50"},
    )


class ReportSectionForm(VersionedForm):
    text = forms.CharField(
        label="Your words",
        required=False,
        max_length=LONGEST_SECTION,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class StartReportForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Which year is the report about?",
        coerce=int,
        error_messages={"required": "Choose a year", "invalid_choice": "Choose one of the years listed"},
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class SocialMobilityForm(forms.Form):
    cycle = forms.TypedChoiceField(
        label="Which self-assessment are these figures for?",
        coerce=int,
        error_messages={"required": "Choose a self-assessment", "invalid_choice": "Choose one of those listed"},
    )
    collected_on = GovukDateField(label="When you asked your staff", help_text="For example, 27 3 2026")

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [
            (c.pk, f"Cycle {c.number}, {c.sign_up.framework_version.framework.short_name}") for c in cycles
        ]
        for background in Background:
            self.fields[background.value] = forms.IntegerField(
                label=f"{background.label}: how many people",
                min_value=0,
                max_value=LARGEST_COUNT,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "required": f"Enter how many people, or 0 ({background.label.lower()})",
                    "invalid": f"Enter a whole number ({background.label.lower()})",
                    "min_value": f"The number cannot be below 0 ({background.label.lower()})",
                    "max_value": f"The number is too big ({background.label.lower()})",
                },
            )
