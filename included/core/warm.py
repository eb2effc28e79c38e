"""Work a web server does once, before it forks its workers, so that a new worker's first requests are as quick
as its later ones (gunicorn.conf.py calls this)."""

from pathlib import Path

from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".svg"}


def compile_every_template():
    """Read and compile every template into the cached loader of each template engine (the form renderer uses the
    same ones), and give how many. A worker forked afterwards starts with them compiled: otherwise each new worker
    compiles them on its first requests, which then take hundreds of milliseconds."""
    compiled = 0
    for backend in engines.all():
        for directory in backend.template_dirs:
            root = Path(directory)
            for path in sorted(root.rglob("*")):
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                    continue
                try:
                    backend.get_template(path.relative_to(root).as_posix())
                except (TemplateSyntaxError, UnicodeDecodeError):
                    continue  # a file that is not a template of this engine (an SVG image, say)
                compiled += 1
    return compiled


def load_every_view():
    """Import every view and API module by loading the whole URL configuration, and work out every address's name,
    as a worker otherwise does on its first request (about a second)."""
    resolver = get_resolver()
    resolver.resolve("/")
    namespaced = sum(len(inner.reverse_dict) for _, inner in resolver.namespace_dict.values())
    return len(resolver.reverse_dict) + namespaced


def warm_up():
    """Everything above, and how many templates were compiled."""
    load_every_view()
    return compile_every_template()
