"""Frameworks written in the browser: drafts that save as you go, publish by the upload's rules, and never change."""

import pytest
from django.urls import reverse

from included.assessments import services as assessment_services
from included.core.models import AuditEvent
from included.core.versions import EditConflict
from included.frameworks import drafting, services
from included.frameworks.enums import DraftStatus
from included.frameworks.fileformat import MAX_SECTIONS, FrameworkFileError, framework_yaml, parse_framework
from included.frameworks.loader import load_framework_file
from included.frameworks.models import (
    Framework,
    FrameworkDraft,
    FrameworkItem,
    FrameworkVersion,
    ItemPrompt,
    PublishedVersionError,
)
from tests.assessments.factories import rate_every_item
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory

from .drafts import build_tiny_framework, edit
from .samples import SMALL_FRAMEWORK

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


@pytest.fixture
def tiny(coordinator):
    return build_tiny_framework(coordinator.partnership, coordinator.user)


def publish(draft, by):
    draft.refresh_from_db()
    return services.publish_draft(draft, expected_version=draft.version, by=by)


def counts():
    return [model.objects.count() for model in (Framework, FrameworkVersion, FrameworkItem, ItemPrompt)]


# Writing a draft


def test_a_new_draft_starts_with_its_name_and_sensible_guesses(coordinator):
    draft = services.start_draft(coordinator.partnership, name="Our Good Work Promise", by=coordinator.user)
    assert draft.content["name"] == "Our Good Work Promise"
    assert draft.content["slug"] == "our-good-work-promise"
    assert draft.content["version"] == "1"
    assert draft.content["credit"] == f"Written by {coordinator.partnership.name}."
    assert AuditEvent.objects.filter(action="framework_draft.started", object_id=str(draft.pk)).exists()


def test_sending_the_start_form_twice_starts_one_draft(coordinator):
    first = services.start_draft(coordinator.partnership, name="Pledge", by=coordinator.user, form_token="t" * 24)
    again = services.start_draft(coordinator.partnership, name="Pledge", by=coordinator.user, form_token="t" * 24)
    assert first == again
    assert FrameworkDraft.objects.count() == 1


def test_each_save_adds_to_the_draft_in_order(tiny):
    content = tiny.content
    assert [level["name"] for level in content["scale"]] == ["Not yet", "On the way", "Done"]
    [section] = content["sections"]
    assert [item["title"] for item in section["items"]] == ["Pay a fair wage", "Open your doors"]
    assert [p["text"] for p in section["items"][0]["prompts"]] == ["Who is paid least?", "How do you know?"]


def test_moving_parts_up_and_down_changes_their_order(tiny, coordinator):
    by = coordinator.user
    assert edit(tiny, services.move_draft_part, part="item", key="open-your-doors", direction="up", by=by) == 1
    tiny.refresh_from_db()
    assert [item["key"] for item in tiny.content["sections"][0]["items"]] == ["open-your-doors", "pay-a-fair-wage"]
    # The first cannot go further up: nothing moves.
    assert edit(tiny, services.move_draft_part, part="item", key="open-your-doors", direction="up", by=by) == 1
    edit(tiny, services.move_draft_part, part="level", key="3", direction="up", by=by)
    edit(tiny, services.move_draft_part, part="prompt", key="pay-a-fair-wage:2", direction="up", by=by)
    tiny.refresh_from_db()
    assert [level["name"] for level in tiny.content["scale"]] == ["Not yet", "Done", "On the way"]
    assert tiny.content["sections"][0]["items"][1]["prompts"][0]["text"] == "How do you know?"


def test_removing_a_group_removes_its_prompts_and_removing_a_section_its_items(tiny, coordinator):
    edit(tiny, services.remove_draft_part, part="group", key="employers", by=coordinator.user)
    tiny.refresh_from_db()
    assert tiny.content["stakeholder_groups"] == []
    assert [p["group"] for p in tiny.content["sections"][0]["items"][0]["prompts"]] == ["all"]
    edit(tiny, services.remove_draft_part, part="section", key="our-steps", by=coordinator.user)
    tiny.refresh_from_db()
    assert tiny.content["sections"] == []


def test_a_part_that_is_not_there_is_not_found(tiny, coordinator):
    with pytest.raises(drafting.PartNotFound):
        edit(tiny, services.remove_draft_part, part="item", key="no-such-item", by=coordinator.user)
    with pytest.raises(drafting.PartNotFound):
        edit(
            tiny, services.move_draft_part, part="prompt", key="pay-a-fair-wage:9", direction="up", by=coordinator.user
        )


def test_two_sections_or_two_items_in_a_section_cannot_share_a_title(tiny, coordinator):
    before = tiny.content
    with pytest.raises(services.DraftProblem, match="Another section is already called"):
        edit(tiny, services.save_draft_section, title="  our STEPS ", intro="", assessed=False, by=coordinator.user)
    with pytest.raises(services.DraftProblem, match="Another item in this section is already called"):
        edit(
            tiny,
            services.save_draft_item,
            section_key="our-steps",
            number="3",
            title="open your doors",
            summary="",
            guidance="",
            by=coordinator.user,
        )
    tiny.refresh_from_db()
    assert tiny.content == before


def test_a_scale_holds_at_most_five_levels(tiny, coordinator):
    for name in ("Four", "Five"):
        edit(tiny, services.save_draft_level, name=name, descriptor="More.", by=coordinator.user)
    with pytest.raises(services.DraftProblem, match="already has 5 levels"):
        edit(tiny, services.save_draft_level, name="Six", descriptor="Too many.", by=coordinator.user)


def test_a_save_made_from_an_old_page_is_refused_and_changes_nothing(tiny, coordinator):
    old_version = tiny.version
    edit(tiny, services.change_draft_detail, field="short_name", value="Mine", by=coordinator.user)
    tiny.refresh_from_db()
    with pytest.raises(EditConflict) as conflict:
        services.change_draft_detail(
            tiny, field="short_name", value="Theirs", expected_version=old_version, by=coordinator.user
        )
    assert conflict.value.current.content["short_name"] == "Mine"
    tiny.refresh_from_db()
    assert tiny.content["short_name"] == "Mine"


# Publishing


def test_publishing_makes_the_same_records_as_an_upload_and_organisations_can_sign_up(tiny, coordinator):
    version = publish(tiny, coordinator.user)
    assert version.framework.partnership == coordinator.partnership
    assert version.framework.name == "Riverside Fair Start"
    assert version.version == "1"
    assert [level["level"] for level in version.scale] == [1, 2, 3]
    assert version.items.count() == 2
    assert ItemPrompt.objects.filter(item__version=version).count() == 3
    assert version.loaded_by == coordinator.user
    tiny.refresh_from_db()
    assert tiny.status == DraftStatus.PUBLISHED
    assert tiny.published_version == version
    assert AuditEvent.objects.filter(action="framework.version_loaded", object_id=str(version.pk)).exists()
    published = AuditEvent.objects.get(action="framework_draft.published")
    assert published.actor == coordinator.user
    assert published.partnership == coordinator.partnership
    assert published.mentions == {"version": ["frameworks.frameworkversion", version.pk]}
    # Any organisation of the partnership can sign up, as to any framework.
    admin = OrganisationMemberFactory(organisation__partnership=coordinator.partnership)
    sign_up = assessment_services.sign_up(
        admin.organisation, version, lead_name="Sam", lead_role="", statement="We will.", by=admin.user
    )
    assert sign_up.framework_version == version


def test_a_published_draft_never_changes(tiny, coordinator):
    version = publish(tiny, coordinator.user)
    tiny.refresh_from_db()
    content = tiny.content
    changes = [
        lambda: edit(tiny, services.change_draft_detail, field="name", value="New name", by=coordinator.user),
        lambda: edit(tiny, services.save_draft_level, number=1, name="X", descriptor="Y.", by=coordinator.user),
        lambda: edit(tiny, services.remove_draft_part, part="section", key="our-steps", by=coordinator.user),
        lambda: edit(tiny, services.move_draft_part, part="level", key="2", direction="up", by=coordinator.user),
        lambda: publish(tiny, coordinator.user),
        lambda: services.delete_draft(tiny, by=coordinator.user),
    ]
    for change in changes:
        with pytest.raises(services.DraftIsPublished):
            change()
    tiny.refresh_from_db()
    assert tiny.content == content
    assert FrameworkVersion.objects.filter(framework=version.framework).count() == 1


def test_a_published_version_itself_refuses_to_be_saved_again(tiny, coordinator):
    version = publish(tiny, coordinator.user)
    version.description = "Changed under the assessments."
    with pytest.raises(PublishedVersionError):
        version.save()
    version.refresh_from_db()
    assert version.description == "Three steps to fair work for local people."


def test_a_draft_with_problems_is_not_published_and_each_problem_has_a_place(coordinator):
    draft = services.start_draft(coordinator.partnership, name="Half done", by=coordinator.user)
    edit(draft, services.save_draft_level, name="Only one", descriptor="A single level.", by=coordinator.user)
    before = counts()
    with pytest.raises(FrameworkFileError) as refused:
        publish(draft, coordinator.user)
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
    places = {tuple(map(str, place)): message for place, message in refused.value.places}
    assert places[("short_name",)] == "this is empty. Write something here."
    assert places[("scale",)] == "this must have from 2 to 5 levels, but it has 1."
    assert places[("sections",)] == "this needs at least 1 section."


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"short_name": ""}, "short_name: this is empty. Write something here."),
        ({"description": "x" * 5001}, "description: this is 5001 characters long. It can be at most 5000 characters."),
        ({"slug": "Not A Slug"}, 'slug: "Not A Slug" cannot be used.'),
        ({"version": "1 0"}, 'version: "1 0" cannot be used.'),
        ({"source_url": "example.org"}, "source_url: this must be a full web address"),
        (
            {"scale": [{"name": "One", "descriptor": "Only."}]},
            "scale: this must have from 2 to 5 levels, but it has 1.",
        ),
    ],
)
def test_publishing_uses_exactly_the_checks_of_an_upload(tiny, coordinator, change, expected):
    """The draft's problems are the upload's problems, word for word, for the same framework."""
    tiny.content |= change
    tiny.save(update_fields=["content"])
    with pytest.raises(FrameworkFileError) as from_draft:
        services.check_draft(tiny, by=coordinator.user)
    with pytest.raises(FrameworkFileError) as from_file:
        parse_framework(services.draft_yaml(tiny, by=coordinator.user))
    assert [m for _, m in from_draft.value.places] == [m for _, m in from_file.value.places]
    assert [tuple(map(str, p)) for p, _ in from_draft.value.places] == [
        tuple(map(str, p)) for p, _ in from_file.value.places
    ]
    assert any(problem.startswith(expected) for problem in from_draft.value.problems)
    with pytest.raises(FrameworkFileError):
        publish(tiny, coordinator.user)


def test_a_version_number_already_published_is_refused_with_a_suggestion(tiny, coordinator):
    version = publish(tiny, coordinator.user)
    again = services.start_draft_from_version(version, by=coordinator.user)
    assert again.content["version"] == "2"
    edit(again, services.change_draft_detail, field="version", value="1", by=coordinator.user)
    with pytest.raises(FrameworkFileError) as refused:
        publish(again, coordinator.user)
    assert refused.value.places == [
        (
            ("version",),
            "version 1 of Fair Start already has exactly these words. Change something, or use that version.",
        )
    ]
    edit(again, services.change_draft_detail, field="description", value="New words.", by=coordinator.user)
    with pytest.raises(FrameworkFileError) as refused:
        publish(again, coordinator.user)
    [(place, message)] = refused.value.places
    assert place == ("version",)
    assert 'such as "1.1"' in message
    again.refresh_from_db()
    assert again.status == DraftStatus.DRAFT


def test_a_new_version_from_a_published_one_keeps_the_old_one_as_it_was(tiny, coordinator):
    first = publish(tiny, coordinator.user)
    draft = services.start_draft_from_version(first, by=coordinator.user)
    assert draft.based_on == first
    edit(
        draft,
        services.save_draft_item,
        key="open-your-doors",
        number="2",
        title="Open your doors wide",
        summary="",
        guidance="",
        by=coordinator.user,
    )
    second = publish(draft, coordinator.user)
    assert second.framework == first.framework
    assert second.version == "2"
    assert first.items.filter(title="Open your doors").exists()
    assert second.items.filter(title="Open your doors wide").exists()
    assert first.framework.current_version == second


def test_only_the_partnership_that_wrote_a_framework_starts_a_new_version_of_it(shipped_frameworks, coordinator):
    with pytest.raises(Exception, match="Only the coordinators of the partnership that wrote"):
        services.start_draft_from_version(shipped_frameworks["emif"], by=coordinator.user)


# Files: the two ways in give the same framework


def test_build_export_upload_elsewhere_gives_the_same_framework(tiny, coordinator):
    exported = services.draft_yaml(tiny, by=coordinator.user)
    version = publish(tiny, coordinator.user)
    elsewhere = load_framework_file(exported, partnership=PartnershipFactory()).version
    assert elsewhere.pk != version.pk
    assert framework_yaml(elsewhere.as_definition()) == exported
    assert framework_yaml(version.as_definition()) == exported
    assert version.source_sha256 == elsewhere.source_sha256


def test_an_uploaded_file_round_trips_through_a_draft(coordinator):
    uploaded = load_framework_file(SMALL_FRAMEWORK.encode(), partnership=coordinator.partnership).version
    draft = services.start_draft_from_version(uploaded, by=coordinator.user)
    edit(draft, services.change_draft_detail, field="version", value="1", by=coordinator.user)
    draft.refresh_from_db()
    assert parse_framework(services.draft_yaml(draft, by=coordinator.user)) == parse_framework(
        framework_yaml(uploaded.as_definition())
    )


def test_a_draft_with_words_from_anywhere_exports_as_a_file_that_loads(coordinator):
    draft = build_tiny_framework(coordinator.partnership, coordinator.user, name="yes")
    edit(
        draft,
        services.change_draft_detail,
        field="description",
        value='Colons: quotes " and ‘curly’ – #hash\nNew line ✓',
        by=coordinator.user,
    )
    edit(draft, services.change_draft_detail, field="version", value="1.10", by=coordinator.user)
    draft.refresh_from_db()
    definition = parse_framework(services.draft_yaml(draft, by=coordinator.user))
    assert definition["name"] == "yes"
    assert definition["version"] == "1.10"
    assert definition["description"] == 'Colons: quotes " and ‘curly’ – #hash\nNew line ✓'


def test_deleting_a_draft_is_audited(tiny, coordinator):
    services.delete_draft(tiny, by=coordinator.user)
    assert not FrameworkDraft.objects.exists()
    assert AuditEvent.objects.filter(action="framework_draft.deleted").exists()


def test_a_draft_stops_at_the_most_parts_a_framework_file_may_hold():
    content = drafting.new_content(name="Big", credit="Us.")
    for number in range(MAX_SECTIONS):
        drafting.save_section(content, None, title=f"Section {number}", intro="", assessed=True)
    with pytest.raises(drafting.DraftProblem, match=f"There are already {MAX_SECTIONS} sections"):
        drafting.save_section(content, None, title="One too many", intro="", assessed=True)
    assert len(content["sections"]) == MAX_SECTIONS


def test_keys_are_made_from_titles_and_never_clash_with_words_in_web_addresses():
    content = drafting.new_content(name="!!!", credit="Us.")
    assert content["slug"] == "framework"
    assert drafting.save_section(content, None, title="Add", intro="", assessed=True) == "add-2"
    assert drafting.save_section(content, None, title="Ωμέγα", intro="", assessed=True) == "part"
    assert drafting.save_group(content, None, name="All", sectors=["vcse"]) == "all-2"


def test_organisations_rate_themselves_on_a_three_level_scale_from_a_published_draft(client, tiny, coordinator):
    version = publish(tiny, coordinator.user)
    admin = OrganisationMemberFactory(organisation__partnership=coordinator.partnership)
    sign_up = assessment_services.sign_up(
        admin.organisation, version, lead_name="Sam", lead_role="", statement="We will.", by=admin.user
    )
    cycle = assessment_services.start_assessment(sign_up, by=admin.user)
    answer = cycle.items.with_framework().first()
    client.force_login(admin.user)
    page = client.get(
        reverse(
            "assessments:item",
            kwargs={
                "partnership_slug": coordinator.partnership.slug,
                "organisation_slug": admin.organisation.slug,
                "assessment_id": cycle.pk,
                "item_id": answer.pk,
            },
        )
    ).content.decode()
    assert "3 – Done: We do this all the time." in page
    assert "4 –" not in page
    rate_every_item(cycle, rating=3, by=admin.user)
    assert sorted(cycle.items.values_list("rating", "target")) == [(3, 3), (3, 3)]


@pytest.mark.parametrize(
    ("current", "taken", "expected"),
    [
        ("1", {"1"}, "2"),
        ("1", {"1", "2"}, "3"),
        ("2.1", {"2.1"}, "2.2"),
        ("2018", {"2018"}, "2018.1"),
        ("v-a", {"v-a"}, "v-a.1"),
    ],
)
def test_a_new_version_takes_the_next_free_number(current, taken, expected):
    assert services._next_version(current, taken) == expected
