"""benchmarks/pages.py says which of issue 10's targets a run failed. Here it reads made-up runs, so what it holds
each kind of page to is checked without starting a server."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "pages.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("benchmark_pages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(name, url, *, rps, p99, built_ms=10.0):
    return {
        "name": name, "url": url, "rps": rps, "p99": p99, "built_ms": built_ms, "bad": 0,
        "is_html": True, "bytes": 20_000,
    }  # fmt: skip


def run(size, *pages, database="postgres"):
    bare = {"rps": 7000.0, "p50": 1.0, "p95": 1.5, "p99": 2.0}
    return {"database": database, "size": size, "bare": bare, "pages": list(pages), "first": 30_000}


def test_a_page_that_can_be_kept_must_serve_a_tenth_of_the_bare_view_with_a_close_p99(bench):
    slow = page("register", "/p/riverside/register/", rps=600, p99=45)

    failed = bench.failures([run(5000, slow)])

    assert failed == [
        "postgres at 5000: register served 0.086 of the bare view",
        "postgres at 5000: register p99 45 ms > 20 x 2.0 ms",
    ]


def test_a_search_nobody_made_before_is_held_to_a_second_not_to_the_share(bench):
    new_search = "/p/riverside/find-help/?q=support&search={n}"
    answered = page("find help, a new search", new_search, rps=70, p99=240)
    too_slow = page("find help, a new search", new_search, rps=7, p99=1800)

    assert bench.failures([run(5000, answered)]) == []
    assert bench.failures([run(5000, too_slow)]) == ["postgres at 5000: find help, a new search p99 1800 ms > 1000 ms"]


def test_a_search_nobody_made_before_must_not_grow_with_the_directory_either(bench):
    new_search = "/p/riverside/find-help/?q=support&search={n}"
    small = run(500, page("find help, a new search", new_search, rps=70, p99=200, built_ms=20))
    large = run(5000, page("find help, a new search", new_search, rps=60, p99=250, built_ms=40))

    assert bench.failures([small, large]) == ["postgres: find help, a new search server time grew x2.00 from 500"]
