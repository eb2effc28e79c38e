"""A signed-in person is served the page they were last shown at an address again (included/core/
signed_in_pages.py): only in the session it was built for, the same page as one built afresh with a nonce of its
own, gone once anything is written to the database, and never a page that wrote something or could change the
session."""

import datetime
import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from included.accounts.middleware import TWO_STEP_DONE
from included.core import audit, kept_pages, signed_in_pages
from included.core.decorators import kept_for_each_person
from included.core.models import AuditEvent
from included.core.signed_in_pages import PAGES, _shows_on_no_page, data_generation
from included.organisations.models import Organisation
from tests.accounts.helpers import sign_in_with_password_only
from tests.assessments.factories import SignUpFactory, admin_of, coordinator_of
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory
from tests.helpers import views_marked

pytestmark = pytest.mark.django_db

AUTHENTICATION_RECORDS = "account_authentication_methods"  # where allauth notes how the person signed in

NONCE = re.compile(r'nonce="([^"]+)"')

# Every view whose page is kept for each signed-in person. Marking another one means adding it here, and checking
# that showing it writes nothing and leaves the session as it was (or it is simply never kept).
MARKED = {
    "assessments:my_reviews",
    "assessments:overview",
    "coproduction:activities",
    "coproduction:organisation_measures",
    "coproduction:partnership_measures",
    "impact:dashboard",
    "impact:report",
    "joining:requests",
    "organisations:members",
    "www:home",
    "www:invitations",
    "www:organisation_home",
}


@pytest.fixture(autouse=True)
def keep_pages(settings):
    settings.SIGNED_IN_PAGE_CACHE_BYTES = 4 * 1024 * 1024
    settings.SIGNED_IN_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def world(committed):
    with committed():
        partnership = PartnershipFactory(name="Riverside Inclusion Partnership", slug="riverside")
        organisation = OrganisationFactory(partnership=partnership, name="Bright Futures Bakery")
        SignUpFactory(organisation=organisation, statement="We open our doors to everyone.")
        admin = admin_of(organisation)
        coordinator = coordinator_of(partnership)
    return {"partnership": partnership, "organisation": organisation, "admin": admin, "coordinator": coordinator}


@pytest.fixture
def sign_in(committed):
    """A browser signed in as the person. Signing in writes (the time of the last sign-in), committed as in real
    use: a write left uncommitted would hold back the new generation of every later write in the test."""

    def signed_in(user, client=None):
        client = client or Client()
        with committed():
            client.force_login(user)
        return client

    return signed_in


def _organisation_home(world):
    return reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": world["partnership"].slug, "organisation_slug": world["organisation"].slug},
    )


def _addresses(world):
    slug = {"partnership_slug": world["partnership"].slug}
    organisation = slug | {"organisation_slug": world["organisation"].slug}
    return {
        "admin": [
            "/",
            _organisation_home(world),
            reverse("coproduction:activities", kwargs=organisation),
            reverse("coproduction:organisation_measures", kwargs=organisation),
            reverse("organisations:members", kwargs=organisation),
        ],
        "coordinator": [
            "/",
            reverse("assessments:overview", kwargs=slug),
            reverse("www:invitations", kwargs=slug),
            reverse("coproduction:partnership_measures", kwargs=slug),
            reverse("impact:dashboard", kwargs=slug),
            reverse("joining:requests", kwargs=slug),
        ],
    }


def _kept(client, address):
    """Open the page until it is kept, and give the page as it was last built. The first page a browser opens
    gives it its CSRF cookie, and the first page of an organisation makes it the one the person acts for: the
    session changes, so neither is kept."""
    built = client.get(address)
    for _ in range(3):
        assert built.status_code == 200 and built.context is not None, address
        again = client.get(address)
        if _served_whole(again):
            return built
        built = again
    raise AssertionError(f"{address} was never kept")


def _served_whole(response):
    return response.status_code == 200 and response.context is None  # no template rendered


def _without_nonce(content):
    return NONCE.sub('nonce=""', content.decode())


def test_every_page_kept_for_each_person_is_listed_and_checked_here():
    assert views_marked("kept_for_each_person") == MARKED


def test_a_kept_page_is_the_page_built_afresh_with_a_nonce_of_its_own(world, django_assert_max_num_queries, sign_in):
    for role, addresses in _addresses(world).items():
        client = sign_in(world[role])
        for address in addresses:
            built = _kept(client, address)
            # The session, and the check that nothing has been written since: not the person, whose row is as it
            # was when the page was built.
            with django_assert_max_num_queries(2):
                kept = client.get(address)
            assert _served_whole(kept), address
            # Served before the rest of the middleware: every header a page built afresh gets, it gets too.
            assert set(kept.headers) == set(built.headers), address
            assert kept["X-Frame-Options"] == "DENY"
            assert _without_nonce(kept.content) == _without_nonce(built.content), address
            nonce = NONCE.search(kept.content.decode())[1]
            assert nonce != NONCE.search(built.content.decode())[1]
            assert f"'nonce-{nonce}'" in kept["Content-Security-Policy"]
            assert "Cookie" in kept["Vary"]
            assert kept["Content-Type"] == built["Content-Type"]


def test_the_forms_on_a_kept_page_still_work(world, sign_in):
    client = sign_in(world["admin"], Client(enforce_csrf_checks=True))
    _kept(client, "/")
    kept = client.get("/")
    assert _served_whole(kept)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept.content.decode())[1]
    signed_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_nobody_else_is_served_a_persons_page(world, committed, sign_in):
    address = _organisation_home(world)
    admin = sign_in(world["admin"])
    _kept(admin, address)
    assert _served_whole(admin.get(address))
    with committed():
        member = OrganisationMemberFactory(organisation=world["organisation"], role="member").user
    other = sign_in(member)
    first = other.get(address)
    assert first.context is not None
    assert member.email not in admin.get(address).content.decode()
    # The same person in another browser gets a page built for that session.
    assert sign_in(world["admin"]).get(address).context is not None


def test_a_committed_change_shows_at_once(world, committed, sign_in):
    address = _organisation_home(world)
    client = sign_in(world["admin"])
    _kept(client, address)
    with committed():
        Organisation.objects.filter(pk=world["organisation"].pk).update(name="Bright Futures Kitchen")
    page = client.get(address)
    assert page.context is not None
    assert "Bright Futures Kitchen" in page.content.decode()
    assert _served_whole(client.get(address))


@pytest.mark.parametrize(
    "change",
    [
        "model_save",
        "raw_sql",
        "delete",
    ],
)
def test_every_kind_of_write_throws_kept_pages_away(world, committed, change, sign_in):
    client = sign_in(world["coordinator"])
    address = reverse("assessments:overview", kwargs={"partnership_slug": "riverside"})
    _kept(client, address)
    with committed():
        if change == "model_save":
            OrganisationFactory(partnership=world["partnership"], name="Harbour Cafe")
        elif change == "raw_sql":
            with connection.cursor() as cursor:
                sql = 'UPDATE "organisations_organisation" SET "name" = %s WHERE "id" = %s'
                cursor.execute(sql, ["Renamed", world["organisation"].pk])
        else:
            OrganisationFactory(partnership=world["partnership"], name="Gone soon").delete()
    assert client.get(address).context is not None


def test_a_change_that_is_rolled_back_keeps_the_pages(world, sign_in):
    client = sign_in(world["coordinator"])
    address = reverse("assessments:overview", kwargs={"partnership_slug": "riverside"})
    _kept(client, address)
    generation = data_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.filter(pk=world["organisation"].pk).update(name="Never saved")
        raise RuntimeError
    assert data_generation() == generation
    assert _served_whole(client.get(address))


def test_signing_out_ends_it_even_with_the_old_cookie(world, sign_in):
    client = sign_in(world["admin"])
    address = _organisation_home(world)
    _kept(client, address)
    cookies = client.cookies
    client.post(reverse("account_logout"))
    thief = Client()
    thief.cookies = cookies
    assert thief.get(address).status_code == 302  # to sign in


@pytest.mark.parametrize("change", ["account_closed", "new_password"])
def test_a_person_who_may_no_longer_be_signed_in_is_not_served_their_page(world, committed, sign_in, change):
    """The kept page is served before the person's row is read: a change to it must still end the session."""
    client = sign_in(world["admin"])
    address = _organisation_home(world)
    _kept(client, address)
    with committed():
        if change == "account_closed":
            type(world["admin"]).objects.filter(pk=world["admin"].pk).update(is_active=False)
        else:
            world["admin"].set_password("a whole new passphrase 2026")
            world["admin"].save()
    assert client.get(address).status_code == 302  # to sign in


def test_the_checks_before_the_page_still_run(world, sign_in):
    """A coordinator whose session has no two-step code is sent to type one, kept page or not."""
    client = sign_in(world["coordinator"])
    address = reverse("assessments:overview", kwargs={"partnership_slug": "riverside"})
    _kept(client, address)
    assert _served_whole(client.get(address))
    session = client.session
    del session[TWO_STEP_DONE]
    del session[AUTHENTICATION_RECORDS]
    session.save()
    assert client.get(address).status_code == 302
    password_only = Client()
    sign_in_with_password_only(password_only, world["coordinator"])
    assert password_only.get(address).status_code == 302


def test_a_message_waiting_is_shown_on_a_page_built_for_it(world, sign_in):
    client = sign_in(world["admin"])
    address = _organisation_home(world)
    _kept(client, address)
    request = client.get(address).wsgi_request
    storage = CookieStorage(request)
    storage.add(messages.SUCCESS, "Your statement is saved.")
    response = HttpResponse()
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value
    page = client.get(address)
    assert page.context is not None and "Your statement is saved." in page.content.decode()


def test_a_kept_page_goes_after_its_time_and_at_the_end_of_the_day(world, settings, monkeypatch, sign_in):
    client = sign_in(world["admin"])
    _kept(client, "/")
    assert _served_whole(client.get("/"))
    now = kept_pages.time.monotonic()
    monkeypatch.setattr(kept_pages.time, "monotonic", lambda: now + settings.SIGNED_IN_PAGE_CACHE_SECONDS + 1)
    assert client.get("/").context is not None
    monkeypatch.undo()
    assert _served_whole(client.get("/"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    assert client.get("/").context is not None


def test_without_a_csrf_cookie_the_page_is_built_and_not_kept(world, sign_in):
    client = sign_in(world["admin"])
    for _ in range(3):
        client.cookies.pop("csrftoken", None)
        assert client.get("/").context is not None
    assert len(PAGES) == 0


def test_nothing_is_kept_when_it_is_turned_off(world, settings, sign_in):
    settings.SIGNED_IN_PAGE_CACHE_BYTES = 0
    client = sign_in(world["admin"])
    for _ in range(3):
        assert client.get("/").context is not None
    assert len(PAGES) == 0


def test_a_write_before_the_cache_table_exists_still_works(settings, committed, caplog, monkeypatch):
    """On a new server `migrate` runs before `createcachetable`, and migrations write."""
    monkeypatch.setattr(signed_in_pages, "_this_process_warned", [])
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_cache_table_yet"}
    }
    with committed(), connection.cursor() as cursor:
        cursor.execute('UPDATE "organisations_organisation" SET "name" = %s WHERE "id" = %s', ["Renamed", 0])
    assert "Could not set a new data generation" in caplog.text


def test_what_counts_as_a_write():
    assert _shows_on_no_page('SELECT "x"."id" FROM "x"')
    assert _shows_on_no_page('SAVEPOINT "s1"')
    assert _shows_on_no_page('UPDATE "django_session" SET "session_data" = %s')
    assert _shows_on_no_page('DELETE FROM "django_session" WHERE "expire_date" < %s')
    assert not _shows_on_no_page('INSERT INTO "organisations_organisation" ("name") VALUES (%s)')
    assert not _shows_on_no_page('update "assessments_assessment" set "status" = %s')
    assert not _shows_on_no_page('DELETE FROM "core_auditevent" WHERE "id" IN (%s)')
    assert not _shows_on_no_page("WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved")
    assert not _shows_on_no_page("TRUNCATE organisations_organisation")
    assert _shows_on_no_page('CREATE TABLE "new_things" ("id" integer)')  # a migration: the servers restart


# Pages that must never be kept, whatever their mark -------------------------------------------------------------


@kept_for_each_person
def _writes_as_it_is_shown(request):
    audit.record("test.page_seen", actor=request.user, summary="Saw the page")
    return HttpResponse("Seen, and recorded.")


@kept_for_each_person
def _changes_the_session(request):
    request.session["last_seen"] = "the page"
    return HttpResponse("The session changed.")


@kept_for_each_person
def _with_a_message(request):
    messages.success(request, "Saved")
    return HttpResponse("A message waits.")


@kept_for_each_person
def _with_a_cookie(request):
    response = HttpResponse(f"A cookie. {get_token(request)}")
    response.set_cookie("seen", "yes")
    return response


@kept_for_each_person
def _streamed(request):
    return StreamingHttpResponse(iter([b"a", b"b"]))


@kept_for_each_person
def _not_found(request):
    return HttpResponse("Gone", status=404)


urlpatterns = [
    path("writes/", _writes_as_it_is_shown),
    path("session/", _changes_the_session),
    path("message/", _with_a_message),
    path("cookie/", _with_a_cookie),
    path("streamed/", _streamed),
    path("gone/", _not_found),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("name", ["writes", "session", "message", "cookie", "streamed", "gone"])
def test_a_page_that_wrote_or_could_belong_to_one_response_is_never_kept(world, name, sign_in):
    client = sign_in(world["admin"])
    for _ in range(3):
        client.get(f"/{name}/")
    assert len(PAGES) == 0


@pytest.mark.urls(__name__)
def test_a_page_that_records_who_saw_it_records_every_time(world, sign_in):
    client = sign_in(world["admin"])
    for _ in range(3):
        client.get("/writes/")
    assert AuditEvent.objects.filter(action="test.page_seen").count() == 3
