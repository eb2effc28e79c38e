"""Every list and dashboard runs the same number of queries whatever the partnership's size.

Each page is measured in the demo partnership with a few made-up organisations added, then again after many more
(enough that every list needs more than one page), in the same test: an N+1 fails here, not in front of a user.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.accounts.middleware import TWO_STEP_DONE
from included.accounts.models import User
from included.demo.partnership import load_demo
from included.demo.scale import seed_scale
from included.impact.models import AnnualReport
from included.organisations.models import Organisation

pytestmark = pytest.mark.django_db

COORDINATOR = "amara.okafor@riverside-partnership.example"
REVIEWER = "dee.marshall@mail.example"
ADMIN = "sam.patel@riversideworks.example"
HOST = "host@included.example"


def pages(partnership, organisation):
    p = {"partnership_slug": partnership.slug}
    org = p | {"organisation_slug": organisation.slug}
    report = AnnualReport.objects.filter(partnership=partnership).order_by("-year", "-number").first()
    return {
        # name: (who opens it, its address)
        "home, signed out": (None, reverse("www:home")),
        "register": (None, reverse("assessments:register", kwargs=p)),
        "you said, we did": (None, reverse("coproduction:you_said_we_did", kwargs=p)),
        "frameworks": (None, reverse("frameworks:list", kwargs=p)),
        "impact": (None, reverse("impact:dashboard", kwargs=p)),
        "home, coordinator": (COORDINATOR, reverse("www:home")),
        "overview": (COORDINATOR, reverse("assessments:overview", kwargs=p)),
        "invitations": (COORDINATOR, reverse("www:invitations", kwargs=p)),
        "co-production measures": (COORDINATOR, reverse("coproduction:partnership_measures", kwargs=p)),
        "impact, coordinator": (COORDINATOR, reverse("impact:dashboard", kwargs=p)),
        "impact, coordinator, employers": (COORDINATOR, reverse("impact:dashboard", kwargs=p) + "?sector=employer"),
        "annual report being written": (COORDINATOR, reverse("impact:report", kwargs=p | {"report_id": report.pk})),
        "requests to join": (COORDINATOR, reverse("joining:requests", kwargs=p)),
        "your reviews": (REVIEWER, reverse("assessments:my_reviews", kwargs=p)),
        "home, reviewer": (REVIEWER, reverse("www:home")),
        "home, organisation admin": (ADMIN, reverse("www:home")),
        "organisation home": (ADMIN, reverse("www:organisation_home", kwargs=org)),
        "activities": (ADMIN, reverse("coproduction:activities", kwargs=org)),
        "organisation measures": (ADMIN, reverse("coproduction:organisation_measures", kwargs=org)),
        "members": (ADMIN, reverse("organisations:members", kwargs=org)),
        "statements waiting": (COORDINATOR, reverse("assessments:statements_waiting", kwargs=p)),
        "organisations": (COORDINATOR, reverse("organisations:coordinator_list", kwargs=p)),
        "archived organisations": (COORDINATOR, reverse("organisations:archived", kwargs=p)),
        # Public, but not cached as a whole: measured as its organisation's admin sees it.
        "organisation's you said, we did": (ADMIN, reverse("coproduction:organisation_you_said_we_did", kwargs=org)),
        "host's partnerships": (HOST, reverse("www:host_partnerships")),
    }


def test_every_list_and_dashboard_runs_as_many_queries_at_two_sizes(django_assert_num_queries, settings):
    # Public pages cache their content (included/core/public_cache.py): measured here is the page built afresh.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    demo = load_demo()
    seed_scale(organisations=6, into=demo.slug)
    organisation = Organisation.objects.get(partnership=demo, memberships__user__email=ADMIN)
    User.objects.create_superuser(email=HOST, password=None)
    clients = {None: Client()}
    for email in (COORDINATOR, REVIEWER, ADMIN, HOST):
        clients[email] = Client()
        clients[email].force_login(User.objects.get(email=email))
        session = clients[email].session
        session[TWO_STEP_DONE] = True  # as after a real sign-in: the host must have used two-step verification
        session.save()
    to_measure = pages(demo, organisation)
    counts = {}
    for name, (who, url) in to_measure.items():
        clients[who].get(url)  # the first visit after signing in also saves the session
        with CaptureQueriesContext(connection) as queries:
            assert clients[who].get(url).status_code == 200, name
        counts[name] = len(queries)

    seed_scale(organisations=60, into=demo.slug, seed=2)
    seed_scale(organisations=60, partnerships=55, seed=3)  # more partnerships than the host's list shows at once
    for archived in Organisation.objects.filter(partnership=demo).exclude(pk=organisation.pk).order_by("pk")[:60]:
        archived.archived_at = timezone.now()
        archived.save(update_fields=["archived_at"])

    for name, (who, url) in to_measure.items():
        with django_assert_num_queries(counts[name], info=name):
            assert clients[who].get(url).status_code == 200, name


def test_public_pages_seen_again_run_fewer_queries():
    demo = load_demo()
    seed_scale(organisations=6, into=demo.slug)
    organisation = Organisation.objects.get(partnership=demo, memberships__user__email=ADMIN)
    client = Client()
    for name, (who, url) in pages(demo, organisation).items():
        if who is not None or name.startswith("home"):
            continue
        with CaptureQueriesContext(connection) as first:
            assert client.get(url).status_code == 200, name
        with CaptureQueriesContext(connection) as again:
            assert client.get(url).status_code == 200, name
        assert len(again) < len(first), name
        assert len(again) <= 2, name
