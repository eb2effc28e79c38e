"""The privacy notice says only what is true: each test checks one of its claims against what Included does."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import page_text
from tests.assessments.factories import SignUpFactory

pytestmark = pytest.mark.django_db


def notice(client):
    return page_text(client.get(reverse("core:privacy")))


def test_the_notice_lists_what_the_public_register_shows_about_an_organisation(client):
    sign_up = SignUpFactory(
        lead_name="Priya Shah",
        organisation__website="https://riverside.example",
        organisation__local_area="Harbour Street",
    )
    page = page_text(
        client.get(
            reverse(
                "assessments:commitment",
                kwargs={
                    "partnership_slug": sign_up.organisation.partnership.slug,
                    "organisation_slug": sign_up.organisation.slug,
                },
            )
        )
    )
    text = notice(client)

    # What the public page shows, and the words the notice uses for it.
    for shown, named in [
        (sign_up.organisation.name, "its name"),
        ("Harbour Street", "area"),
        ("https://riverside.example", "website"),
        ("Priya Shah", "the name of the person who leads"),
        (sign_up.statement, "what inclusion means to it"),
        (sign_up.framework_version.framework.name, "the framework it signed up to"),
    ]:
        assert shown in page
        assert named in text
    assert "The public sees only your organisation's name and its statement" not in text


def test_the_notice_sends_people_to_their_own_download_and_deletion(client):
    response = client.get(reverse("core:privacy"))
    text = page_text(response)
    assert "A coordinator can export or erase a person's data" not in text
    assert "Download your data" in text
    assert "Delete your account" in text
    content = response.content.decode()
    assert f'href="{reverse("accounts:settings")}"' in content
    assert f'href="{reverse("accounts:delete")}"' in content


def test_the_notice_tells_people_without_an_account_who_can_remove_what_they_said(client):
    text = notice(client)
    assert "ask that organisation" in text
    assert "An admin there can delete what you said" in text


def test_the_notice_gives_the_periods_the_retention_job_uses(client, settings):
    settings.RETAIN_EXPIRED_INVITATIONS_DAYS = 91
    settings.RETAIN_SENT_EMAILS_DAYS = 31
    settings.RETAIN_CONTACT_EMAILS_DAYS = 181
    settings.RETAIN_AUDIT_DETAILS_DAYS = 366
    settings.RETAIN_TASK_RESULTS_DAYS = 15
    settings.RETAIN_NOTIFICATIONS_DAYS = 182
    settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS = 92

    text = notice(client)

    for days in [91, 31, 181, 366, 15, 182, 92]:
        assert f"{days} days" in text
