"""The demo partnership's open data shows the feature working: a register, frameworks and measures, with the
figures about too few activities hidden."""

import json

import pytest

from included.demo.partnership import load_demo

pytestmark = pytest.mark.django_db


def download(client, partnership, dataset):
    response = client.get(f"/p/{partnership.slug}/open-data/{dataset}.json")
    return json.loads(b"".join(response.streaming_content))["rows"]


def test_the_demo_publishes_its_register_frameworks_and_measures(client):
    demo = load_demo()

    register = download(client, demo, "register")
    frameworks = download(client, demo, "frameworks")
    measures = download(client, demo, "coproduction-measures")

    assert len(register) >= 5
    assert {"Reviewed", "Signed up"} <= {row["where_they_have_got_to"] for row in register}
    assert {"East Midlands Inclusion Framework", "Partnering for Inclusive Employment"} <= {
        row["framework"] for row in frameworks
    }
    assert any(row["value"] is not None for row in measures)
    assert all(row["value"] is None for row in measures if row["not_shown_because"])
