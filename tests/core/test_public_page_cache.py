"""Public pages that are the same for everyone keep their content in the cache (included/core/public_cache.py), and
show every change at once, once it is committed."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.assessments import services as assessments
from included.coproduction import services as coproduction
from included.coproduction.enums import Decision
from included.core.public_cache import generations_for, public_generation
from included.frameworks.services import add_partnership_framework
from included.frameworks.views import EXAMPLE_FILE
from included.organisations import services as organisations
from included.organisations.enums import Sector
from included.partnerships import services as partnerships
from tests.assessments.factories import AssessmentFactory, ReviewFactory, SignUpFactory, admin_of
from tests.coproduction.factories import ActivityFactory, ContributionFactory
from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership", area="Riverside")


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


@pytest.fixture
def sign_up(partnership):
    organisation = OrganisationFactory(partnership=partnership, name="Bright Futures Bakery")
    return SignUpFactory(organisation=organisation, statement="We open our doors to everyone.")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is inside as if it were committed, as every change is in real use."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def register(partnership):
    return reverse("assessments:register", kwargs={"partnership_slug": partnership.slug})


def commitment(organisation):
    return reverse(
        "assessments:commitment",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )


def you_said_we_did(partnership):
    return reverse("coproduction:you_said_we_did", kwargs={"partnership_slug": partnership.slug})


def frameworks(partnership):
    return reverse("frameworks:list", kwargs={"partnership_slug": partnership.slug})


def framework(partnership, version):
    return reverse(
        "frameworks:detail",
        kwargs={
            "partnership_slug": partnership.slug,
            "framework_slug": version.framework.slug,
            "version": version.version,
        },
    )


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_each_public_page_seen_again_runs_far_fewer_queries(client, sign_up):
    partnership = sign_up.organisation.partnership
    ContributionFactory(activity=ActivityFactory(organisation=sign_up.organisation))
    for url in [
        register(partnership),
        register(partnership) + "?sector=employer&page=1",
        commitment(sign_up.organisation),
        you_said_we_did(partnership),
        frameworks(partnership),
        framework(partnership, sign_up.framework_version),
    ]:
        first = queries_for(client, url)
        again = queries_for(client, url)
        assert again < first, url
        # Only the partnership itself is read (for the page and its navigation): the rest comes from the cache.
        assert again <= 2, url


def test_a_new_sign_up_shows_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    assert "Hilltop Care" not in text_of(client, register(partnership))
    organisation = OrganisationFactory(partnership=partnership, name="Hilltop Care")
    with committed():
        assessments.sign_up(
            organisation,
            sign_up.framework_version,
            lead_name="Sam Lee",
            lead_role="Manager",
            statement="Everyone is welcome here.",
            by=admin_of(organisation),
        )
    page = text_of(client, register(partnership))
    assert "Hilltop Care" in page
    assert "Everyone is welcome here." in page


def test_a_changed_statement_shows_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    assert "We open our doors to everyone." in text_of(client, commitment(sign_up.organisation))
    with committed():
        assessments.update_statement(
            sign_up,
            lead_name="Priya Shah",
            lead_role="Manager",
            statement="Work here, as you are.",
            by=admin_of(sign_up.organisation),
        )
    assert "Work here, as you are." in text_of(client, register(partnership))
    assert "Work here, as you are." in text_of(client, commitment(sign_up.organisation))


def test_an_approved_statement_shows_at_once(client, partnership, coordinator, committed):
    with committed():
        partnerships.update_partnership(partnership, by=coordinator, statements_need_approval=True)
    organisation = OrganisationFactory(partnership=partnership, name="Hilltop Care")
    record = SignUpFactory(organisation=organisation, statement="Everyone is welcome here.")
    assert "Hilltop Care" not in text_of(client, register(partnership))
    with committed():
        assessments.approve_statement(record, by=coordinator, expected_version=record.version)
    assert "Everyone is welcome here." in text_of(client, register(partnership))


def test_a_withdrawal_shows_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    assert "Withdrew" not in text_of(client, register(partnership))
    with committed():
        assessments.withdraw_sign_up(sign_up, by=admin_of(sign_up.organisation))
    assert "Withdrew on" in text_of(client, register(partnership))
    assert "Withdrew on" in text_of(client, commitment(sign_up.organisation))


def test_a_new_name_and_sector_show_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    assert "Riverside Bakes" not in text_of(client, register(partnership))
    with committed():
        organisations.update_profile(
            sign_up.organisation, by=admin_of(sign_up.organisation), name="Riverside Bakes", sector=Sector.VCSE
        )
    page = text_of(client, register(partnership))
    assert "Riverside Bakes" in page
    assert "Bright Futures Bakery" not in page
    assert "Riverside Bakes" in text_of(client, register(partnership) + "?sector=vcse")


def test_archiving_and_restoring_show_at_once(client, sign_up, coordinator, committed):
    partnership = sign_up.organisation.partnership
    assert "Bright Futures Bakery" in text_of(client, register(partnership))
    with committed():
        organisations.archive_organisation(sign_up.organisation, by=coordinator)
    assert "Bright Futures Bakery" not in text_of(client, register(partnership))
    assert client.get(commitment(sign_up.organisation)).status_code == 404
    with committed():
        organisations.restore_organisation(sign_up.organisation, by=coordinator)
    assert "Bright Futures Bakery" in text_of(client, register(partnership))


def test_a_submitted_cycle_and_a_finished_review_show_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    assert "Waiting for review" not in text_of(client, register(partnership))
    with committed():
        cycle = AssessmentFactory(sign_up=sign_up, submitted=True)
    assert "Waiting for review" in text_of(client, register(partnership))
    assert "Reviewed by people with lived experience" not in text_of(client, commitment(sign_up.organisation))
    with committed():
        ReviewFactory(assessment=cycle, completed=True)
    assert "Reviewed by people with lived experience" in text_of(client, register(partnership))
    assert "Cycle 1" in text_of(client, commitment(sign_up.organisation))


def test_contributions_responses_and_consent_show_at_once(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    activity = ActivityFactory(organisation=sign_up.organisation)
    member = admin_of(sign_up.organisation)
    assert "Nothing has been published here yet." in text_of(client, you_said_we_did(partnership))
    with committed():
        said = coproduction.add_contribution(
            activity,
            by=member,
            text="Put the jobs on the radio.",
            stage=activity.stage,
            given_on=activity.held_on,
            consent_to_publish=True,
        )
    assert "Put the jobs on the radio." in text_of(client, you_said_we_did(partnership))
    with committed():
        coproduction.record_response(said, decision=Decision.ADOPTED, by=member, what_changed="We asked the station.")
    assert "We asked the station." in text_of(client, you_said_we_did(partnership))
    with committed():
        coproduction.change_contribution_choices(
            said,
            by=member,
            consent_to_publish=False,
            contributor_name="",
            named_publicly=False,
            contact_email="",
            wants_updates=False,
        )
    assert "Put the jobs on the radio." not in text_of(client, you_said_we_did(partnership))


def test_a_changed_partnership_clears_its_pages(client, partnership, coordinator, committed):
    before = generations_for(partnership.pk)
    with committed():
        partnerships.update_partnership(partnership, by=coordinator, contact_email="hello@riverside.example")
    # The shared generation: the home page lists every partnership.
    assert generations_for(partnership.pk) != before
    assert "hello@riverside.example" in text_of(client, register(partnership))


def test_a_published_framework_shows_at_once(client, partnership, coordinator, committed):
    assert "Bright Start" not in text_of(client, frameworks(partnership))
    with committed():
        add_partnership_framework(partnership, EXAMPLE_FILE.read_bytes(), by=coordinator)
    assert re.search(r"Added by this partnership", text_of(client, frameworks(partnership)))


def test_a_change_that_is_rolled_back_clears_nothing(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    before = public_generation(partnership.pk)
    with committed():
        try:
            with transaction.atomic():
                organisations.update_profile(sign_up.organisation, by=admin_of(sign_up.organisation), name="Gone")
                raise RuntimeError("something went wrong")
        except RuntimeError:
            pass
    assert public_generation(partnership.pk) == before
    assert "Bright Futures Bakery" in text_of(client, register(partnership))


def test_a_change_in_another_partnership_leaves_this_one_cached(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    elsewhere = OrganisationFactory(name="Far Away Ltd")
    before = public_generation(partnership.pk)
    first = queries_for(client, register(partnership))
    with committed():
        organisations.update_profile(elsewhere, by=admin_of(elsewhere), name="Further Away Ltd")
    assert public_generation(partnership.pk) == before
    assert queries_for(client, register(partnership)) < first


def test_with_the_cache_off_every_view_is_fresh(client, sign_up, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    partnership = sign_up.organisation.partnership
    first = queries_for(client, register(partnership))
    assert queries_for(client, register(partnership)) == first
    # Not even committed: with no cache, the page reads what is there now.
    organisations.update_profile(sign_up.organisation, by=admin_of(sign_up.organisation), name="Riverside Bakes")
    assert "Riverside Bakes" in text_of(client, register(partnership))


def test_a_coordinator_and_a_visitor_each_see_their_own_page_around_the_cached_content(client, sign_up, coordinator):
    partnership = sign_up.organisation.partnership
    visitor_page = text_of(client, frameworks(partnership))
    assert "Write a framework" not in visitor_page
    client.force_login(coordinator)
    coordinator_page = text_of(client, frameworks(partnership))
    assert "Write a framework" in coordinator_page
    assert reverse("assessments:overview", kwargs={"partnership_slug": partnership.slug}) in coordinator_page
    assert sign_up.framework_version.framework.name in coordinator_page
    coordinator_register = text_of(client, register(partnership))
    assert "Sign out" in coordinator_register
    client.logout()
    visitor_register = text_of(client, register(partnership))
    assert "Sign out" not in visitor_register
    assert reverse("assessments:overview", kwargs={"partnership_slug": partnership.slug}) not in visitor_register
    # The content is the same, from the cache; the nonce for scripts is new on each page.
    assert "We open our doors to everyone." in coordinator_register
    assert "We open our doors to everyone." in visitor_register
    nonces = {re.search(r'nonce="([^"]+)"', page).group(1) for page in (coordinator_register, visitor_register)}
    assert len(nonces) == 2


def test_a_generation_dropped_from_the_cache_comes_back_as_a_new_one(client, sign_up, committed):
    partnership = sign_up.organisation.partnership
    before = public_generation(partnership.pk)
    cache.delete(f"public-page:generation:{partnership.pk}")
    assert public_generation(partnership.pk) not in {before, "none"}
    # Changed while its generation was gone: the change still shows.
    text_of(client, register(partnership))
    cache.delete(f"public-page:generation:{partnership.pk}")
    with committed():
        organisations.update_profile(sign_up.organisation, by=admin_of(sign_up.organisation), name="Riverside Bakes")
    assert "Riverside Bakes" in text_of(client, register(partnership))


def test_a_page_past_the_end_is_not_kept(client, sign_up):
    partnership = sign_up.organisation.partnership
    url = register(partnership) + "?page=999"
    assert "Bright Futures Bakery" in text_of(client, url)
    first = queries_for(client, url)
    assert queries_for(client, url) == first


class _Builds:
    """A `build` for `cached_content` that counts its calls and gives a new value each time."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"built {self.calls}"


def test_content_past_its_time_is_built_again_by_one_request_while_the_others_get_the_old(
    partnership, settings, monkeypatch
):
    from included.core import public_cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    build = _Builds()
    assert public_cache.cached_content(partnership.pk, "measures", [1], build) == "built 1"
    assert public_cache.cached_content(partnership.pk, "measures", [1], build) == "built 1"
    now = public_cache.time.time()
    monkeypatch.setattr(public_cache.time, "time", lambda: now + 601)
    # The first request after its time builds it again; any request while it is building gets the old one.
    in_the_meantime = []

    def slow_build():
        in_the_meantime.append(public_cache.cached_content(partnership.pk, "measures", [1], build))
        return build()

    assert public_cache.cached_content(partnership.pk, "measures", [1], slow_build) == "built 2"
    assert in_the_meantime == ["built 1"]
    assert public_cache.cached_content(partnership.pk, "measures", [1], build) == "built 2"
    assert build.calls == 2


def test_a_build_that_fails_leaves_the_old_content_for_others_until_another_may_try(partnership, settings, monkeypatch):
    from included.core import public_cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    build = _Builds()
    public_cache.cached_content(partnership.pk, "measures", [1], build)
    now = public_cache.time.time()
    monkeypatch.setattr(public_cache.time, "time", lambda: now + 601)

    def failing_build():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        public_cache.cached_content(partnership.pk, "measures", [1], failing_build)
    assert public_cache.cached_content(partnership.pk, "measures", [1], build) == "built 1"
    cache.delete(next(key for key in _cache_keys() if key.endswith(":building")))
    assert public_cache.cached_content(partnership.pk, "measures", [1], build) == "built 2"


def test_a_change_is_never_given_old_content_while_it_is_built(partnership, settings, committed):
    from included.core import public_cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    build = _Builds()
    public_cache.cached_content(partnership.pk, "measures", [1], build)
    with committed():
        public_cache.bump_public_generation(partnership.pk)
    in_the_meantime = []

    def slow_build():
        in_the_meantime.append(public_cache.cached_content(partnership.pk, "measures", [1], build))
        return build()

    public_cache.cached_content(partnership.pk, "measures", [1], slow_build)
    assert in_the_meantime == ["built 2"]  # built afresh, not the content from before the change


def _cache_keys():
    return [key.split(":", 2)[2] for key in cache._cache]  # the test settings' cache is Django's in-memory one


def test_content_cached_before_entries_carried_their_time_is_never_misread(partnership, settings):
    """An upgrade finds the older entries, the content alone, in the shared cache: they are not read as (time,
    content), even where the content is itself a pair."""
    from included.core import public_cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    own, shared = public_cache._generations([partnership.pk, public_cache.EVERY_PARTNERSHIP])
    digest = public_cache.hashlib.sha256(b"1").hexdigest()[:32]
    old_content = ("a page of organisations", 42)  # content that is itself a pair
    cache.set(f"public-page:measures:{partnership.pk}:{own}:{shared}:{digest}", old_content, 600)
    assert public_cache.cached_content(partnership.pk, "measures", [1], _Builds()) == "built 1"
