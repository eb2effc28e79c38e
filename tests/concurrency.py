"""Run work in real threads, each with its own database connection, all starting at the same moment.

SQLite in tests is one in-memory database shared by every connection, which locks whole tables instead of waiting
for rows, so these races can only be run on PostgreSQL: the PostgreSQL pass of CI runs them.
"""

import threading

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Races need real row locks: the in-memory SQLite test database locks whole tables instead.",
)


def run_together(count, prepare, work, *, timeout=60):
    """Call `prepare(index)` in each of `count` threads, then `work(prepared)` in all of them at once.

    Each thread has its own connection, opened before the start line. Returns one ("ok", result) or
    ("error", exception) per thread, in order.
    """
    barrier = threading.Barrier(count, timeout=timeout)
    results = [None] * count

    def run(index):
        try:
            connection.ensure_connection()
            prepared = prepare(index)
            barrier.wait()
            results[index] = ("ok", work(prepared))
        except Exception as error:  # the test decides which errors were expected
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "A thread is stuck: a lock was never released"
    return results
