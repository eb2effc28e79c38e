"""Typed work kept when a session ends: only for forms that offer it back, never secrets, never too much; and
expired sessions, with whatever they kept, are cleared on a schedule."""

import ast
import inspect
import re
import secrets
import shlex
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from included.core.middleware import KEPT_WORK, KEPT_WORK_MAX_BYTES
from tests.coproduction.factories import ActivityFactory
from tests.factories import OrganisationMemberFactory

pytestmark = pytest.mark.django_db

DEPLOYMENT_DOC = Path(settings.BASE_DIR) / "docs" / "deployment.md"


@pytest.fixture
def add_contribution_url():
    member = OrganisationMemberFactory(member=True)
    activity = ActivityFactory(organisation=member.organisation)
    organisation = activity.organisation
    return reverse(
        "coproduction:add_contribution",
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "activity_id": activity.pk,
        },
    )


def test_a_form_that_does_not_offer_typed_work_back_keeps_nothing(client):
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "my old secret", "password1": "a new secret 9!", "password2": "a new secret 9!"},
    )

    assert response.status_code == 302
    assert KEPT_WORK not in client.session


def test_fields_named_like_secrets_are_never_kept(client, add_contribution_url):
    client.post(
        add_contribution_url,
        {
            "text": "Typed just as my session ran out.",
            "consent_to_publish": "yes",
            "new_password1": "hunter2",
            "PASSWORD": "hunter2",
            "one_time_code": "123456",
            "otp": "654321",
            "api_key": "k-123",
            "reset-Token": "t-123",
            "client_secret": "s-123",
        },
    )

    kept = client.session[KEPT_WORK]["data"]
    assert kept == {"text": ["Typed just as my session ran out."], "consent_to_publish": ["yes"]}


def test_too_much_typed_work_keeps_nothing_and_says_so(client, add_contribution_url):
    text = "word " * (KEPT_WORK_MAX_BYTES // 5 + 1)

    response = client.post(add_contribution_url, {"text": text, "consent_to_publish": "yes"}, follow=True)

    assert KEPT_WORK not in client.session
    page = response.content.decode()
    assert "What you typed was too long for us to keep" in page
    assert "You were signed out, but we kept what you typed" not in page


def test_what_is_kept_is_small_however_much_is_sent(client, add_contribution_url):
    # Random letters, which do not shrink when the session is compressed.
    client.post(add_contribution_url, {"text": secrets.token_urlsafe(3 * 1024 * 1024)})

    assert all(len(row.session_data) < 8 * 1024 for row in Session.objects.all())


def _views():
    def walk(resolver):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern)
            elif isinstance(pattern, URLPattern):
                yield pattern.callback

    return list(walk(get_resolver()))


def _calls(function, names):
    """Whether the function's own code calls any of these names."""
    try:
        # dedent, not lstrip: a view made inside a function (one per dataset, say) is indented on every line.
        tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function))))
    except (OSError, TypeError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in names:
                return True
    return False


def test_every_view_that_offers_typed_work_back_opts_in():
    """A view that calls recover_kept_work (itself or through a helper in its module) must be marked
    @keeps_typed_work, or the middleware would keep nothing for it and the feature would quietly stop."""
    checked = []
    for view in {id(view): view for view in _views()}.values():
        module = inspect.getmodule(inspect.unwrap(view))
        if module is None or not module.__name__.startswith("included."):
            continue
        helpers = {"recover_kept_work"} | {
            name
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and _calls(function, {"recover_kept_work"})
        }
        if _calls(view, helpers):
            checked.append(view.__name__)
            name = f"{module.__name__}.{view.__name__}"
            assert getattr(view, "keeps_typed_work", False), f"{name} needs @keeps_typed_work"
    assert len(checked) >= 10


def _cron_command():
    """The scheduled command in docs/deployment.md that clears expired sessions, as manage.py arguments."""
    lines = [line for line in DEPLOYMENT_DOC.read_text().splitlines() if "manage.py clearsessions" in line]
    assert lines, "docs/deployment.md should say how to clear expired sessions on a schedule"
    fields = lines[0].split(None, 5)
    assert all(re.fullmatch(r"[\d*/,-]+", field) for field in fields[:5]), f"not a cron line: {lines[0]}"
    words = shlex.split(fields[5])
    return words[words.index("manage.py") + 1 :]


def test_the_scheduled_clean_up_clears_expired_sessions_and_keeps_live_ones():
    expired = SessionStore()
    expired[KEPT_WORK] = {"path": "/somewhere/", "data": {"text": ["old words"]}}
    expired.create()
    live = SessionStore()
    live[KEPT_WORK] = {"path": "/somewhere/", "data": {"text": ["new words"]}}
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(minutes=1))

    call_command(*_cron_command())

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
