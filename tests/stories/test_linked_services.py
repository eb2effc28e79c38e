"""Stories that tell about directory services: only published services of the story's own partnership can be
linked, pages show only published services, and a service's page shows only published stories."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.directory import services as directory_services
from included.stories import services
from included.stories.models import Story
from tests.directory.factories import admin_of, make_service
from tests.factories import OrganisationFactory, OrganisationMemberFactory

from .factories import StoryFactory
from .test_stories import STORY_FORM, org_url, public_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def member():
    return OrganisationMemberFactory(member=True)


@pytest.fixture
def organisation(member):
    return member.organisation


@pytest.fixture
def partnership(organisation):
    return organisation.partnership


@pytest.fixture
def neighbour(partnership):
    """Another organisation of the same partnership, with a published service."""
    return OrganisationFactory(partnership=partnership)


def service_url(service):
    return reverse(
        "directory:public_service",
        kwargs={"partnership_slug": service.partnership.slug, "service_id": service.pk},
    )


def test_the_form_offers_the_partnerships_published_services_only(client, member, organisation, neighbour):
    published = make_service(neighbour, name="Riverside job club")
    draft = make_service(organisation, name="Draft advice line", published=False)
    elsewhere = make_service(OrganisationFactory(), name="Faraway food bank")
    client.force_login(member.user)
    form = client.get(org_url("write", organisation=organisation)).content.decode()
    assert "Riverside job club" in form
    assert "Draft advice line" not in form and "Faraway food bank" not in form

    response = client.post(org_url("write", organisation=organisation), STORY_FORM | {"services": [published.pk]})
    assert response.status_code == 302
    story = Story.objects.get()
    assert list(story.services.all()) == [published]
    page = client.get(org_url("story", story)).content.decode()
    assert "Riverside job club" in page and service_url(published) in page

    for refused in (draft, elsewhere):
        response = client.post(
            org_url("change", story), STORY_FORM | {"version": story.version, "services": [refused.pk]}
        )
        assert response.status_code == 200
        assert "Choose from the list" in response.content.decode()
        assert list(story.services.all()) == [published]


def test_the_services_refuse_a_draft_or_another_partnerships_service(member, organisation, neighbour):
    published = make_service(neighbour)
    draft = make_service(neighbour, name="Not yet", published=False)
    elsewhere = make_service(OrganisationFactory())
    values = {key: value for key, value in STORY_FORM.items()}
    for refused in (draft, elsewhere):
        with pytest.raises(PermissionDenied):
            services.write_story(organisation, by=member.user, services=[refused], **values)
    assert not Story.objects.exists()

    story = services.write_story(organisation, by=member.user, services=[published], **values)
    for refused in (draft, elsewhere):
        with pytest.raises(PermissionDenied):
            services.update_story(story, by=member.user, expected_version=story.version, services=[refused])
    story.refresh_from_db()
    assert list(story.services.all()) == [published] and story.version == 1


def test_story_pages_show_only_services_the_public_can_see(client, member, organisation, neighbour):
    shown = make_service(neighbour, name="Riverside job club")
    later_hidden = make_service(neighbour, name="Closing soon café")
    story = StoryFactory(organisation=organisation, published=True)
    story.services.set([shown, later_hidden])
    directory_services.unpublish_service(later_hidden, by=admin_of(neighbour))

    public = client.get(public_url(story)).content.decode()
    assert "Riverside job club" in public and service_url(shown) in public
    assert "Closing soon café" not in public
    client.force_login(member.user)
    own = client.get(org_url("story", story)).content.decode()
    assert "Riverside job club" in own and "Closing soon café" not in own


def test_a_services_page_lists_only_published_stories_that_tell_about_it(client, organisation, neighbour):
    service = make_service(neighbour)
    for title, traits in (
        ("Told in public", {"published": True}),
        ("Still a draft", {}),
        ("Waiting for review", {"in_review": True}),
    ):
        StoryFactory(organisation=organisation, title=title, **traits).services.set([service])
    archived = OrganisationFactory(partnership=organisation.partnership, archived_at=timezone.now())
    StoryFactory(organisation=archived, title="From an organisation that left", published=True).services.set([service])
    StoryFactory(organisation=organisation, title="About something else", published=True)

    page = client.get(service_url(service)).content.decode()
    assert "Stories about this service" in page and "Told in public" in page
    for hidden in ("Still a draft", "Waiting for review", "From an organisation that left", "About something else"):
        assert hidden not in page
    story = Story.objects.get(title="Told in public")
    assert public_url(story) in page


def _queries(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context)


def test_the_pages_run_the_same_queries_however_many_links(member, organisation, neighbour):
    service = make_service(neighbour)
    story = StoryFactory(organisation=organisation, published=True)
    story.services.set([service])
    StoryFactory(organisation=organisation, published=True).services.set([service])
    signed_out, signed_in = Client(), Client()
    signed_in.force_login(member.user)
    addresses = [
        (signed_out, service_url(service)),
        (signed_out, public_url(story)),
        (signed_in, org_url("story", story)),
    ]
    for who, address in addresses:
        who.get(address)  # warm anything loaded once per process
    few = [_queries(who, address) for who, address in addresses]

    for n in range(12):
        StoryFactory(
            organisation=OrganisationFactory(partnership=organisation.partnership), published=True
        ).services.set([service])
        story.services.add(make_service(neighbour, name=f"Service {n}"))
    assert [_queries(who, address) for who, address in addresses] == few
