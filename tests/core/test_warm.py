"""Views are loaded and templates compiled before gunicorn forks its workers (gunicorn.conf.py's `when_ready`),
so a new worker's first requests are as quick as its later ones."""

import gc
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from django.template import engines

from included.core.warm import compile_every_template, load_every_view

ROOT = Path(__file__).resolve().parents[2]


def _compiled_names():
    cached = engines["django"].engine.template_loaders[0]
    return {key.split("-")[0] for key in getattr(cached, "get_template_cache", {})}


def test_every_template_is_compiled_into_the_cached_loader():
    engines["django"].engine.template_loaders[0].reset()
    assert compile_every_template() > 400
    compiled = _compiled_names()
    # A page, the layout every page extends, and a form field (the form renderer uses the same engine).
    for name in ("www/dashboard.html", "base.html", "core/forms/field.html"):
        assert name in compiled


def test_every_view_is_loaded_and_every_address_named():
    assert load_every_view() > 200


def test_gunicorn_compiles_them_before_forking_only_where_django_is_loaded(caplog, monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # not in the test run itself
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    engines["django"].engine.template_loaders[0].reset()
    logger = logging.getLogger("gunicorn-test")
    with caplog.at_level(logging.INFO, logger="gunicorn-test"):
        config["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=True), log=logger))
    assert "www/dashboard.html" in _compiled_names()
    assert "Loaded every view and compiled" in caplog.text
    assert frozen == [True], "what was loaded is set aside from the garbage collector before the workers fork"
    engines["django"].engine.template_loaders[0].reset()
    config["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=False), log=logger))
    assert "www/dashboard.html" not in _compiled_names()
