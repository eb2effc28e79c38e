"""Forms for the lived-experience review: choosing reviewers, giving a view on each rating, finishing, responding.

Each form only checks what was typed. The services in services.py decide whether the change is allowed.
"""

from django import forms

from included.core.forms import GovukDateField, SearchForm, VersionedForm, search_field
from included.organisations.enums import Sector

from .enums import Verdict

COMMENT_MAX = 2000
SUMMARY_MAX = 3000
RESPONSE_MAX = 3000


class AssignReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label="Who should review this self-assessment?",
        help_text="Choose one or more people. People who belong to this organisation are not listed.",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one reviewer",
            "invalid_choice": "Choose reviewers from the list",
            "invalid_pk_value": "Choose reviewers from the list",
        },
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        field.queryset = reviewers
        field.label_from_instance = lambda user: f"{user.name} ({user.email})" if user.name else user.email


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Do you agree with this rating?",
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say if you agree with this rating or challenge it",
            "invalid_choice": "Choose one of the answers listed",
        },
    )
    comment = forms.CharField(
        label="Your comment",
        help_text=(
            "You must say why if you challenge the rating. If you agree, a comment is optional. "
            "The organisation will see your comment and your name."
        ),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"Your comment must be {COMMENT_MAX} characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        challenged = cleaned.get("verdict") == Verdict.CHALLENGE
        # A comment that was refused (too long, say) already has its own error; one message is enough.
        if challenged and "comment" not in self.errors and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say why you challenge this rating")
        return cleaned


class CompleteReviewForm(forms.Form):
    summary = forms.CharField(
        label="Anything else you want to say about this self-assessment? (optional)",
        help_text="For example, what the organisation does well, or what would help most. They will see this.",
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"Your overall comment must be {SUMMARY_MAX} characters or fewer"},
    )


CONFLICT_MAX = 1000


class ConflictForm(forms.Form):
    """Before starting: a conflict of interest, declared in the reviewer's own words, or none."""

    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this organisation?",
        help_text=(
            "For example, you work there or did, you have applied for a job there, or someone close to you works "
            "there. If you are not sure, say yes and tell us about it."
        ),
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say if you have a conflict of interest",
            "invalid_choice": "Choose yes or no",
        },
    )
    details = forms.CharField(
        label="If yes, what is it? (optional)",
        help_text="Only your coordinators see this.",
        required=False,
        max_length=CONFLICT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Keep it to {CONFLICT_MAX} characters or fewer"},
    )


class AwayForm(forms.Form):
    until = GovukDateField(
        label="Not available for new reviews until",
        help_text="For example, 27 3 2027. You do not need to say why.",
        error_messages={"required": "Enter the day you will be available again"},
    )


class ResponseForm(VersionedForm):
    """The organisation's answer to one challenge. One form per challenge, each with its own prefix."""

    response = forms.CharField(
        label="Your response",
        required=False,
        max_length=RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Your response must be {RESPONSE_MAX} characters or fewer"},
    )

    def __init__(self, *args, comment, **kwargs):
        initial = {"response": comment.response, "version": comment.version}
        super().__init__(*args, prefix=f"challenge-{comment.pk}", initial=initial, **kwargs)
        self.comment = comment
        self.fields["response"].label = f"Your response to {comment.review.reviewer.name}"

    def clean_response(self):
        response = self.cleaned_data["response"].strip()
        if not response and self.comment.response:
            raise forms.ValidationError("Your response cannot be empty. Write a response, or put back your earlier one")
        return response


class SectorFilterForm(forms.Form):
    """The register's filter. It is sent with GET, so it works without JavaScript and the address can be shared."""

    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "All sectors"), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a sector from the list"},
    )

    def chosen_sector(self):
        """The valid sector chosen, or None. A broken choice is ignored and its error shown."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["sector"] or None


class OrganisationSearchForm(SearchForm):
    """Find an organisation in a long list by part of its name."""

    search_field_name = "name"
    name = search_field("Find an organisation", "Type all or part of its name.")
