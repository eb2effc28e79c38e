"""Lessons offered where they help: an item's page, where actions are added, shows the partnership's published
stories about that item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.assessments import services as assessments
from tests.factories import FrameworkVersionFactory, OrganisationFactory, OrganisationMemberFactory

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_an_items_page_offers_the_partnerships_published_lessons_about_it(client):
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    partnership = organisation.partnership
    version = FrameworkVersionFactory(items=1)
    framework_item = version.items.get()
    sign_up = assessments.sign_up(organisation, version, lead_name="L", lead_role="", statement="S.", by=admin.user)
    cycle = assessments.start_assessment(sign_up, by=admin.user)
    answer = cycle.items.get()
    url = reverse(
        "assessments:item",
        kwargs={
            "partnership_slug": partnership.slug,
            "organisation_slug": organisation.slug,
            "assessment_id": cycle.pk,
            "item_id": answer.pk,
        },
    )
    client.force_login(admin.user)
    assert "Others tried this" not in client.get(url).content.decode()

    other = OrganisationFactory(partnership=partnership, name="Millbrook Library")
    failure = StoryFactory(organisation=other, published=True, title="Drop-in sessions nobody knew about")
    failure.framework_items.set([framework_item])
    draft = StoryFactory(organisation=other, title="A draft with a lesson")
    draft.framework_items.set([framework_item])
    elsewhere = StoryFactory(published=True, title="From another partnership")
    elsewhere.framework_items.set([framework_item])

    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Others tried this" in page
    assert "Drop-in sessions nobody knew about" in page and "Millbrook Library: it did not work" in page
    assert "A draft with a lesson" not in page and "From another partnership" not in page

    for number in range(5):
        story = StoryFactory(organisation=other, published=True, title=f"Lesson {number}")
        story.framework_items.set([framework_item])
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "See more stories about this point" in page
    assert len(many) == len(few)
