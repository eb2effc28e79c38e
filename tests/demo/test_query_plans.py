"""At national scale, every query of every key page has an index to use: none must read a large table whole.

The host serves 5,000 made-up organisations (with their people, cycles, reviews and co-production): 500 in the
demo partnership, the rest in another. The database's statistics are brought up to date, and every query of every
key page is put through PostgreSQL's `EXPLAIN`. A whole-table read that no index can replace would grow with every
new member of any partnership. SQLite's planner is too simple to say anything useful, so this runs on PostgreSQL
only, as CI does.
"""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from included.accounts.models import User
from included.demo.partnership import load_demo
from included.demo.scale import seed_scale
from included.organisations.models import Organisation

from .test_pages_at_scale import ADMIN, COORDINATOR, REVIEWER, pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"),
]

IN_THE_DEMO = 500
ELSEWHERE = 4500
# A table smaller than this is cheaper to read whole than through an index, and stays small as members join.
LARGE_TABLE_ROWS = 5000


def sequential_scans(plan):
    """Every (table, filter) that the plan reads from end to end."""
    found = []
    if plan.get("Node Type") == "Seq Scan":
        found.append((plan["Relation Name"], plan.get("Filter", "")))
    for child in plan.get("Plans", []):
        found.extend(sequential_scans(child))
    return found


def row_counts():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def explain_without_sequential_scans(sql):
    """The plan PostgreSQL makes when it avoids whole-table reads wherever an index allows.

    At 5,000 organisations the tables are still small enough that reading one whole can be the cheapest plan, so
    the planner's own choice says little. With sequential scans priced out, a scan that remains has no index to
    replace it: that is what grows with every member.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            result = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    return (json.loads(result) if isinstance(result, str) else result)[0]["Plan"]


def test_no_key_page_reads_a_large_table_from_end_to_end(settings):
    # Pages that keep their content in the cache (included/core/public_cache.py) are checked as built afresh.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    demo = load_demo()
    seed_scale(organisations=ELSEWHERE, seed=1)
    seed_scale(organisations=IN_THE_DEMO, into=demo.slug, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = row_counts()

    organisation = Organisation.objects.get(partnership=demo, memberships__user__email=ADMIN)
    clients = {None: Client()}
    for email in (COORDINATOR, REVIEWER, ADMIN):
        clients[email] = Client()
        clients[email].force_login(User.objects.get(email=email))

    # The host's pages list partnerships, a small table at any size: they are measured in test_pages_at_scale.py.
    to_check = {name: (who, url) for name, (who, url) in pages(demo, organisation).items() if who in clients}
    # The later pages of long lists and a search, which read differently from the first page.
    for name in ("register", "overview", "invitations", "co-production measures", "you said, we did"):
        who, url = to_check[name]
        to_check[f"{name}, page 5"] = (who, f"{url}?page=5")
        to_check[f"{name}, search"] = (who, f"{url}?q=bakery")

    problems = []
    for name, (who, url) in to_check.items():
        clients[who].get(url)  # the first visit after signing in also saves the session
        with CaptureQueriesContext(connection) as queries:
            assert clients[who].get(url).status_code == 200, name
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            for table, condition in sequential_scans(explain_without_sequential_scans(sql)):
                if rows.get(table, 0) >= LARGE_TABLE_ROWS:
                    problems.append(
                        f"{name}: reads all {int(rows[table]):,} rows of {table} {condition}\n    {sql[:300]}"
                    )
    assert not problems, "\n".join(problems)
