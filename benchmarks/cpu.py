"""CPU time per key page, in process, against a database that is already seeded: a quick look before and after a
change, which a busy machine disturbs far less than wrk's requests per second.

Each page is opened through Django's test client with production settings (`DEBUG` off, the database cache, the
manifest of static files), signed in as the page's role, and timed with `time.process_time`: the median of --runs
requests after two to warm up. On SQLite the database's work runs in this process and so is counted too; on
PostgreSQL it is not (the server does it), so compare like with like.

Build the database once (as benchmarks/pages.py does: migrate, createcachetable, collectstatic, load_demo,
seed_scale --into riverside), then, from the repository root:

    .venv/bin/python benchmarks/cpu.py --var-dir /tmp/scale/500 --static-root /tmp/scale/static
    .venv/bin/python benchmarks/cpu.py --var-dir /tmp/scale/5000 --static-root /tmp/scale/static --only overview
    .venv/bin/python benchmarks/cpu.py ... --profile overview          # cProfile of one page, by cumulative time

`--var-dir` holds SQLite's `included.sqlite3`; `--database-url` reads PostgreSQL instead.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    ADMIN,
    COORDINATOR,
    NO_LIMIT_REACHED,
    PARTNERSHIP,
    REVIEWER,
    SECRET,
    TOTP_KEY,
    numbered,
    pages,
)


def environment(args):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "included.settings",
            "SECRET_KEY": SECRET,
            "INCLUDED_TOTP_KEYS": TOTP_KEY,
            "INCLUDED_FIELD_KEYS": TOTP_KEY,
            "INCLUDED_ENV": "production",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "INCLUDED_STATIC_ROOT": str(args.static_root),
            # One process asks again and again, past what one visitor may (see pages.py).
            "FIND_HELP_SEARCHES_PER_MINUTE": str(NO_LIMIT_REACHED),
            "PUBLIC_API_REQUESTS_PER_MINUTE": str(NO_LIMIT_REACHED),
        }
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["INCLUDED_VAR_DIR"] = str(args.var_dir)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var-dir", type=Path, help="the directory with SQLite's included.sqlite3")
    parser.add_argument("--database-url", help="a PostgreSQL database instead")
    parser.add_argument("--static-root", type=Path, required=True, help="where collectstatic put the static files")
    parser.add_argument("--runs", type=int, default=9, help="timed requests per page (default 9)")
    parser.add_argument("--only", action="append", help="only this page (by name; may be given again)")
    parser.add_argument("--profile", help="print a cProfile of this page (by name) instead of timing")
    parser.add_argument("--queries", help="print the time and text of each query of this page (by name)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not (args.var_dir or args.database_url):
        parser.error("give --var-dir or --database-url")
    environment(args)
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from included.accounts.middleware import TWO_STEP_DONE
    from included.accounts.models import User
    from included.impact.models import AnnualReport
    from included.organisations.models import Organisation

    organisation = Organisation.objects.get(partnership__slug=PARTNERSHIP, memberships__user__email=ADMIN)
    report = AnnualReport.objects.filter(partnership__slug=PARTNERSHIP).order_by("-year", "-number").first()
    every_page = pages(organisation.slug, report.pk)
    clients = {None: Client()}
    for email in (COORDINATOR, REVIEWER, ADMIN):
        client = clients[email] = Client()
        client.force_login(User.objects.get(email=email))
        session = client.session
        session[TWO_STEP_DONE] = True
        session.save()
        client.get("/")
    chosen = [page for page in every_page if not args.only or page[0] in args.only]
    if args.profile:
        import cProfile
        import pstats

        name, who, address = next(page for page in every_page if page[0] == args.profile)
        url = numbered(address)
        client = clients[who]
        client.get(url())
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(url())
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(60)
        return 0
    if args.queries:
        name, who, address = next(page for page in every_page if page[0] == args.queries)
        url = numbered(address)
        clients[who].get(url())
        with CaptureQueriesContext(connection) as queries:
            clients[who].get(url())
        for query in queries:
            print(f"{float(query['time']) * 1000:8.2f} ms  {query['sql'][:400]}")
        return 0
    results = []
    print(f"{'page':<28}{'CPU ms':>8}{'wall ms':>9}{'queries':>8}{'HTML KB':>9}")
    for name, who, address in chosen:
        url = numbered(address)
        client = clients[who]
        response = client.get(url())
        if response.status_code != 200:
            raise SystemExit(f"{name} ({address}) answered {response.status_code}")
        client.get(url())
        with CaptureQueriesContext(connection) as queries:
            client.get(url())
        query_count = len(queries)  # now: the next request empties the log
        cpu, wall = [], []
        for _ in range(args.runs):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            client.get(url())
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started_wall)
        result = {
            "name": name,
            "cpu_ms": statistics.median(cpu) * 1000,
            "wall_ms": statistics.median(wall) * 1000,
            "queries": query_count,
            "kb": len(response.content) / 1024,
        }
        results.append(result)
        print(
            f"{name:<28}{result['cpu_ms']:>8.1f}{result['wall_ms']:>9.1f}{result['queries']:>8}{result['kb']:>9.1f}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
