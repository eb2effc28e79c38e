"""How gunicorn serves Included in production. gunicorn reads this file when started from the repository root.

Every setting can be changed with an environment variable, so one file fits a small virtual machine and a large one.
Included's pages spend most of their time in Python (rendering) rather than waiting for the database, so processes,
not threads, are what add speed: by default one worker per core plus one, and two threads in each, so a slow upload
or a slow client does not hold a whole worker.
"""

import gc
import os

cores = os.cpu_count() or 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# A worker that has served this many requests is replaced, so slow memory growth never builds up. The jitter stops
# every worker from restarting at the same moment. A new worker once read and compiled its templates on its first
# requests, which then took hundreds of milliseconds: at 2,000 a busy server replaced each worker every few seconds
# and its slowest requests (the 99th percentile) were 30 to 60 times the median (benchmarks/README.md). Now the
# templates are compiled and the views loaded before the workers are forked (`when_ready` below).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
# Evidence files are limited to 10 MB; on a slow connection an upload can take a while.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Loading Django once, before the workers start, saves memory and means a broken deploy fails at once.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
wsgi_app = "included.wsgi:application"


def when_ready(server):
    """Before the first worker is forked (and every replacement after it), load every view and compile every
    template in this process, so that each worker starts with them ready instead of loading them on its first
    requests."""
    if not server.cfg.preload_app:
        return  # Django is not loaded in this process
    from django.conf import settings

    if "included.core" in settings.INSTALLED_APPS:  # not the bare view benchmarks/pages.py measures against
        from included.core.warm import warm_up

        server.log.info("Loaded every view and compiled %d templates", warm_up())
    # What is loaded now stays for the life of every worker. Set aside from the garbage collector, it is never
    # scanned again: a full collection of it took 100 to 200 ms, a pause for every request waiting on that worker.
    # And left untouched, its memory stays shared between the workers.
    gc.collect()
    gc.freeze()
