"""People change their minds: the organisation records new choices, or deletes a contribution when asked."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from included.coproduction import services
from included.coproduction.enums import Decision
from included.coproduction.models import Contribution, FeedbackRecord, Response
from included.core.models import AuditEvent
from tests.factories import OrganisationMemberFactory

from .conftest import activity_kwargs, org_kwargs
from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

HUGE = "x" * 20_000
SCRIPT = "<script>alert('hi')</script>"


def choices_url(contribution):
    return reverse(
        "coproduction:change_contribution_choices",
        kwargs=activity_kwargs(contribution.activity) | {"contribution_id": contribution.pk},
    )


def delete_url(contribution):
    return reverse(
        "coproduction:delete_contribution",
        kwargs=activity_kwargs(contribution.activity) | {"contribution_id": contribution.pk},
    )


def public_page(organisation):
    return reverse("coproduction:organisation_you_said_we_did", kwargs=org_kwargs(organisation))


@pytest.fixture
def admin_client(organisation):
    admin = OrganisationMemberFactory(organisation=organisation)
    client = Client()
    client.force_login(admin.user)
    return client


def test_the_form_starts_with_the_persons_current_choices(member_client, activity):
    contribution = ContributionFactory(activity=activity, named=True, hears_back=True)

    page = member_client.get(choices_url(contribution)).content.decode()

    assert contribution.text in page
    assert re.search(r'name="consent_to_publish" value="yes"[^>]* checked', page)
    assert 'value="Amira Khan"' in page
    assert f'value="{contribution.contact_email}"' in page


def test_a_person_takes_back_their_consent_and_their_words_leave_the_public_page(
    member_client, client, activity, organisation, member, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(activity=activity, named=True, hears_back=True)
    ResponseFactory(contribution=contribution)
    assert contribution.text in client.get(public_page(organisation)).content.decode()

    # Committed, as in real use: that clears the cached public page.
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(choices_url(contribution), {"consent_to_publish": "no"})

    assert response.status_code == 302
    assert response.url.endswith(f"#contribution-{contribution.pk}")
    contribution.refresh_from_db()
    assert not contribution.consent_to_publish
    # Unticked boxes and emptied fields are choices too: name and email are gone, and so are the updates.
    assert (contribution.contributor_name, contribution.named_publicly) == ("", False)
    assert (contribution.contact_email, contribution.wants_updates) == ("", False)
    member_client.logout()
    assert contribution.text not in client.get(public_page(organisation)).content.decode()
    event = AuditEvent.objects.get(action="coproduction.contribution_choices_changed")
    assert event.actor == member.user
    assert "is no longer published" in event.summary
    assert "email address removed" in event.summary
    assert "@" not in event.summary and "Amira" not in event.summary


def test_after_opting_out_of_updates_no_email_is_sent_about_a_new_response(member_client, member, activity):
    contribution = ContributionFactory(activity=activity, hears_back=True)

    member_client.post(
        choices_url(contribution),
        {"consent_to_publish": "yes", "contact_email": contribution.contact_email},
    )
    services.record_response(contribution, decision=Decision.ADOPTED, what_changed="We moved it.", by=member.user)

    assert mail.outbox == []


def test_saving_without_changes_says_so_and_writes_no_audit_row(member_client, activity):
    contribution = ContributionFactory(activity=activity)

    response = member_client.post(choices_url(contribution), {"consent_to_publish": "yes"}, follow=True)

    assert "Nothing changed" in response.content.decode()
    assert not AuditEvent.objects.filter(action="coproduction.contribution_choices_changed").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Say whether they agreed that it can be published"),
        ({"consent_to_publish": "maybe"}, "Say whether they agreed that it can be published"),
        ({"consent_to_publish": "yes", "named_publicly": "on"}, "Enter their name, or untick the box"),
        ({"consent_to_publish": "yes", "wants_updates": "on"}, "Enter their email address, or untick the box"),
        ({"consent_to_publish": "yes", "contact_email": SCRIPT}, "Enter an email address in the right format"),
        ({"consent_to_publish": "yes", "contact_email": "a@" + "b" * 300 + ".org"}, "254 characters or fewer"),
        ({"consent_to_publish": "yes", "contributor_name": HUGE}, "Their name must be 150 characters or fewer"),
    ],
)
def test_bad_choices_get_a_clear_error_keep_what_was_typed_and_change_nothing(member_client, activity, data, message):
    contribution = ContributionFactory(activity=activity, private=True)

    response = member_client.post(choices_url(contribution), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "govuk-error-summary" in page
    assert "<script>alert" not in page
    if "contact_email" in data and data["contact_email"] == SCRIPT:
        assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page
    contribution.refresh_from_db()
    assert not contribution.consent_to_publish


def test_an_admin_deletes_a_contribution_with_its_responses_and_feedback(admin_client, client, activity, organisation):
    contribution = ContributionFactory(activity=activity)
    response = ResponseFactory(contribution=contribution)
    FeedbackRecordFactory(contribution=contribution, response=response)
    kept = ContributionFactory(activity=activity)

    page = admin_client.get(delete_url(contribution)).content.decode()
    assert contribution.text in page
    assert "your 1 response to it" in page
    assert "You cannot undo this" in page

    answer = admin_client.post(delete_url(contribution))

    assert answer.status_code == 302
    assert list(Contribution.objects.all()) == [kept]
    assert not Response.objects.exists()
    assert not FeedbackRecord.objects.exists()
    event = AuditEvent.objects.get(action="coproduction.contribution_deleted")
    assert activity.title in event.summary
    assert contribution.text not in event.summary
    admin_client.logout()
    assert contribution.text not in client.get(public_page(organisation)).content.decode()


def test_an_admin_sees_links_to_change_choices_and_to_delete(admin_client, activity):
    contribution = ContributionFactory(activity=activity)
    activity_page = reverse("coproduction:activity", kwargs=activity_kwargs(activity))

    page = admin_client.get(activity_page).content.decode()

    assert f'href="{choices_url(contribution)}"' in page
    assert f'href="{delete_url(contribution)}"' in page


def test_a_plain_member_cannot_delete_by_posting(member_client, activity):
    contribution = ContributionFactory(activity=activity)
    activity_page = reverse("coproduction:activity", kwargs=activity_kwargs(activity))

    page = member_client.get(activity_page).content.decode()

    assert f'href="{choices_url(contribution)}"' in page
    assert f'href="{delete_url(contribution)}"' not in page
    assert member_client.post(delete_url(contribution)).status_code == 403
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_a_contribution_of_another_activity_is_not_found_through_this_one(admin_client, activity, organisation):
    other = ContributionFactory(activity=ActivityFactory(organisation=organisation))
    url = reverse("coproduction:delete_contribution", kwargs=activity_kwargs(activity) | {"contribution_id": other.pk})

    assert admin_client.post(url).status_code == 404
    assert admin_client.get(url.replace("/delete/", "/choices/")).status_code == 404
    assert Contribution.objects.filter(pk=other.pk).exists()


def test_an_email_queued_before_deletion_is_not_sent(activity):
    contribution = ContributionFactory(activity=activity, hears_back=True)
    response = ResponseFactory(contribution=contribution)
    admin = OrganisationMemberFactory(organisation=activity.organisation).user
    services.delete_contribution(contribution, by=admin)

    from included.coproduction.tasks import tell_contributor_about_response

    assert tell_contributor_about_response.call(response.pk) == "response gone"
    assert mail.outbox == []
