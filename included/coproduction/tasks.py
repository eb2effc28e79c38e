"""Background work: telling contributors what their contribution changed.

These run in the task worker (`manage.py db_worker`), so a slow mail server never holds up the person recording a
response. A task gets only ids, and looks everything up again when it runs: the data may have changed meanwhile.
The email itself goes through Included's one door for email (included/core/mail.py), which sends it and tries
again while the mail server is down.
"""

from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.core import mail

from .enums import FeedbackMethod
from .models import FeedbackRecord, Response


@task
def tell_contributor_about_response(response_id, base_url=""):
    """Email the person who made a contribution about its response, if they still want to hear back.

    Does nothing when the response is gone, when a newer response has replaced it (that one has its own email), or
    when this response's email was already queued, so running the task twice never sends two emails. The email and
    the record that the person was told are saved together.
    """
    response = (
        Response.objects.select_related("contribution__activity__organisation__partnership")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return "response gone"
    contribution = response.contribution
    if not contribution.hears_back_by_email:
        return "contributor does not want emails"
    if contribution.current_response.pk != response.pk:
        return "replaced by a newer response"
    if FeedbackRecord.objects.filter(response=response, method=FeedbackMethod.EMAIL).exists():
        return "already sent"
    activity = contribution.activity
    organisation = activity.organisation
    public_page = ""
    if contribution.consent_to_publish and base_url:
        public_page = base_url.rstrip("/") + reverse(
            "coproduction:organisation_you_said_we_did",
            kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
        )
    context = {
        "contribution": contribution,
        "response": response,
        "activity": activity,
        "organisation": organisation,
        "public_page": public_page,
        "is_update": contribution.responses.count() > 1,
        "contact": contact_for(organisation, response),
    }
    with transaction.atomic():
        mail.queue_email(
            to=contribution.contact_email,
            subject=f"What {organisation.name} did after you took part in “{activity.title}”",
            body=render_to_string("coproduction/emails/response.txt", context),
            key=f"coproduction.response:{response.pk}",
        )
        response.record_email_sent()
    return "queued"


def contact_for(organisation, response):
    """Who the person can write to at the organisation: whoever recorded the response, if they are still there,
    or else one of its admins. None if the organisation has no one left."""
    people = OrganisationMember.objects.filter(organisation=organisation, user__is_active=True).select_related("user")
    if response.created_by_id is not None:
        recorder = people.filter(user_id=response.created_by_id).first()
        if recorder is not None:
            return recorder.user
    admin = people.filter(role=MemberRole.ADMIN).order_by("created_at", "pk").first()
    return admin.user if admin is not None else None


@mail.register_still_wanted("coproduction.response:")
def contributor_still_wants_it(email):
    """An email that waited for the mail server only goes if the person still wants to hear back, at that address,
    about the contribution's current response: they can stop emails, or have their words removed, meanwhile."""
    response = Response.objects.select_related("contribution").filter(pk=email.key.rpartition(":")[2]).first()
    if response is None:
        return False
    contribution = response.contribution
    return (
        contribution.hears_back_by_email
        and contribution.contact_email.lower() == email.recipient.lower()
        and contribution.current_response.pk == response.pk
    )
