"""A signed-out visitor is served a kept copy of a partnership's public page (included/partnerships/
signed_out_pages.py): the same page as one built afresh, with a nonce of its own, gone once anything on it changes,
and never a page that could belong to one person."""

import re

import pytest
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path, reverse

from included.core import kept_pages
from included.core.decorators import same_for_everyone_signed_out
from included.core.public_cache import bump_public_generation
from included.partnerships.signed_out_pages import PAGES
from tests.assessments.factories import SignUpFactory, admin_of, coordinator_of
from tests.directory.factories import make_service
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.helpers import views_marked

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="?csrfmiddlewaretoken"? value="?([A-Za-z0-9]+)')

# Every view whose whole page is kept for signed-out visitors. Marking another one means adding it here, and
# checking that it shows every signed-out visitor the same thing.
MARKED = {
    "assessments:commitment",
    "assessments:register",
    "commissioning:ledger",
    "coproduction:organisation_you_said_we_did",
    "coproduction:you_said_we_did",
    "directory:search",
    "directory:public_service",
    "frameworks:detail",
    "frameworks:list",
    "impact:annual_report",
    "impact:dashboard",
    "impact:item",
    "language:check",
    "opendata:dictionary",
    "opendata:index",
    "partnerships:privacy",
    "stories:library",
    "stories:public_story",
    "www:home",
}


@pytest.fixture(autouse=True)
def keep_pages(settings):
    settings.SIGNED_OUT_PAGE_CACHE_BYTES = 4 * 1024 * 1024
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def world(committed):
    with committed():
        partnership = PartnershipFactory(name="Riverside Inclusion Partnership", slug="riverside")
        organisation = OrganisationFactory(partnership=partnership, name="Bright Futures Bakery")
        SignUpFactory(organisation=organisation, statement="We open our doors to everyone.")
        service = make_service(organisation, name="Job club")
    return {"partnership": partnership, "organisation": organisation, "service": service}


def _addresses(world):
    partnership, organisation, service = world["partnership"], world["organisation"], world["service"]
    slug = {"partnership_slug": partnership.slug}
    return [
        reverse("assessments:register", kwargs=slug),
        reverse("assessments:commitment", kwargs=slug | {"organisation_slug": organisation.slug}),
        reverse("coproduction:you_said_we_did", kwargs=slug),
        reverse("frameworks:list", kwargs=slug),
        reverse("impact:dashboard", kwargs=slug),
        reverse("directory:search", kwargs=slug),
        reverse("directory:search", kwargs=slug) + "?q=job",
        reverse("directory:public_service", kwargs=slug | {"service_id": service.pk}),
        reverse("opendata:index", kwargs=slug),
        reverse("partnerships:privacy", kwargs=slug),
        reverse("commissioning:ledger", kwargs=slug),
        reverse("stories:library", kwargs=slug),
        f"/api/openreferral/{partnership.slug}/services",
        f"/api/openreferral/{partnership.slug}/services/{service.pk}",
        "/",
    ]


def _without_policy_nonce(response):
    return re.sub(r"'nonce-[^']+'", "", response["Content-Security-Policy"])


def _without_nonce(content):
    return NONCE.sub('nonce=""', content.decode())


def test_every_page_kept_for_signed_out_visitors_is_listed_and_checked_here():
    assert views_marked("same_for_everyone_signed_out") == MARKED


def test_a_kept_page_is_the_page_built_afresh_with_a_nonce_of_its_own(world, django_assert_max_num_queries):
    client = Client()
    with_a_nonce = 0
    for address in _addresses(world):
        built = client.get(address)
        assert built.status_code == 200, address
        with django_assert_max_num_queries(1):  # only the check that nothing on the page has changed
            kept = client.get(address)
        assert kept.status_code == 200 and kept.context is None, address  # served whole, no template rendered
        assert _without_nonce(kept.content) == _without_nonce(built.content), address
        assert kept["Content-Type"] == built["Content-Type"]
        assert kept.get("Access-Control-Allow-Origin") == built.get("Access-Control-Allow-Origin")
        if NONCE.search(built.content.decode()):
            with_a_nonce += 1
            nonce = NONCE.search(kept.content.decode())[1]
            assert nonce != NONCE.search(built.content.decode())[1]
            assert f"'nonce-{nonce}'" in kept["Content-Security-Policy"]
        assert _without_policy_nonce(kept) == _without_policy_nonce(built)
        assert "Cookie" in kept["Vary"]
    assert with_a_nonce >= 10, "the HTML pages carry a script with a nonce, so the nonce is checked on each"
    assert len(PAGES) == len(_addresses(world))


def test_a_committed_change_shows_at_once(world, committed):
    client = Client()
    search = reverse("directory:search", kwargs={"partnership_slug": world["partnership"].slug})
    register = reverse("assessments:register", kwargs={"partnership_slug": world["partnership"].slug})
    assert "Job club" in client.get(search).content.decode()
    assert "Bright Futures Bakery" in client.get(register).content.decode()
    with committed():
        make_service(world["organisation"], name="Digital drop-in")
        world["organisation"].name = "Bright Futures Bread"
        world["organisation"].save()
    assert "Digital drop-in" in client.get(search).content.decode()
    assert "Bright Futures Bread" in client.get(register).content.decode()


def test_a_change_to_a_place_of_a_service_shows_at_once(world, committed):
    from included.directory import services as directory

    client = Client()
    address = reverse(
        "directory:public_service", kwargs={"partnership_slug": "riverside", "service_id": world["service"].pk}
    )
    assert "Old hall" not in client.get(address).content.decode()
    with committed():
        directory.add_location(
            world["service"],
            {
                "location_type": "physical",
                "name": "Old hall",
                "address_1": "2 Mill Lane",
                "city": "Riverside",
                "postal_code": "RV2 1AA",
                "step_free": True,
                "hearing_loop": False,
                "bsl": False,
                "quiet_space": False,
                "accessible_toilet": False,
            },
            by=admin_of(world["organisation"]),
        )
    assert "Old hall" in client.get(address).content.decode()


def test_a_change_to_the_partnership_throws_its_kept_pages_away(world, committed):
    client = Client()
    register = reverse("assessments:register", kwargs={"partnership_slug": "riverside"})
    client.get(register)
    assert client.get(register).context is None
    with committed():
        world["partnership"].name = "Riverside Partnership"
        world["partnership"].save()
    page = client.get(register)
    assert page.context is not None
    assert "Riverside Partnership" in page.content.decode()


@pytest.mark.parametrize("change", ["new", "renamed", "updated", "deleted"])
def test_the_home_page_shows_a_change_to_any_partnership_at_once(world, committed, change):
    from included.partnerships.services import update_partnership

    client = Client()
    client.get("/")
    assert client.get("/").context is None
    with committed():
        if change == "new":
            PartnershipFactory(name="Harbourside Works Together", slug="harbourside")
        elif change == "renamed":
            world["partnership"].name = "Riverside Works Together"
            world["partnership"].save()
        elif change == "updated":
            update_partnership(
                world["partnership"], by=coordinator_of(world["partnership"]), name="Riverside Works Together"
            )
        else:
            other = PartnershipFactory(name="Gone Soon Partnership", slug="gone-soon")
    if change == "deleted":
        assert "Gone Soon Partnership" in client.get("/").content.decode()
        with committed():
            other.delete()
    page = client.get("/")
    assert page.context is not None
    shown = page.content.decode()
    assert ("Harbourside Works Together" in shown) == (change == "new")
    assert ("Riverside Works Together" in shown) == (change in ("renamed", "updated"))
    assert "Gone Soon Partnership" not in shown


def test_signed_in_people_never_get_a_kept_page_and_never_leave_one(world):
    partnership = world["partnership"]
    dashboard = reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug})
    coordinator = Client()
    coordinator.force_login(coordinator_of(partnership))
    signed_in = coordinator.get(dashboard)
    assert "Sign out" in signed_in.content.decode()
    assert len(PAGES) == 0
    public = Client().get(dashboard)
    assert "Sign out" not in public.content.decode()
    assert len(PAGES) == 1
    again = coordinator.get(dashboard)
    assert again.context is not None
    assert "Sign out" in again.content.decode()
    # The home page too, which is one page for signed-out visitors and another for each signed-in person.
    Client().get("/")
    home = coordinator.get("/")
    assert home.context is not None and "Sign out" in home.content.decode()


def test_a_visitor_with_a_message_waiting_or_a_session_gets_the_page_built(world):
    register = reverse("assessments:register", kwargs={"partnership_slug": "riverside"})
    Client().get(register)
    assert len(PAGES) == 1
    with_session = Client()
    with_session.cookies["sessionid"] = "anything"
    assert with_session.get(register).context is not None
    with_message = Client()
    with_message.cookies["messages"] = "anything"
    assert with_message.get(register).context is not None
    assert Client().get(register).context is None


def test_a_kept_page_goes_after_the_safety_net_time(world, settings, monkeypatch):
    register = reverse("assessments:register", kwargs={"partnership_slug": "riverside"})
    Client().get(register)
    assert Client().get(register).context is None
    now = kept_pages.time.monotonic()
    monkeypatch.setattr(kept_pages.time, "monotonic", lambda: now + settings.PUBLIC_PAGE_CACHE_SECONDS + 1)
    assert Client().get(register).context is not None


def test_pages_are_kept_up_to_the_memory_allowed_dropping_the_least_used(world, settings):
    slug = {"partnership_slug": "riverside"}
    first = Client().get(reverse("assessments:register", kwargs=slug))
    settings.SIGNED_OUT_PAGE_CACHE_BYTES = len(first.content) + 10
    Client().get(reverse("frameworks:list", kwargs=slug))
    assert len(PAGES) == 1
    assert Client().get(reverse("frameworks:list", kwargs=slug)).context is None
    assert Client().get(reverse("assessments:register", kwargs=slug)).context is not None


def test_odd_addresses_are_built_and_not_kept(world):
    search = reverse("directory:search", kwargs={"partnership_slug": "riverside"})
    assert Client().get(search + "?q=" + "x" * 600).status_code == 200
    assert Client().head(search).status_code == 200
    assert Client().get("/p/nowhere/find-help/").status_code == 404
    assert len(PAGES) == 0


# Pages that must never be kept, whatever their mark -------------------------------------------------------------


@same_for_everyone_signed_out
def _with_a_token_in_a_header(request, partnership_slug):
    response = HttpResponse("A script reads the token from a header.")
    response["X-CSRF-Token"] = get_token(request)
    return response


@same_for_everyone_signed_out
def _with_two_forms(request, partnership_slug):
    if request.method == "POST":
        return HttpResponse("Sent.")
    form = '<form method=post><input name=csrfmiddlewaretoken value="{}"></form>'
    return HttpResponse(form.format(get_token(request)) + form.format(get_token(request)))


@same_for_everyone_signed_out
def _with_a_message(request, partnership_slug):
    messages.success(request, "Saved")
    return HttpResponse("A message waits.")


@same_for_everyone_signed_out
def _with_a_cookie(request, partnership_slug):
    response = HttpResponse("A cookie.")
    response.set_cookie("seen", "yes")
    return response


@same_for_everyone_signed_out
def _streamed(request, partnership_slug):
    return StreamingHttpResponse(iter([b"a", b"b"]))


@same_for_everyone_signed_out
def _not_found(request, partnership_slug):
    return HttpResponse("Gone", status=404)


for _view in (_with_a_token_in_a_header, _with_two_forms, _with_a_message, _with_a_cookie, _streamed, _not_found):
    _view.login_required = False

urlpatterns = [
    path("p/<slug:partnership_slug>/header/", _with_a_token_in_a_header),
    path("p/<slug:partnership_slug>/forms/", _with_two_forms),
    path("p/<slug:partnership_slug>/message/", _with_a_message),
    path("p/<slug:partnership_slug>/cookie/", _with_a_cookie),
    path("p/<slug:partnership_slug>/streamed/", _streamed),
    path("p/<slug:partnership_slug>/gone/", _not_found),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("name", ["header", "message", "cookie", "streamed", "gone"])
def test_a_page_that_could_belong_to_one_visitor_is_never_kept(world, name):
    Client().get(f"/p/riverside/{name}/")
    assert len(PAGES) == 0


# Pages with forms: kept, and each visitor gets CSRF tokens of their own ---------------------------------------------


def _tokens(response):
    return TOKEN.findall(response.content.decode())


@pytest.mark.urls(__name__)
def test_a_kept_page_with_two_forms_gives_each_visitor_two_tokens_of_their_own_that_work(world):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    built = first.get("/p/riverside/forms/")
    kept = second.get("/p/riverside/forms/")

    assert len(PAGES) == 1
    built_tokens, kept_tokens = _tokens(built), _tokens(kept)
    assert len(built_tokens) == len(kept_tokens) == 2
    assert not set(built_tokens) & set(kept_tokens)
    assert kept.cookies["csrftoken"].value != built.cookies["csrftoken"].value
    for token in kept_tokens:
        assert second.post("/p/riverside/forms/", {"csrfmiddlewaretoken": token}).status_code == 200
    # And the first visitor's tokens are no good to the second.
    assert second.post("/p/riverside/forms/", {"csrfmiddlewaretoken": built_tokens[0]}).status_code == 403


def test_the_word_checker_is_kept_and_each_visitor_can_send_it_with_their_own_token(world):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get("/check-my-words/").context is not None
    kept = second.get("/check-my-words/")

    assert kept.context is None
    assert len(PAGES) == 1
    [token] = _tokens(kept)
    assert token not in first.get("/check-my-words/").content.decode()
    sent = second.post("/check-my-words/", {"csrfmiddlewaretoken": token, "text": "We will utilise our synergies."})
    assert sent.status_code == 200
    assert "utilise" in sent.content.decode() and sent.context is not None


def test_a_visitor_who_already_has_a_csrf_cookie_gets_tokens_from_it(world):
    Client().get("/check-my-words/")
    returning = Client(enforce_csrf_checks=True)
    returning.get(reverse("assessments:register", kwargs={"partnership_slug": "riverside"}))
    returning.cookies["csrftoken"] = "a" * 32

    kept = returning.get("/check-my-words/")

    assert kept.context is None
    [token] = _tokens(kept)
    sent = returning.post("/check-my-words/", {"csrfmiddlewaretoken": token, "text": "Plain words."})
    assert sent.status_code == 200


def test_a_page_of_no_partnership_goes_when_what_every_partnership_shows_changes(world, committed):
    Client().get("/check-my-words/")
    assert Client().get("/check-my-words/").context is None
    with committed():
        bump_public_generation(None)
    assert Client().get("/check-my-words/").context is not None


def test_a_partnerships_word_checker_is_kept_apart_from_the_one_for_everyone(world):
    for address in ("/check-my-words/", "/p/riverside/check-my-words/"):
        Client().get(address)
        assert Client().get(address).context is None
    assert len(PAGES) == 2
