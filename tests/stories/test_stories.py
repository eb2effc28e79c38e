"""Stories as members, reviewers and the public meet them: writing, consent, review, publishing and withdrawal."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.organisations.enums import Sector
from included.stories import services
from included.stories.enums import Appears, ConsentDecision, ConsentMethod, StoryStatus
from included.stories.models import ConsentRecord, Story, StoryPerson
from tests.assessments.factories import make_reviewer
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
)
from tests.helpers import read_download

from .factories import StoryFactory, ThemeFactory, add_person_with_consent, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def member():
    return OrganisationMemberFactory(member=True, organisation__sector=Sector.VCSE)


@pytest.fixture
def organisation(member):
    return member.organisation


@pytest.fixture
def partnership(organisation):
    return organisation.partnership


@pytest.fixture
def reviewer(partnership):
    return make_reviewer(partnership)


def org_url(name, story=None, **more):
    organisation = story.organisation if story else more.pop("organisation")
    kwargs = {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug}
    if story:
        kwargs["story_id"] = story.pk
    return reverse(f"stories:{name}", kwargs=kwargs | more)


def library_url(partnership, query=""):
    return reverse("stories:library", kwargs={"partnership_slug": partnership.slug}) + query


def public_url(story):
    return reverse(
        "stories:public_story", kwargs={"partnership_slug": story.organisation.partnership.slug, "story_id": story.pk}
    )


STORY_FORM = {
    "title": "Our evening job club",
    "tried": "We ran a job club on Tuesday evenings.",
    "for_whom": "Carers looking for part-time work.",
    "happened": "Two people came. The last bus left at seven.",
    "outcome": "did_not_work",
    "learnt": "Ask people when they can come.",
    "differently": "Let people choose the time.",
    "easy_read_summary": "The job club did not work. The time was wrong.",
}


def test_a_member_writes_a_draft_that_only_their_organisation_sees(client, member, organisation, partnership):
    client.force_login(member.user)
    response = client.post(org_url("write", organisation=organisation), STORY_FORM)
    story = Story.objects.get()
    assert response.status_code == 302
    assert story.status == StoryStatus.DRAFT and story.created_by == member.user
    page = client.get(org_url("story", story)).content.decode()
    assert "Our evening job club" in page and "It did not work" in page

    other = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership)).user
    elsewhere_reviewer = make_reviewer(PartnershipFactory())
    for who in (other, elsewhere_reviewer, make_reviewer(partnership)):
        viewer = Client()
        viewer.force_login(who)
        assert viewer.get(org_url("story", story)).status_code == 404
        assert viewer.get(org_url("change", story)).status_code == 404
        review = reverse("stories:review", kwargs={"partnership_slug": partnership.slug, "story_id": story.pk})
        assert viewer.get(review).status_code == 404
        assert viewer.get(public_url(story)).status_code == 404
    assert Client().get(public_url(story)).status_code == 404


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(client, member, organisation):
    client.force_login(member.user)
    response = client.post(org_url("write", organisation=organisation), STORY_FORM | {"learnt": "", "outcome": "x"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter what you learnt" in page and "Choose how it went" in page
    assert "Two people came. The last bus left at seven." in page
    assert "How easy your words are to read" in page
    assert not Story.objects.exists()


def test_two_people_changing_the_same_story_are_shown_both_versions(client, member, organisation):
    story = StoryFactory(organisation=organisation)
    client.force_login(member.user)
    services.update_story(story, by=member.user, expected_version=1, title="Their title")
    response = client.post(org_url("change", story), STORY_FORM | {"version": 1, "title": "My title"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Their title" in page and "My title" in page
    assert Story.objects.get(pk=story.pk).title == "Their title"


def test_publishing_is_refused_until_everyone_named_has_consent(member, organisation, partnership):
    services.change_story_settings(partnership, review_required=False, by=_coordinator(partnership))
    story = StoryFactory(organisation=organisation)
    person = services.add_person(story, name="Jo Bloggs", appears=Appears.NAMED, by=member.user)
    with pytest.raises(services.NotReady) as refused:
        services.publish_story(story, by=member.user)
    assert "Record the consent of Jo Bloggs" in refused.value.problems[0]
    services.record_consent(
        person,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.SUPPORTER,
        given_on=datetime.date(2026, 2, 1),
        by=member.user,
    )
    assert services.publish_story(story, by=member.user).status == StoryStatus.PUBLISHED


def test_publishing_is_refused_until_every_picture_is_described(client, member, organisation, partnership):
    services.change_story_settings(partnership, review_required=False, by=_coordinator(partnership))
    story = StoryFactory(organisation=organisation)
    client.force_login(member.user)
    response = client.post(
        org_url("add_image", story), {"image": SimpleUploadedFile("me.png", png_bytes()), "description": ""}
    )
    assert response.status_code == 302
    refused = client.post(org_url("publish", story))
    assert refused.status_code == 400
    assert "Describe 1 picture" in refused.content.decode()
    assert Story.objects.get(pk=story.pk).status == StoryStatus.DRAFT
    image = story.images.get()
    client.post(org_url("describe_image", story, image_id=image.pk), {"description": "Two people at a table."})
    assert client.post(org_url("publish", story)).status_code == 302
    assert Story.objects.get(pk=story.pk).status == StoryStatus.PUBLISHED


def test_a_file_that_is_not_a_picture_is_refused(client, member, organisation):
    story = StoryFactory(organisation=organisation)
    client.force_login(member.user)
    response = client.post(
        org_url("add_image", story), {"image": SimpleUploadedFile("me.png", b"%PDF-1.4 not a picture")}
    )
    assert response.status_code == 200
    assert "The picture must be a PNG or JPEG file" in response.content.decode()
    assert not story.images.exists()


def test_a_picture_is_public_only_once_its_story_is_published(client, member, organisation, partnership):
    story = StoryFactory(organisation=organisation)
    image = services.add_image(
        story, SimpleUploadedFile("p.png", png_bytes()), content_type="image/png", description="A cake", by=member.user
    )
    url = reverse(
        "stories:picture", kwargs={"partnership_slug": partnership.slug, "story_id": story.pk, "image_id": image.pk}
    )
    assert Client().get(url).status_code == 404
    client.force_login(member.user)
    seen = client.get(url)
    assert seen["Content-Type"] == "image/png"
    assert read_download(seen) == png_bytes()
    Story.objects.filter(pk=story.pk).update(
        status=StoryStatus.PUBLISHED, published_at=datetime.datetime.now(datetime.UTC)
    )
    response = Client().get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    read_download(response)


def test_review_is_required_by_default_and_goes_back_and_forth(member, organisation, partnership, reviewer):
    story = StoryFactory(organisation=organisation)
    with pytest.raises(services.NotReady):
        services.publish_story(story, by=member.user)
    services.send_for_review(story, by=member.user)
    with pytest.raises(services.NotReady):
        services.update_story(story, by=member.user, expected_version=Story.objects.get().version, title="x")
    services.review_story(story, agreed=False, comments="Say 'people' not 'the unemployed'.", by=reviewer)
    assert Story.objects.get().status == StoryStatus.CHANGES_ASKED
    services.send_for_review(story, by=member.user, answer="We changed the words.")
    services.review_story(story, agreed=True, comments="", by=reviewer)
    story = services.publish_story(story, by=member.user)
    assert story.status == StoryStatus.PUBLISHED
    assert [note.kind for note in story.review_notes.all()] == ["sent", "changes_asked", "answer", "agreed"]


def test_withdrawn_consent_takes_the_story_down_at_once_and_takes_the_name_out(
    client, member, organisation, partnership, committed
):
    services.change_story_settings(partnership, review_required=False, by=_coordinator(partnership))
    story = StoryFactory(organisation=organisation, happened="Jo Bloggs came every week. jo bloggs made tea.")
    person = add_person_with_consent(story, member.user, name="Jo Bloggs")
    with committed():
        services.publish_story(story, by=member.user)
    assert "Our evening job club" in client.get(library_url(partnership)).content.decode()
    assert client.get(public_url(story)).status_code == 200

    with committed():
        services.record_consent(
            person,
            decision=ConsentDecision.WITHDRAWN,
            method=ConsentMethod.SPOKEN,
            given_on=datetime.date(2026, 4, 1),
            note="Jo Bloggs rang us.",
            by=member.user,
        )

    assert "Our evening job club" not in client.get(library_url(partnership)).content.decode()
    assert client.get(public_url(story)).status_code == 404
    story.refresh_from_db()
    assert story.status == StoryStatus.TAKEN_DOWN
    assert "Jo Bloggs" not in story.happened.lower().title() and "bloggs" not in story.happened.lower()
    assert StoryPerson.objects.get(pk=person.pk).name == StoryPerson.WITHDRAWN_NAME
    assert not ConsentRecord.objects.filter(note__icontains="bloggs").exists()
    assert ConsentRecord.objects.filter(person=person).count() == 2
    with pytest.raises(services.NotReady):
        services.publish_story(story, by=member.user)

    # Once the story no longer names them, they are taken out, their records kept, and it can go back.
    services.take_person_out(StoryPerson.objects.get(pk=person.pk), by=member.user)
    with committed():
        services.publish_story(story, by=member.user)
    assert "Our evening job club" in client.get(library_url(partnership)).content.decode()
    assert ConsentRecord.objects.filter(person=person).count() == 2


def test_a_picture_taken_out_is_deleted_once_the_change_commits(member, organisation, committed):
    story = StoryFactory(organisation=organisation)
    image = services.add_image(
        story, SimpleUploadedFile("p.png", png_bytes()), content_type="image/png", description="", by=member.user
    )
    stored = image.file.name
    with committed():
        services.remove_image(image, by=member.user)
    assert not story.images.exists()
    assert not image.file.storage.exists(stored)


def test_consent_records_are_never_changed():
    record = ConsentRecord(decision="given", method="spoken", given_on=datetime.date(2026, 1, 1))
    record._state.adding = False
    with pytest.raises(ValueError, match="never changed"):
        record.save()


def _published(partnership, number, **more):
    stories = []
    for _ in range(number):
        organisation = OrganisationFactory(partnership=partnership, **more)
        stories.append(StoryFactory(organisation=organisation, published=True))
    return stories


def test_the_library_filters_by_theme_sector_and_framework_point(client, partnership):
    peer = ThemeFactory(name="Peer support", slug="peer-support")
    item = FrameworkVersionFactory(items=1).items.get()
    StoryFactory(
        organisation=OrganisationFactory(partnership=partnership, sector=Sector.VCSE),
        published=True,
        title="Peer mentors",
        themes=[peer],
    )
    about_item = StoryFactory(organisation__partnership=partnership, published=True, title="Open doors")
    about_item.framework_items.set([item])
    StoryFactory(organisation__partnership=partnership, title="A draft nobody sees")

    everything = client.get(library_url(partnership)).content.decode()
    assert "Peer mentors" in everything and "Open doors" in everything and "A draft nobody sees" not in everything
    by_theme = client.get(library_url(partnership, "?theme=peer-support")).content.decode()
    assert "Peer mentors" in by_theme and "Open doors" not in by_theme
    by_sector = client.get(library_url(partnership, "?sector=vcse")).content.decode()
    assert "Peer mentors" in by_sector and "Open doors" not in by_sector
    by_item = client.get(library_url(partnership, f"?item={item.pk}")).content.decode()
    assert "Open doors" in by_item and "Peer mentors" not in by_item
    wrong = client.get(library_url(partnership, "?theme=nothing&sector=x&item=abc"))
    assert wrong.status_code == 200


def test_the_library_is_paginated(client, partnership):
    _published(partnership, 12)
    first = client.get(library_url(partnership)).content.decode()
    assert "12 stories, page 1 of 2" in first
    assert "page 2 of 2" in client.get(library_url(partnership, "?page=2")).content.decode()


def test_the_library_runs_the_same_queries_however_many_stories(client, partnership, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    theme = ThemeFactory()
    item = FrameworkVersionFactory(items=1).items.get()

    def add(number):
        for story in _published(partnership, number):
            story.themes.set([theme])
            story.framework_items.set([item])

    add(2)
    client.get(library_url(partnership, f"?theme={theme.slug}"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(library_url(partnership, f"?theme={theme.slug}&page=1")).status_code == 200
    add(15)
    with CaptureQueriesContext(connection) as many:
        assert client.get(library_url(partnership, f"?theme={theme.slug}&page=2")).status_code == 200
    assert len(many) == len(few)


def test_the_library_seen_again_comes_from_the_cache(client, partnership):
    _published(partnership, 3)
    client.get(library_url(partnership))
    with CaptureQueriesContext(connection) as again:
        assert client.get(library_url(partnership)).status_code == 200
    assert len(again) <= 2


def _coordinator(partnership):
    from tests.factories import PartnershipMemberFactory

    return PartnershipMemberFactory(partnership=partnership).user
