"""CSV downloads: streamed, with the expected columns, only the organisation's own rows, safe in a spreadsheet."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from included.coproduction.enums import Decision
from included.coproduction.exports import ACTIVITY_COLUMNS, CONTRIBUTION_COLUMNS, RESPONSE_COLUMNS
from included.core.models import AuditEvent
from tests.factories import OrganisationFactory, OrganisationMemberFactory

from .conftest import org_kwargs
from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def download(client, organisation, name):
    response = client.get(reverse(f"coproduction:export_{name}", kwargs=org_kwargs(organisation)))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{organisation.slug}-coproduction-{name}.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def records(organisation):
    activity = ActivityFactory(organisation=organisation, title="Our workshop", below_living_wage=True)
    contribution = ContributionFactory(
        activity=activity, text='=HYPERLINK("http://evil.example")', named=True, hears_back=True
    )
    ResponseFactory(contribution=contribution, decision=Decision.IN_PROGRESS, what_changed="Looking into it.")
    FeedbackRecordFactory(response=ResponseFactory(contribution=contribution, what_changed="Done."))
    elsewhere = ActivityFactory(organisation=OrganisationFactory(partnership=organisation.partnership), title="Theirs")
    ResponseFactory(contribution=ContributionFactory(activity=elsewhere, text="Their words."))
    return activity, contribution


def test_activities_download_has_the_columns_and_only_our_rows(member_client, organisation, records):
    activity, _contribution = records

    rows = download(member_client, organisation, "activities")

    assert rows[0] == ACTIVITY_COLUMNS
    assert len(rows) == 2
    row = dict(zip(ACTIVITY_COLUMNS, rows[1], strict=True))
    assert row["title"] == "Our workshop"
    assert row["notice in days"] == "21"
    assert row["short notice"] == "no"
    assert row["hourly rate"] == "11.00"
    assert row["real living wage on the day"] == "13.45"
    assert row["at or above the real living wage"] == "no"
    assert row["paid to people"] == "132.00"
    assert row["access support"] == "Easy read papers; Travel paid or arranged"
    assert row["contributions"] == "1"
    assert "Theirs" not in str(rows)


def test_contributions_download_is_safe_to_open_in_a_spreadsheet(member_client, organisation, records):
    rows = download(member_client, organisation, "contributions")

    assert rows[0] == CONTRIBUTION_COLUMNS
    assert len(rows) == 2
    row = dict(zip(CONTRIBUTION_COLUMNS, rows[1], strict=True))
    assert row["what they said"] == '\'=HYPERLINK("http://evil.example")'
    assert row["name"] == "Amira Khan"
    assert row["current decision"] == "Adopted"
    assert (row["told"], row["closed"]) == ("yes", "yes")
    assert "Their words." not in str(rows)
    assert "@" not in str(rows)


def test_responses_download_keeps_the_history_and_marks_the_current_one(member_client, organisation, records):
    rows = download(member_client, organisation, "responses")

    assert rows[0] == RESPONSE_COLUMNS
    assert [(r[4], r[8]) for r in rows[1:]] == [("In progress", "no"), ("Adopted", "yes")]


def test_each_download_is_recorded_in_the_audit_trail(member_client, organisation, member, records):
    download(member_client, organisation, "contributions")

    event = AuditEvent.objects.get(action="coproduction.exported")
    assert event.actor == member.user


def test_an_empty_download_still_has_its_header_row(member_client, organisation):
    assert download(member_client, organisation, "responses") == [RESPONSE_COLUMNS]


@pytest.mark.parametrize("name", ["activities", "contributions", "responses"])
def test_other_organisations_cannot_download(client, organisation, records, name):
    outsider = OrganisationMemberFactory(organisation__partnership=organisation.partnership)
    client.force_login(outsider.user)

    response = client.get(reverse(f"coproduction:export_{name}", kwargs=org_kwargs(organisation)))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="coproduction.exported").exists()
