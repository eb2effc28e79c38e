"""The demo partnership shows stories: published ones (one about a failure) and one waiting for a reviewer."""

import pytest
from django.urls import reverse

from included.demo.stories import STORIES, load_demo_stories
from included.frameworks.loader import SHIPPED_DIR, load_framework_file
from included.stories.enums import Outcome, StoryStatus
from included.stories.models import Story
from tests.assessments.factories import make_reviewer
from tests.directory.factories import make_service
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory

from .factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_demo_stories_go_through_consent_review_and_publishing(client):
    load_framework_file(SHIPPED_DIR / "emif.yaml")
    for slug in ("getting-into-work", "co-production", "recruitment"):
        ThemeFactory(slug=slug, name=slug.replace("-", " ").capitalize())
    partnership = PartnershipFactory()
    organisations = {}
    for key in {spec["organisation"] for spec in STORIES["stories"]}:
        organisations[key] = OrganisationFactory(partnership=partnership)
        OrganisationMemberFactory(organisation=organisations[key], member=True)
    peer_support = make_service(organisations["works"], name="Thursday peer support group")
    load_demo_stories(partnership, organisations, make_reviewer(partnership))

    published = Story.objects.filter(status=StoryStatus.PUBLISHED)
    assert published.count() == 3
    assert published.filter(outcome=Outcome.DID_NOT_WORK).exists()
    assert Story.objects.filter(status=StoryStatus.IN_REVIEW).count() == 1
    failure = published.get(outcome=Outcome.DID_NOT_WORK)
    assert failure.people.get().consent_records.get().decision == "given"
    assert [n.kind for n in failure.review_notes.all()] == ["sent", "changes_asked", "answer", "agreed"]
    assert list(failure.services.all()) == [peer_support]
    library = client.get(
        reverse("stories:library", kwargs={"partnership_slug": partnership.slug}) + "?theme=getting-into-work"
    )
    assert "The evening job club nobody came to" in library.content.decode()
