"""The forms of commissioning. Every error says what to do next, in plain words; nothing typed is lost."""

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from included.coproduction.enums import Recognition
from included.coproduction.forms import HoursField, PoundsField, date_field, radios
from included.core.forms import FormTokenField, VersionedForm
from included.core.validators import no_hidden_characters
from included.organisations.enums import Sector

from . import scoring
from .enums import PanelRole, QuestionKind, RoundKind
from .services import CHANGEABLE

TEXT_LIMIT = 3000
ANSWER_LIMIT = 2500
LINE_BREAKS = str.maketrans("", "", "\r\n\t")
BIGGEST_AMOUNT = Decimal("9999999999.99")


def no_hidden_characters_in_text(value):
    no_hidden_characters(value.translate(LINE_BREAKS))


def text_box(label, *, missing, limit=TEXT_LIMIT, noun="Your answer", help_text="", required=True, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[no_hidden_characters_in_text],
        error_messages={
            "required": missing,
            "max_length": f"{noun} must be {limit:,} characters or fewer. You have typed %(show_value)d characters",
        },
    )


def line(label, *, missing, limit=200):
    return forms.CharField(
        label=label,
        max_length=limit,
        validators=[no_hidden_characters],
        error_messages={"required": missing, "max_length": f"{label} must be {limit} characters or fewer"},
    )


def pounds(label, what, *, required=True, help_text=""):
    return PoundsField(label=label, what=what, max_digits=12, required=required, help_text=help_text)


class RoundDetailsForm(forms.Form):
    """A round's words, money and dates: asked when it is opened, and changeable until it closes."""

    title = line("Name of the round", missing="Enter a name for the round")
    purpose = text_box("What the money is for", missing="Say what the money is for", noun="What the money is for")
    eligibility = text_box(
        "Who can apply",
        missing="Say who can apply",
        noun="Who can apply",
        help_text="In plain words, as applicants read it.",
    )
    eligible_sectors = forms.MultipleChoiceField(
        label="Kinds of organisation that can apply (optional)",
        help_text="Choose none to let every kind of member apply.",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the kinds listed"},
    )
    total_amount = pounds("Money in the round, in pounds", "the money in the round")
    largest_award = pounds("Most one application can ask for, in pounds", "the most one application can ask for")
    small_grant_limit = pounds(
        "Small grants up to, in pounds",
        "the small grants limit",
        help_text="Anyone asking for this much or less fills in the short form: no accounts, policies or turnover.",
    )
    minimum_turnover = pounds(
        "Income applicants must have, in pounds (optional)",
        "the income applicants must have",
        required=False,
        help_text="Leave this empty unless you really need it. Small groups often have little income.",
    )
    insurance_required = pounds(
        "Insurance cover applicants must hold, in pounds (optional)",
        "the insurance cover",
        required=False,
        help_text="For example, public liability cover. Leave this empty if the work needs none.",
    )
    opens_on = date_field("Opens on")
    closes_on = date_field("Closes on")

    # A round's details are the same when it is opened as what may be changed until it closes.
    DETAILS = CHANGEABLE

    def clean(self):
        cleaned = super().clean()
        total, largest, small = (cleaned.get(name) for name in ("total_amount", "largest_award", "small_grant_limit"))
        if total is not None and total <= 0:
            self.add_error("total_amount", "The money in the round must be more than 0")
        if largest is not None and largest <= 0:
            self.add_error("largest_award", "The most one application can ask for must be more than 0")
        if total and largest and largest > total:
            self.add_error("largest_award", "The most one application can ask for cannot be more than the round holds")
        if small is not None and largest and small > largest:
            self.add_error("small_grant_limit", "The small grants limit cannot be more than the most one can ask for")
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return cleaned

    def details(self):
        data = self.cleaned_data
        return {name: data.get(name) for name in self.DETAILS} | {"title": " ".join(data["title"].split())}


class OpenRoundForm(RoundDetailsForm):
    field_order = ["form_token", "organisation", "kind", *RoundDetailsForm.DETAILS, "scoring_framework"]

    form_token = FormTokenField()
    organisation = forms.ChoiceField(
        label="Which organisation is opening it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the organisation", "invalid_choice": "Choose the organisation"},
    )
    kind = radios("Kind of round", RoundKind.choices, missing="Choose a grants programme or a tender")
    scoring_framework = forms.ChoiceField(
        label="How applications are scored",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how applications are scored",
            "invalid_choice": "Choose how applications are scored",
        },
    )

    def __init__(self, *args, organisations, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.frameworks = {str(f.pk): f for f in frameworks}
        self.fields["organisation"].choices = [(key, o.name) for key, o in self.organisations.items()]
        self.fields["scoring_framework"].choices = [(key, str(f)) for key, f in self.frameworks.items()]
        if len(self.organisations) == 1:
            self.fields["organisation"].initial = next(iter(self.organisations))
        if len(self.frameworks) == 1:
            self.fields["scoring_framework"].initial = next(iter(self.frameworks))

    def service_details(self):
        data = self.cleaned_data
        return self.details() | {
            "kind": data["kind"],
            "scoring_framework": self.frameworks[data["scoring_framework"]],
        }


class ChangeRoundForm(VersionedForm, RoundDetailsForm):
    """Change a round until it closes. It sends back the version it showed, so nobody's change is lost."""

    field_order = [*RoundDetailsForm.DETAILS, "version"]

    def clean(self):
        cleaned = super().clean()
        closes = cleaned.get("closes_on")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", "The closing date cannot be in the past")
        return cleaned


class WithdrawRoundForm(forms.Form):
    reason = text_box(
        "Why are you withdrawing the round?",
        missing="Say why you are withdrawing the round",
        noun="Your reason",
        help_text="Everyone who applied reads this, on the round's page and in an email.",
        limit=2000,
    )


class LotForm(forms.Form):
    title = line("Name of the lot", missing="Enter a name for the lot")
    description = text_box("What this lot covers (optional)", missing="", required=False, noun="What it covers", rows=3)
    amount = pounds("Money in this lot, in pounds", "the money in this lot")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("The money in this lot must be more than 0")
        return amount


class ApplicationForm(forms.Form):
    """The short form for small grants; for larger amounts, two more questions (turnover and policies)."""

    form_token = FormTokenField()
    lot = forms.ChoiceField(
        label="Which lot are you applying for?",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose one of the lots"},
    )
    title = line("Name of your project", missing="Enter a name for your project", limit=140)
    summary = text_box(
        "What the money will pay for", missing="Say what the money will pay for", noun="What it pays for"
    )
    amount_requested = pounds("How much are you asking for, in pounds?", "how much you are asking for")
    annual_turnover = pounds(
        "Your organisation's income last year, in pounds (larger grants only)",
        "your income last year",
        required=False,
        help_text="Leave this empty if you are asking for a small grant.",
    )
    policies = text_box(
        "Your safeguarding and equality policies (larger grants only)",
        missing="",
        required=False,
        noun="Your policies",
        help_text="Say where to read them, or what they say. Leave this empty if you are asking for a small grant.",
        rows=3,
    )
    evidence_consent = forms.BooleanField(
        label="Attach what Included shows about us: our sign-ups, our latest self-assessment and its review, "
        "what we pay people for co-production and how often we tell people what changed",
        required=False,
        help_text="The panel sees it as it is on the day you send this. You can apply without it.",
    )

    def __init__(self, *args, round, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.scheme = scheme
        self.lots = {str(lot.pk): lot for lot in round.lots.all()}
        if self.lots:
            self.fields["lot"].choices = [(key, f"{lot.title} (£{lot.amount:,.0f})") for key, lot in self.lots.items()]
            self.fields["lot"].required = True
            self.fields["lot"].error_messages["required"] = "Choose the lot you are applying for"
        else:
            del self.fields["lot"]
        for criterion in scheme.criteria:
            self.fields[self.answer_name(criterion)] = text_box(
                criterion.question,
                missing=f"Answer the question: {criterion.question}",
                limit=ANSWER_LIMIT,
                help_text=f"{criterion.title}: {criterion.weight} marks out of 100.",
            )

    @staticmethod
    def answer_name(criterion):
        return "answer_" + criterion.key.replace("-", "_")

    def answer_fields(self):
        return [self[self.answer_name(criterion)] for criterion in self.scheme.criteria]

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("amount_requested")
        if amount is not None:
            if amount <= 0:
                self.add_error("amount_requested", "Ask for more than 0")
            elif amount > self.round.largest_award:
                self.add_error(
                    "amount_requested", f"You can ask for up to £{self.round.largest_award:,.2f} in this round"
                )
            elif not self.round.uses_short_form(amount):
                if cleaned.get("annual_turnover") is None:
                    self.add_error("annual_turnover", "Enter your income last year: it is asked for larger grants")
                if not cleaned.get("policies"):
                    self.add_error("policies", "Say where to read your policies: they are asked for larger grants")
        return cleaned

    def service_details(self):
        data = self.cleaned_data
        return {
            "lot": self.lots.get(data.get("lot") or ""),
            "title": " ".join(data["title"].split()),
            "summary": data["summary"],
            "amount_requested": data["amount_requested"],
            "annual_turnover": data.get("annual_turnover"),
            "policies": data.get("policies", ""),
            "evidence_consent": data["evidence_consent"],
            "answers": {criterion.key: data[self.answer_name(criterion)] for criterion in self.scheme.criteria},
        }


class PanelMemberForm(forms.Form):
    person = forms.ChoiceField(
        label="Who", widget=forms.RadioSelect, error_messages={"required": "Choose who", "invalid_choice": "Choose who"}
    )
    recognition = radios(
        "How will you thank them for their time?", Recognition.choices, missing="Choose how you will thank them"
    )
    hours_given = HoursField(label="Hours (optional)", what="the hours", required=False)
    hourly_rate = PoundsField(label="Pay per hour, in pounds (optional)", what="the pay per hour", required=False)
    voucher_value = PoundsField(
        label="Value of vouchers, in pounds (optional)", what="the vouchers' value", required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        # candidates: [(value, label, user, role)]
        self.candidates = {value: (user, role) for value, _, user, role in candidates}
        self.fields["person"].choices = [(value, label) for value, label, _, _ in candidates]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recognition") == Recognition.PAID_HOURLY and not cleaned.get("hourly_rate"):
            self.add_error("hourly_rate", "Enter the pay per hour")
        if cleaned.get("recognition") == Recognition.VOUCHERS and cleaned.get("voucher_value") is None:
            self.add_error("voucher_value", "Enter the value of the vouchers")
        return cleaned

    def service_details(self):
        data = self.cleaned_data
        user, role = self.candidates[data["person"]]
        return (
            user,
            role,
            {
                "recognition": data["recognition"],
                "hours_given": data.get("hours_given"),
                "hourly_rate": data.get("hourly_rate"),
                "voucher_value": data.get("voucher_value"),
            },
        )


YES, NO = "yes", "no"


class DeclarationForm(forms.Form):
    has_conflict = radios(
        "Do you have a conflict of interest with this application?",
        [(NO, "No"), (YES, "Yes")],
        missing="Say whether you have a conflict of interest",
        help_text="For example, you work for, volunteer with or are related to someone at the organisation.",
    )
    details = text_box("If yes, what is it? (optional)", missing="", required=False, noun="What it is", rows=3)


class ScoreForm(forms.Form):
    """One score per criterion, from the scheme's scale, each score's meaning shown beside it."""

    def __init__(self, *args, scheme, with_reasons=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        for criterion in scheme.criteria:
            self.fields[self.score_name(criterion)] = forms.TypedChoiceField(
                label=f"{criterion.title} ({criterion.weight} marks)",
                help_text=criterion.question,
                choices=[
                    (level.score, f"{level.score}, {level.name}: {criterion.descriptor(level.score)}")
                    for level in scheme.scale
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose a score for {criterion.title}",
                    "invalid_choice": f"Choose a score for {criterion.title}",
                },
            )
        if with_reasons:
            self.fields["reasons"] = text_box(
                "Why the panel agreed these scores", missing="Say why the panel agreed these scores", noun="The reasons"
            )
        else:
            self.fields["comments"] = text_box(
                "Your comments (optional)", missing="", required=False, noun="Your comments"
            )

    @staticmethod
    def score_name(criterion):
        return "score_" + criterion.key.replace("-", "_")

    def scores(self):
        return {criterion.key: self.cleaned_data[self.score_name(criterion)] for criterion in self.scheme.criteria}


AWARD, DECLINE = "award", "decline"


class DecisionForm(forms.Form):
    decision = radios("Decision", [(AWARD, "Award"), (DECLINE, "Do not fund")], missing="Choose award or do not fund")
    amount_awarded = pounds("Amount awarded, in pounds (if you award)", "the amount awarded", required=False)
    reasons = text_box("The reasons for the decision", missing="Give the reasons for the decision", noun="The reasons")
    feedback = text_box(
        "Feedback for the applicant",
        missing="Give the applicant some feedback: every applicant gets some",
        noun="The feedback",
        help_text="What was strong, and what would make a future application stronger.",
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("amount_awarded")
        if cleaned.get("decision") == AWARD:
            if not amount or amount <= 0:
                self.add_error("amount_awarded", "Enter the amount awarded")
            elif self.application and amount > self.application.round.largest_award:
                self.add_error("amount_awarded", "The amount is more than this round allows for one application")
        return cleaned


class QuestionForm(forms.Form):
    kind = radios("What is it?", QuestionKind.choices, missing="Choose a question or an appeal")
    text = text_box("What would you like to ask or say?", missing="Enter your question or appeal", noun="Your words")


class AnswerForm(forms.Form):
    answer = text_box("Your answer", missing="Enter your answer", noun="Your answer")


class RoundFilterForm(forms.Form):
    OPEN, ALL = "open", "all"
    show = forms.ChoiceField(
        label="Show",
        choices=[(OPEN, "Rounds open now"), (ALL, "All rounds")],
        required=False,
        widget=forms.Select,
    )

    def chosen(self):
        if self.is_valid() and self.cleaned_data.get("show") == self.ALL:
            return self.ALL
        return self.OPEN


PANEL_ROLE_LABELS = dict(PanelRole.choices)


class ScoringFrameworkForm(forms.Form):
    """A new version of a scoring framework: its name and version, and each criterion's words, weight and what each
    score means. Built from the version it starts from; the scale and which criteria count as social value stay."""

    name = line("Name", missing="Enter a name", limit=200)
    version = forms.CharField(
        label="Name of this version",
        help_text="For example, 2 or 2026-riverside. It must be new.",
        max_length=30,
        validators=[
            no_hidden_characters,
            RegexValidator(
                scoring.VERSION_PATTERN,
                "Use letters and numbers, joined by dots, hyphens or underscores, like 2 or 2026-riverside",
            ),
        ],
        error_messages={"required": "Name this version", "max_length": "The version must be 30 characters or fewer"},
    )

    def __init__(self, *args, base, **kwargs):
        super().__init__(*args, **kwargs)
        self.base = base
        scheme = scoring.parse(base)
        self.scheme = scheme
        self.fields["name"].initial = scheme.name
        self.criterion_fields = []
        for number, criterion in enumerate(scheme.criteria, start=1):
            prefix = f"c{number}_"
            self.fields[prefix + "title"] = line(f"Criterion {number}: title", missing="Enter a title", limit=200)
            self.fields[prefix + "title"].initial = criterion.title
            self.fields[prefix + "question"] = text_box(
                f"Criterion {number}: the question applicants answer", missing="Enter the question", limit=1000, rows=2
            )
            self.fields[prefix + "question"].initial = criterion.question
            self.fields[prefix + "weight"] = forms.IntegerField(
                label=f"Criterion {number}: marks out of 100",
                min_value=1,
                max_value=scoring.TOTAL_WEIGHT,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                error_messages={
                    "required": "Enter the marks",
                    "invalid": "Enter the marks as a whole number",
                    "min_value": "Give each criterion at least 1 mark",
                    "max_value": "A criterion can have at most 100 marks",
                },
            )
            self.fields[prefix + "weight"].initial = criterion.weight
            names = [prefix + "title", prefix + "question", prefix + "weight"]
            for level in scheme.scale:
                name = f"{prefix}score_{level.score}"
                self.fields[name] = text_box(
                    f"Criterion {number}: what a score of {level.score} ({level.name}) means",
                    missing="Say what this score means",
                    limit=1000,
                    rows=2,
                )
                self.fields[name].initial = criterion.descriptor(level.score)
                names.append(name)
            self.criterion_fields.append((criterion, names))

    def sections(self):
        return [(criterion, [self[name] for name in names]) for criterion, names in self.criterion_fields]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.content = self.to_content(cleaned)
            scoring.parse(self.content)
        except scoring.ScoringFileError as problems:
            for problem in problems.problems:
                self.add_error(None, problem)
        return cleaned

    def to_content(self, cleaned):
        content = {key: value for key, value in self.base.items() if key != "criteria"}
        content["name"] = " ".join(cleaned["name"].split())
        content["version"] = cleaned["version"].strip()
        criteria = []
        for number, (criterion, _) in enumerate(self.criterion_fields, start=1):
            prefix = f"c{number}_"
            criteria.append(
                {
                    "key": criterion.key,
                    "title": " ".join(cleaned[prefix + "title"].split()),
                    "question": cleaned[prefix + "question"],
                    "weight": cleaned[prefix + "weight"],
                    "social_value": criterion.social_value,
                    "source": criterion.source,
                    "descriptors": {
                        level.score: cleaned[f"{prefix}score_{level.score}"] for level in self.scheme.scale
                    },
                }
            )
        content["criteria"] = criteria
        return content
