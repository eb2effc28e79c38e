"""Factories for stories, with traits named for what they mean."""

import datetime
import struct
import zlib

import factory

from included.stories import services
from included.stories.enums import Appears, ConsentDecision, ConsentMethod, Outcome, StoryStatus
from included.stories.models import Story, StoryPerson, Theme
from tests.factories import OrganisationFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("partnership", "slug")

    partnership = None
    name = factory.Sequence(lambda n: f"Peer support {n}")
    slug = factory.Sequence(lambda n: f"peer-support-{n}")


class StoryFactory(factory.django.DjangoModelFactory):
    """A draft about a job club that did not work as hoped, with nobody named in it."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Our evening job club {n}")
    tried = "We ran a job club on Tuesday evenings for six weeks."
    for_whom = "People who had been out of work for a long time and care for someone during the day."
    happened = "Only two people came after the first week. The bus stopped running at seven."
    outcome = Outcome.DID_NOT_WORK
    learnt = "Ask people when they can come, and how they will get home, before you pick a time."
    differently = "We would ask the people it is for to choose the time and place."
    easy_read_summary = "We ran a job club. Not many people came. The time was wrong."
    status = StoryStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=StoryStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )
        in_review = factory.Trait(
            status=StoryStatus.IN_REVIEW,
            sent_for_review_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
        )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def add_person_with_consent(story, by, *, name="Jo Bloggs", appears=Appears.NAMED):
    person = services.add_person(story, name=name, appears=appears, by=by)
    services.record_consent(
        person,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.EASY_READ,
        given_on=datetime.date(2026, 3, 2),
        note="",
        by=by,
    )
    return StoryPerson.objects.get(pk=person.pk)


def png_bytes():
    """A real one-pixel PNG image."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def build_story_world(organisation, by):
    """For the role matrices: a draft with a person and a picture, a story waiting for review, and a published one
    with a described picture."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = StoryFactory(organisation=organisation)
    person = services.add_person(draft, name="Jo Bloggs", appears=Appears.NAMED, by=by)
    image = services.add_image(
        draft, SimpleUploadedFile("p.png", png_bytes()), content_type="image/png", description="", by=by
    )
    waiting = StoryFactory(organisation=organisation, in_review=True, title="Waiting for a reviewer")
    published = StoryFactory(organisation=organisation, published=True, title="A published story")
    shown = services.add_image(
        published, SimpleUploadedFile("q.png", png_bytes()), content_type="image/png", description="A cake", by=by
    )
    return draft, person, image, waiting, published, shown
