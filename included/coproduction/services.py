"""Every change to co-production records goes through these functions.

Each one first asks included.access whether the person acting (`by`) may make the change, and refuses with
`PermissionDenied` if not, whoever calls it: a view, the admin, the demo or a command. Then it checks the change makes
sense, makes it inside a transaction and writes an audit row. Views still ask the same rules early, to answer 403 or
404 before reading anything. The one change made elsewhere is the email task noting it has told a contributor
(`Response.record_email_sent`), so that this module imports tasks.py and tasks.py never imports this one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from included.access.rules import (
    can_change_living_wage_rates,
    can_contribute_through_link,
    can_delete_contribution,
    can_record_review_time,
    can_work_for,
    require,
)
from included.core import audit, public_cache
from included.core.receipts import create_once
from included.core.versions import EditConflict, update_if_unchanged

from .enums import (
    FEEDBACK_METHODS_RECORDED_BY_HAND,
    AccessSupport,
    ContributionSource,
    Decision,
    FeedbackMethod,
    Recognition,
    WageArea,
)
from .models import (
    Activity,
    Contribution,
    ContributionLink,
    FeedbackRecord,
    Response,
    ReviewPayment,
    hash_link_token,
)
from .tasks import tell_contributor_about_response

ACTIVITY_FIELDS = {
    "title",
    "purpose",
    "stage",
    "method",
    "ladder_rung",
    "invited_on",
    "held_on",
    "ends_on",
    "participants",
    "hours_given",
    "recognition",
    "hourly_rate",
    "voucher_value",
    "wage_area",
    "access_support",
    "access_support_other",
    "other_costs",
    "staff_hours",
}


class LinkSwitchedOff(PermissionDenied, ValidationError):
    """A switched-off link no longer gives anyone the right to add what they said.

    It is a refusal of permission, so a view that lets it through answers 403. It is a ValidationError too, so code
    that shows a refused link as a form error keeps working.
    """


def _tidy_activity(activity):
    """Drop details that no longer apply, so a changed answer never leaves a stale figure behind."""
    if activity.recognition != Recognition.PAID_HOURLY:
        activity.hourly_rate = None
    if activity.recognition != Recognition.VOUCHERS:
        activity.voucher_value = None
    activity.access_support = [value for value in AccessSupport.values if value in (activity.access_support or [])]
    if AccessSupport.OTHER not in activity.access_support:
        activity.access_support_other = ""


def record_activity(organisation, *, by, **details):
    """Record a new co-production activity for an organisation. Details not given yet can be added later."""
    require(can_work_for(by, organisation), "Only members of the organisation can record its co-production activities.")
    unknown = set(details) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity details: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        activity = Activity(organisation=organisation, created_by=by, **details)
        _tidy_activity(activity)
        activity.full_clean(exclude=["framework_items"])
        activity.save()
        audit.record(
            "coproduction.activity_recorded",
            actor=by,
            obj=activity,
            partnership=organisation.partnership,
            summary=f"{organisation}: recorded “{activity.title}”",
        )
    return activity


def update_activity(activity, *, by, expected_version=None, **changes):
    """Change some details of an activity. Only the fields given are written.

    `expected_version` is the version the person's form showed (by default, the version of `activity` as it was
    read). If someone saved the activity since, nothing changes and EditConflict holds what is saved now.
    """
    require(can_work_for(by, activity.organisation), "Only members of the organisation can change its activities.")
    unknown = set(changes) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity details: {', '.join(sorted(unknown))}")
    expected = activity.version if expected_version is None else expected_version
    with transaction.atomic():
        for name, value in changes.items():
            setattr(activity, name, value)
        _tidy_activity(activity)
        activity.full_clean(exclude=["framework_items"])
        written = set(changes) | {"hourly_rate", "voucher_value", "access_support", "access_support_other"}
        if not update_if_unchanged(activity, expected, **{name: getattr(activity, name) for name in sorted(written)}):
            raise EditConflict(current=Activity.objects.get(pk=activity.pk), attempted=changes)
        # An update sends no signal: clear the cached public pages once this commits.
        public_cache.bump_public_generation(activity.organisation.partnership_id)
        audit.record(
            "coproduction.activity_updated",
            actor=by,
            obj=activity,
            partnership=activity.organisation.partnership,
            summary=f"Changed “{activity.title}”: {', '.join(sorted(changes))}",
        )
    return activity


def set_activity_evidence(activity, framework_items, *, by, expected_version=None):
    """Say which self-assessment items an activity gives evidence for, replacing the earlier choice.

    The choice is part of the activity, so it takes the activity's version check too (see `update_activity`).
    """
    require(can_work_for(by, activity.organisation), "Only members of the organisation can change its activities.")
    items = list(framework_items)
    expected = activity.version if expected_version is None else expected_version
    with transaction.atomic():
        if not update_if_unchanged(activity, expected):
            raise EditConflict(current=Activity.objects.get(pk=activity.pk), attempted={"framework_items": items})
        activity.framework_items.set(items)
        audit.record(
            "coproduction.activity_evidence_set",
            actor=by,
            obj=activity,
            partnership=activity.organisation.partnership,
            summary=f"“{activity.title}” is evidence for {len(items)} item{pluralize(len(items))}",
            items=[item.pk for item in items],
        )
    return activity


def create_contribution_link(activity, *, by):
    """Make a new link people can use to add what they said. Any older link for the activity stops working.

    Returns the link and its token. Only a hash of the token is stored, so this is the one chance to show it.
    """
    require(
        can_work_for(by, activity.organisation), "Only members of the organisation can make links for its activities."
    )
    token = ContributionLink.new_token()
    with transaction.atomic():
        now = timezone.now()
        ContributionLink.objects.for_activity(activity).active().update(switched_off_at=now, updated_at=now)
        link = ContributionLink.objects.create(activity=activity, token_hash=hash_link_token(token), created_by=by)
        audit.record(
            "coproduction.link_created",
            actor=by,
            obj=link,
            partnership=activity.organisation.partnership,
            summary=f"New contribution link for “{activity.title}”",
        )
    return link, token


def switch_off_contribution_link(activity, *, by):
    """Stop the activity's link from working. Returns how many links were switched off (0 or 1)."""
    require(
        can_work_for(by, activity.organisation),
        "Only members of the organisation can switch off links for its activities.",
    )
    with transaction.atomic():
        now = timezone.now()
        switched_off = (
            ContributionLink.objects.for_activity(activity).active().update(switched_off_at=now, updated_at=now)
        )
        if switched_off:
            audit.record(
                "coproduction.link_switched_off",
                actor=by,
                obj=activity,
                partnership=activity.organisation.partnership,
                summary=f"Switched off the contribution link for “{activity.title}”",
            )
    return switched_off


def add_contribution(
    activity,
    *,
    by,
    text,
    stage,
    given_on,
    consent_to_publish,
    contributor_name="",
    named_publicly=False,
    contact_email="",
    wants_updates=False,
    form_token="",
):
    """Record what someone said during an activity ("you said"), with their choices about publishing and contact.

    The same form sent twice (the same `form_token`) adds one contribution, and both times returns it.
    """
    require(can_work_for(by, activity.organisation), "Only members of the organisation can add what people said.")
    return _add_contribution(
        activity,
        form_token=form_token,
        by=by,
        text=text,
        stage=stage,
        given_on=given_on,
        source=ContributionSource.ORGANISATION,
        consent_to_publish=consent_to_publish,
        contributor_name=contributor_name,
        named_publicly=named_publicly,
        contact_email=contact_email,
        wants_updates=wants_updates,
    )


def _add_contribution(
    activity,
    *,
    by,
    source,
    text,
    stage,
    given_on,
    consent_to_publish,
    contributor_name="",
    named_publicly=False,
    contact_email="",
    wants_updates=False,
    form_token="",
):
    """The work of adding a contribution, once the caller has checked the permission. A form sent again with the
    same token adds nothing and gets back the contribution it added the first time."""

    def new_contribution():
        contribution = Contribution(
            activity=activity,
            text=text.strip(),
            stage=stage,
            given_on=given_on,
            source=source,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _apply_choices(
            contribution,
            consent_to_publish=consent_to_publish,
            contributor_name=contributor_name,
            named_publicly=named_publicly,
            contact_email=contact_email,
            wants_updates=wants_updates,
        )
        contribution.full_clean()
        contribution.save()
        audit.record(
            "coproduction.contribution_added",
            actor=by,
            obj=contribution,
            partnership=activity.organisation.partnership,
            summary=f"Contribution to “{activity.title}” ({contribution.get_source_display().lower()})",
        )
        return contribution

    with transaction.atomic():
        return create_once(
            form_token, f"coproduction.contribution.{source}:{activity.pk}", Contribution, new_contribution
        )


def _apply_choices(contribution, *, consent_to_publish, contributor_name, named_publicly, contact_email, wants_updates):
    """Set a person's choices. A name is shown only if there is one; emails go only to an address we have."""
    contributor_name = contributor_name.strip()
    contact_email = contact_email.strip().lower()
    contribution.consent_to_publish = consent_to_publish
    contribution.contributor_name = contributor_name
    contribution.named_publicly = named_publicly and bool(contributor_name)
    contribution.contact_email = contact_email
    contribution.wants_updates = wants_updates and bool(contact_email)


CHOICE_CHANGES = {
    "consent_to_publish": ("may now be published", "is no longer published"),
    "named_publicly": ("now shows their name", "no longer shows their name"),
    "wants_updates": ("now sends them updates by email", "no longer sends them updates by email"),
}


def change_contribution_choices(contribution, *, by, **choices):
    """A person changed their mind about publishing, their name or hearing back; the organisation records it.

    The audit row says what changed but never holds the name or email address themselves.
    """
    require(
        can_work_for(by, contribution.activity.organisation),
        "Only members of the organisation can record a person's choices.",
    )
    before = {field: getattr(contribution, field) for field in ("contributor_name", "contact_email", *CHOICE_CHANGES)}
    _apply_choices(contribution, **choices)
    changes = [
        (now_on if getattr(contribution, field) else now_off)
        for field, (now_on, now_off) in CHOICE_CHANGES.items()
        if getattr(contribution, field) != before[field]
    ]
    for field, noun in (("contributor_name", "name"), ("contact_email", "email address")):
        if getattr(contribution, field) != before[field]:
            changes.append(f"{noun} {'removed' if not getattr(contribution, field) else 'changed'}")
    if not changes:
        return []
    with transaction.atomic():
        contribution.full_clean()
        contribution.save()
        audit.record(
            "coproduction.contribution_choices_changed",
            actor=by,
            obj=contribution,
            partnership=contribution.activity.organisation.partnership,
            summary=f"Contribution to “{contribution.activity.title}”: " + "; ".join(changes),
        )
    return changes


def delete_contribution(contribution, *, by):
    """Delete a contribution with its responses and records of telling the person, for good.

    For when a person asks for their words to be removed. The audit row keeps that it happened, not what they said.
    """
    require(can_delete_contribution(by, contribution), "Only your organisation's admins can delete what someone said.")
    activity = contribution.activity
    with transaction.atomic():
        audit.record(
            "coproduction.contribution_deleted",
            actor=by,
            obj=contribution,
            partnership=activity.organisation.partnership,
            summary=f"Deleted a contribution to “{activity.title}” from {contribution.given_on:%d %B %Y}",
        )
        contribution.delete()


def add_contribution_through_link(link, **details):
    """A participant adds what they said through a shared link, without an account.

    Nobody is signed in to ask about: the live link is the permission. A switched-off link refuses
    (`LinkSwitchedOff`), and what is added has no author. The same form sent twice (`form_token` in `details`)
    adds it once.
    """
    if not can_contribute_through_link(link):
        raise LinkSwitchedOff("This link has been switched off.")
    activity = link.activity
    return _add_contribution(
        activity,
        by=None,
        stage=activity.stage,
        given_on=timezone.localdate(),
        source=ContributionSource.PARTICIPANT,
        **details,
    )


def record_response(contribution, *, decision, by, what_changed="", reason="", changed_on=None, base_url=""):
    """Say what happened because of a contribution ("we did"). Earlier responses are kept as its history.

    If the person agreed to hear back, an email telling them is queued in the same transaction, so it is sent
    only if the response is saved. `base_url` lets the email link to the public page.
    """
    require(
        can_work_for(by, contribution.activity.organisation),
        "Only members of the organisation can respond to what people said.",
    )
    with transaction.atomic():
        response = Response(
            contribution=contribution,
            decision=decision,
            what_changed=what_changed.strip(),
            reason=reason.strip() if decision == Decision.NOT_ADOPTED else "",
            changed_on=changed_on,
            created_by=by,
        )
        response.full_clean()
        response.save()
        audit.record(
            "coproduction.response_recorded",
            actor=by,
            obj=response,
            partnership=contribution.activity.organisation.partnership,
            summary=f"{response.get_decision_display()}: response to a contribution to “{contribution.activity.title}”",
        )
        if contribution.hears_back_by_email:
            tell_contributor_about_response.enqueue(response.pk, base_url)
    return response


def record_feedback(contributions, *, method, told_on, by, note=""):
    """Record that people were told what their contributions changed, at a meeting, by letter or by phone.

    Each contribution must already have a response: the feedback is about its current response.
    """
    contributions = list(contributions)
    if not contributions:
        raise ValidationError("Choose at least one contribution.")
    organisations = {c.activity.organisation_id: c.activity.organisation for c in contributions}
    for organisation in organisations.values():
        require(can_work_for(by, organisation), "Only members of the organisation can record that people were told.")
    if method not in FEEDBACK_METHODS_RECORDED_BY_HAND:
        raise ValidationError("Emails from Included are recorded when they are sent.")
    if told_on > timezone.localdate():
        raise ValidationError("The day people were told cannot be in the future.")
    records = []
    with transaction.atomic():
        for contribution in contributions:
            response = contribution.current_response
            if response is None:
                raise ValidationError("You can only tell people about a contribution once it has a response.")
            records.append(
                FeedbackRecord(
                    contribution=contribution,
                    response=response,
                    method=method,
                    told_on=told_on,
                    note=note.strip(),
                    recorded_by=by,
                )
            )
        FeedbackRecord.objects.bulk_create(records)
        activity = contributions[0].activity
        # bulk_create sends no signals: the coordinators' measures count who was told.
        public_cache.bump_public_generation(activity.organisation.partnership_id)
        audit.record(
            "coproduction.feedback_recorded",
            actor=by,
            obj=activity,
            partnership=activity.organisation.partnership,
            summary=f"Told people about {len(records)} contribution{pluralize(len(records))} to “{activity.title}”: "
            f"{FeedbackMethod(method).label.lower()}",
            contributions=[c.pk for c in contributions],
        )
    return records


def save_living_wage_rate(rate, *, by):
    """Add or correct a Real Living Wage rate (coordinators do this in the admin)."""
    require(can_change_living_wage_rates(by), "Only coordinators with access to the admin can change the rates.")
    adding = rate.pk is None
    with transaction.atomic():
        rate.full_clean()
        rate.save()
        audit.record(
            "coproduction.living_wage_rate_added" if adding else "coproduction.living_wage_rate_changed",
            actor=by,
            obj=rate,
            summary=str(rate),
        )
    return rate


def delete_living_wage_rates(rates, *, by):
    """Delete Real Living Wage rates (coordinators do this in the admin): all of them or none, each audited."""
    require(can_change_living_wage_rates(by), "Only coordinators with access to the admin can change the rates.")
    with transaction.atomic():
        for rate in rates:
            audit.record("coproduction.living_wage_rate_deleted", actor=by, obj=rate, summary=str(rate))
            rate.delete()


def note_export(organisation, what, *, by):
    """Exports carry people's words and names out of Included, so each download is in the audit trail."""
    require(can_work_for(by, organisation), "Only members of the organisation can download its co-production records.")
    audit.record(
        "coproduction.exported",
        actor=by,
        obj=organisation,
        partnership=organisation.partnership,
        summary=f"Downloaded {organisation}'s co-production {what}",
    )


def record_review_time(
    review, *, given_on, hours_given, recognition, hourly_rate=None, voucher_value=None, wage_area=WageArea.UK, by
):
    """Record, or correct, the time a reviewer gave to one review and how they were paid or thanked. It counts in
    the partnership's measures, where pay below the Real Living Wage shows."""
    require(can_record_review_time(by, review), "Only the partnership's coordinators can record a reviewer's time.")
    if recognition != Recognition.PAID_HOURLY:
        hourly_rate = None
    if recognition != Recognition.VOUCHERS:
        voucher_value = None
    with transaction.atomic():
        payment, _ = ReviewPayment.objects.update_or_create(
            review=review,
            defaults={
                "given_on": given_on,
                "hours_given": hours_given,
                "recognition": recognition,
                "hourly_rate": hourly_rate,
                "voucher_value": voucher_value,
                "wage_area": wage_area,
                "recorded_by": by,
            },
        )
        audit.record(
            "review.time_recorded",
            actor=by,
            obj=review,
            partnership=review.assessment.organisation.partnership,
            summary="Time and pay recorded for a review by {reviewer}",
            mentions={"reviewer": review.reviewer},
        )
    return payment
