"""A participant's form sent twice at the same moment (a double click on a slow connection) adds one contribution.

Real threads on PostgreSQL, each with its own connection, released together (see tests/concurrency.py).
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from included.coproduction import services
from included.coproduction.models import Contribution
from tests.concurrency import postgresql_only, run_together

from .test_take_part import GOOD

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


def send_twice_at_once(url):
    page = Client().get(url).content.decode()
    sent = {**GOOD, "form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1)}
    return run_together(2, lambda index: Client(), lambda client: client.post(url, sent))


def test_the_same_take_part_form_sent_twice_at_once_adds_one_contribution(activity, member):
    for _ in range(5):
        _link, token = services.create_contribution_link(activity, by=member.user)
        before = Contribution.objects.count()

        results = send_twice_at_once(reverse("coproduction:take_part", kwargs={"token": token}))

        assert [kind for kind, _ in results] == ["ok", "ok"], results
        assert [response.status_code for _, response in results] == [302, 302]
        assert Contribution.objects.count() == before + 1
