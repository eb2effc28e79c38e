"""Only the coordinators of the partnership that owns a framework draft may change it, whoever calls the service."""

import pytest
from django.core.exceptions import PermissionDenied

from included.frameworks import services
from included.frameworks.models import FrameworkDraft, FrameworkVersion
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

from .drafts import build_tiny_framework

pytestmark = pytest.mark.django_db

CALLS = {
    "change a detail": lambda d, by: services.change_draft_detail(
        d, field="name", value="Taken over", expected_version=d.version, by=by
    ),
    "add a level": lambda d, by: services.save_draft_level(
        d, name="Extra", descriptor="More.", expected_version=d.version, by=by
    ),
    "add a group": lambda d, by: services.save_draft_group(
        d, name="Funders", sectors=["funder"], expected_version=d.version, by=by
    ),
    "add a section": lambda d, by: services.save_draft_section(
        d, title="More", intro="", assessed=True, expected_version=d.version, by=by
    ),
    "add an item": lambda d, by: services.save_draft_item(
        d, section_key="our-steps", number="3", title="More", summary="", guidance="", expected_version=d.version, by=by
    ),
    "add a prompt": lambda d, by: services.save_draft_prompt(
        d, item_key="open-your-doors", group="all", kind="question", text="Why?", expected_version=d.version, by=by
    ),
    "remove a part": lambda d, by: services.remove_draft_part(
        d, part="section", key="our-steps", expected_version=d.version, by=by
    ),
    "move a part": lambda d, by: services.move_draft_part(
        d, part="item", key="open-your-doors", direction="up", expected_version=d.version, by=by
    ),
    "publish": lambda d, by: services.publish_draft(d, expected_version=d.version, by=by),
    "delete": lambda d, by: services.delete_draft(d, by=by),
    "check": lambda d, by: services.check_draft(d, by=by),
    "export": lambda d, by: services.draft_yaml(d, by=by),
}


@pytest.fixture
def draft():
    coordinator = PartnershipMemberFactory()
    return build_tiny_framework(coordinator.partnership, coordinator.user)


def outsiders(draft):
    return {
        "a coordinator of another partnership": PartnershipMemberFactory().user,
        "an admin of an organisation in the partnership": OrganisationMemberFactory(
            organisation__partnership=draft.partnership
        ).user,
        "a reviewer in the partnership": PartnershipMemberFactory(partnership=draft.partnership, reviewer=True).user,
        "someone with no role": UserFactory(),
        "nobody signed in": None,
    }


@pytest.mark.parametrize("name", list(CALLS))
def test_draft_services_refuse_anyone_but_the_partnerships_coordinators(draft, name):
    before = FrameworkDraft.objects.values_list("content", "version", "status").get(pk=draft.pk)
    for who, user in outsiders(draft).items():
        with pytest.raises(PermissionDenied):
            CALLS[name](draft, user)
        assert FrameworkDraft.objects.values_list("content", "version", "status").get(pk=draft.pk) == before, who
    assert not FrameworkVersion.objects.exists()


def test_starting_drafts_refuses_anyone_but_the_partnerships_coordinators(draft):
    coordinator = draft.created_by
    version = services.publish_draft(draft, expected_version=draft.version, by=coordinator)
    for who, user in outsiders(draft).items():
        with pytest.raises(PermissionDenied):
            services.start_draft(draft.partnership, name="Mine now", by=user)
        with pytest.raises(PermissionDenied):
            services.start_draft_from_version(version, by=user)
        assert FrameworkDraft.objects.count() == 1, who
