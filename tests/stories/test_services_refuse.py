"""Every service that changes stories refuses someone without the right, and changes nothing when it does."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from included.stories import services
from included.stories.enums import Appears, ConsentDecision, ConsentMethod, StoryStatus
from included.stories.models import ConsentRecord, ReviewNote, Story, StoryImage, StoryPerson, StorySettings
from tests.assessments.factories import make_reviewer
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory

from .factories import StoryFactory, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    member = OrganisationMemberFactory(member=True)
    organisation = member.organisation
    partnership = organisation.partnership
    outsider = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership)).user
    story = StoryFactory(organisation=organisation)
    waiting = StoryFactory(organisation=organisation, in_review=True)
    person = services.add_person(story, name="Jo", appears=Appears.NAMED, by=member.user)
    image = services.add_image(
        story, SimpleUploadedFile("p.png", png_bytes()), content_type="image/png", description="", by=member.user
    )
    return {
        "member": member.user,
        "outsider": outsider,
        "other_reviewer": make_reviewer(PartnershipMemberFactory().partnership),
        "coordinator_elsewhere": PartnershipMemberFactory().user,
        "organisation": organisation,
        "partnership": partnership,
        "story": story,
        "waiting": waiting,
        "person": person,
        "image": image,
    }


def _counts():
    return [m.objects.count() for m in (Story, StoryPerson, ConsentRecord, StoryImage, ReviewNote, StorySettings)]


CALLS = {
    "write_story": lambda w, by: services.write_story(
        w["organisation"], by=by, title="T", tried="a", for_whom="b", happened="c", outcome="worked", learnt="d"
    ),
    "update_story": lambda w, by: services.update_story(w["story"], by=by, expected_version=1, title="Changed"),
    "add_person": lambda w, by: services.add_person(w["story"], name="Sam", appears=Appears.PICTURED, by=by),
    "record_consent": lambda w, by: services.record_consent(
        w["person"],
        decision=ConsentDecision.WITHDRAWN,
        method=ConsentMethod.SPOKEN,
        given_on=datetime.date(2026, 1, 1),
        by=by,
    ),
    "add_image": lambda w, by: services.add_image(
        w["story"], SimpleUploadedFile("p.png", png_bytes()), content_type="image/png", description="x", by=by
    ),
    "describe_image": lambda w, by: services.describe_image(w["image"], description="A tree", by=by),
    "take_person_out": lambda w, by: services.take_person_out(w["person"], by=by),
    "remove_image": lambda w, by: services.remove_image(w["image"], by=by),
    "publish_story": lambda w, by: services.publish_story(w["story"], by=by),
    "take_down": lambda w, by: services.take_down(w["story"], by=by),
    "send_for_review": lambda w, by: services.send_for_review(w["story"], by=by),
    "review_story": lambda w, by: services.review_story(w["waiting"], agreed=True, comments="", by=by),
    "change_story_settings": lambda w, by: services.change_story_settings(
        w["partnership"], review_required=False, by=by
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
@pytest.mark.parametrize("who", ["outsider", "other_reviewer", "coordinator_elsewhere"])
def test_services_refuse_people_without_the_right(world, name, who):
    before = _counts()
    story_before = Story.objects.values().get(pk=world["story"].pk)
    with pytest.raises(PermissionDenied):
        CALLS[name](world, world[who])
    assert _counts() == before
    assert Story.objects.values().get(pk=world["story"].pk) == story_before
    assert StoryPerson.objects.get(pk=world["person"].pk).taken_out_at is None


def test_a_member_of_the_organisation_may_not_review_its_own_story(world):
    with pytest.raises(PermissionDenied):
        services.review_story(world["waiting"], agreed=True, comments="", by=world["member"])
    assert Story.objects.get(pk=world["waiting"].pk).status == StoryStatus.IN_REVIEW
