"""Production mode must pass Django's deployment checks and serve its own static files through WhiteNoise."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory

from included.core import throttle

ROOT = Path(__file__).resolve().parents[2]


def run_in_production(*args, tmp_path, **extra_env):
    # The browser tests switch Django's async safety check off in this process while chromium runs. A deployment
    # must never do that, and `check --deploy` says so, so the production process does not inherit it.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "INCLUDED_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "INCLUDED_TOTP_KEYS": Fernet.generate_key().decode(),
        "INCLUDED_FIELD_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "included.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run_in_production("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout


HSTS_SETTINGS = (
    "from django.conf import settings; print(settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)"
)


def test_hsts_covers_subdomains_and_asks_for_preload_only_when_chosen(tmp_path):
    result = run_in_production("shell", "--no-imports", "-c", HSTS_SETTINGS, tmp_path=tmp_path)
    assert result.stdout.split() == ["False", "False"], result.stderr

    chosen = {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}
    result = run_in_production("shell", "--no-imports", "-c", HSTS_SETTINGS, tmp_path=tmp_path, **chosen)
    assert result.stdout.split() == ["True", "True"], result.stderr
    result = run_in_production("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **chosen)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_in_production("check", tmp_path=tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("key", ["x", "short-but-not-empty-key", "ab" * 40], ids=["one letter", "short", "repetitive"])
def test_production_refuses_a_secret_key_anyone_could_guess(tmp_path, key):
    result = run_in_production("check", tmp_path=tmp_path, SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too easy to guess" in result.stderr


def test_production_refuses_to_start_without_a_key_for_two_step_secrets(tmp_path):
    result = run_in_production("check", tmp_path=tmp_path, INCLUDED_TOTP_KEYS="")
    assert result.returncode != 0
    assert "Set INCLUDED_TOTP_KEYS" in result.stderr


def test_production_refuses_a_two_step_key_that_is_not_a_fernet_key(tmp_path):
    result = run_in_production("check", tmp_path=tmp_path, INCLUDED_TOTP_KEYS=f"{Fernet.generate_key().decode()},nope")
    assert result.returncode != 0
    assert "Key 2 in INCLUDED_TOTP_KEYS is not a Fernet key" in result.stderr


def test_production_refuses_to_start_without_a_key_for_what_people_write(tmp_path):
    result = run_in_production("check", tmp_path=tmp_path, INCLUDED_FIELD_KEYS="")
    assert result.returncode != 0
    assert "Set INCLUDED_FIELD_KEYS" in result.stderr


def test_production_refuses_a_field_key_that_is_not_a_fernet_key(tmp_path):
    keys = f"{Fernet.generate_key().decode()},nope"
    result = run_in_production("check", tmp_path=tmp_path, INCLUDED_FIELD_KEYS=keys)
    assert result.returncode != 0
    assert "Key 2 in INCLUDED_FIELD_KEYS is not a Fernet key" in result.stderr


@pytest.mark.django_db
def test_static_files_collect_with_hashed_names_for_whitenoise(tmp_path):
    result = run_in_production(
        "collectstatic", "--noinput", tmp_path=tmp_path, INCLUDED_STATIC_ROOT=str(tmp_path / "static")
    )
    assert result.returncode == 0, result.stderr + result.stdout
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "build/included.css" in manifest


def test_the_mail_server_gets_a_timeout_so_a_silent_server_cannot_hold_a_worker_for_ever(tmp_path):
    read_timeout = "from django.core.mail import mailers; print(mailers.default.timeout)"

    result = run_in_production(
        "shell", "--no-imports", "-c", read_timeout, tmp_path=tmp_path, EMAIL_HOST="smtp.included.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "10"

    result = run_in_production(
        "shell",
        "--no-imports",
        "-c",
        read_timeout,
        tmp_path=tmp_path,
        EMAIL_HOST="smtp.included.example",
        EMAIL_TIMEOUT="3",
    )
    assert result.stdout.strip() == "3"


def production_caches(tmp_path, **extra_env):
    """The CACHES setting a production process ends up with."""
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = run_in_production("shell", "--no-imports", "-c", code, tmp_path=tmp_path, **extra_env)
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads(result.stdout.strip().splitlines()[-1])


def visitor_at(address):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_production_keeps_the_sign_in_limits_in_one_database_table_and_other_limits_out_of_the_cache(
    tmp_path, settings
):
    caches = production_caches(tmp_path)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert caches["default"]["OPTIONS"]["MAX_ENTRIES"] >= 50_000

    # The same cache, in the test database, made small: many visitors at once fill it past its size, and it throws
    # entries away, but Included's own limits count in a table of their own and lose nothing.
    settings.CACHES = {
        "default": {**caches["default"], "LOCATION": "production_like_cache", "OPTIONS": {"MAX_ENTRIES": 100}}
    }
    call_command("createcachetable", verbosity=0)
    visitors = [visitor_at(f"198.51.{number // 250}.{number % 250}") for number in range(1200)]
    for number, visitor in enumerate(visitors):
        throttle.allow(visitor, "test:form", limit=1, window_seconds=60)
        cache.set(f"kept-content-{number}", "x" * 100)

    assert cache.get("kept-content-0") is None
    assert not throttle.allow(visitors[0], "test:form", limit=1, window_seconds=60)


def test_a_cache_in_each_workers_memory_fails_the_deployment_checks(tmp_path):
    result = run_in_production("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, CACHE_TABLE="")
    assert result.returncode != 0
    assert "included.W001" in result.stderr + result.stdout
