"""The pages where coordinators write a framework: short forms that keep what was typed, and refuse others."""

import pytest
from django.urls import reverse

from included.frameworks.enums import DraftStatus
from included.frameworks.fileformat import parse_framework
from included.frameworks.loader import load_framework_file
from included.frameworks.models import FrameworkDraft, FrameworkVersion
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

from .drafts import build_tiny_framework
from .samples import SMALL_FRAMEWORK

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    member = PartnershipMemberFactory()
    client.force_login(member.user)
    return member


@pytest.fixture
def tiny(coordinator):
    return build_tiny_framework(coordinator.partnership, coordinator.user)


def url(name, draft, **kwargs):
    return reverse(
        f"frameworks:{name}", kwargs={"partnership_slug": draft.partnership.slug, "draft_id": draft.pk, **kwargs}
    )


def fresh(draft):
    draft.refresh_from_db()
    return draft


def test_a_coordinator_starts_a_framework_with_its_name(client, coordinator):
    start = reverse("frameworks:start_draft", kwargs={"partnership_slug": coordinator.partnership.slug})
    page = client.get(start).content.decode()
    assert page.count("<h1") == 1
    response = client.post(start, {"name": "Hillside Good Work"})
    draft = FrameworkDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("draft", draft)
    overview = client.get(response["Location"]).content.decode()
    assert "Hillside Good Work" in overview
    assert "Not given yet" in overview
    assert overview.count("<h1") == 1


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "Enter the framework&#x27;s name"),
        ("   ", "Enter the framework&#x27;s name"),
        ("x" * 201, "This must be 200 characters or fewer"),
        ("Pledge\x00", "Null characters are not allowed."),
        ("Pledge\u202e", "hidden character"),
    ],
)
def test_starting_a_framework_with_a_bad_name_saves_nothing_and_says_why(client, coordinator, name, error):
    start = reverse("frameworks:start_draft", kwargs={"partnership_slug": coordinator.partnership.slug})
    response = client.post(start, {"name": name})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert error in page
    assert not FrameworkDraft.objects.exists()


def test_people_outside_the_partnerships_coordinators_get_a_404(client, tiny):
    before = fresh(tiny).content
    others = [
        PartnershipMemberFactory().user,
        PartnershipMemberFactory(partnership=tiny.partnership, reviewer=True).user,
        OrganisationMemberFactory(organisation__partnership=tiny.partnership).user,
    ]
    for user in others:
        client.force_login(user)
        assert client.get(url("draft", tiny)).status_code == 404
        assert client.get(url("draft_export", tiny)).status_code == 404
        response = client.post(url("draft_detail", tiny, field="name"), {"value": "Mine", "version": tiny.version})
        assert response.status_code == 404
        assert client.post(url("draft_publish", tiny), {"version": tiny.version}).status_code == 404
    assert fresh(tiny).content == before
    assert not FrameworkVersion.objects.exists()


def test_a_detail_saves_from_its_own_page(client, tiny):
    response = client.post(url("draft_detail", tiny, field="short_name"), {"value": "Start", "version": tiny.version})
    assert response.status_code == 302
    assert fresh(tiny).content["short_name"] == "Start"


def test_a_detail_that_is_not_one_is_not_found(client, tiny):
    assert client.get(url("draft_detail", tiny, field="sections")).status_code == 404


def test_two_coordinators_saving_at_once_see_both_versions_and_keep_what_they_typed(client, tiny):
    opened = tiny.version
    client.post(url("draft_detail", tiny, field="short_name"), {"value": "First", "version": opened})
    response = client.post(url("draft_detail", tiny, field="short_name"), {"value": "Second", "version": opened})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Compare the two versions" in page
    assert "First" in page
    assert 'value="Second"' in page
    assert fresh(tiny).content["short_name"] == "First"
    # Saving again from the page now shown works.
    response = client.post(
        url("draft_detail", tiny, field="short_name"), {"value": "Second", "version": fresh(tiny).version}
    )
    assert response.status_code == 302
    assert fresh(tiny).content["short_name"] == "Second"


def test_a_huge_or_broken_prompt_is_refused_with_its_reason(client, tiny):
    address = url("draft_add_prompt", tiny, key="open-your-doors")
    for data, error in [
        ({"group": "all", "kind": "question", "text": "x" * 1001}, "This must be 1000 characters or fewer"),
        ({"group": "shops", "kind": "question", "text": "Why?"}, "Choose who the prompt is for"),
        ({"group": "all", "kind": "gossip", "text": "Why?"}, "Choose the kind of prompt"),
        ({"group": "all", "kind": "question", "text": ""}, "Write the prompt"),
    ]:
        response = client.post(address, data | {"version": fresh(tiny).version})
        assert response.status_code == 200
        assert error in response.content.decode()
    assert len(fresh(tiny).content["sections"][0]["items"][1]["prompts"]) == 1


def test_a_duplicate_section_title_is_refused_on_the_page(client, tiny):
    response = client.post(
        url("draft_add_section", tiny), {"title": "Our Steps", "assessed": "yes", "version": tiny.version}
    )
    assert response.status_code == 200
    assert "Another section is already called" in response.content.decode()
    assert len(fresh(tiny).content["sections"]) == 1


def test_parts_move_up_and_down_with_buttons_that_need_no_javascript(client, tiny):
    section = url("draft_section", tiny, key="our-steps")
    page = client.get(section).content.decode()
    assert 'Move<span class="govuk-visually-hidden"> “Pay a fair wage”</span> down' in page
    response = client.post(
        url("draft_move", tiny),
        {
            "part": "item",
            "key": "pay-a-fair-wage",
            "direction": "down",
            "version": tiny.version,
            "next": section + "#items",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == section + "#items"
    assert [i["key"] for i in fresh(tiny).content["sections"][0]["items"]] == ["open-your-doors", "pay-a-fair-wage"]


def test_a_move_never_sends_people_outside_the_draft(client, tiny):
    response = client.post(
        url("draft_move", tiny),
        {"part": "level", "key": "2", "direction": "up", "version": tiny.version, "next": "https://evil.example/"},
    )
    assert response["Location"] == url("draft", tiny)


def test_removing_a_part_asks_first(client, tiny):
    address = url("draft_remove", tiny, part="section", key="our-steps")
    page = client.get(address).content.decode()
    assert "Its 2 items will be removed too." in page
    response = client.post(address, {"version": tiny.version})
    assert response.status_code == 302
    assert fresh(tiny).content["sections"] == []


def test_check_the_words_lists_each_field_that_misses_the_target_with_a_link_to_change_it(client, tiny):
    long_sentence = " ".join(["we"] + ["really"] * 30 + ["help"]) + "."
    client.post(url("draft_detail", tiny, field="description"), {"value": long_sentence, "version": tiny.version})
    page = client.get(url("draft_check_words", tiny)).content.decode()
    assert "1 piece of text misses, the target" not in page
    assert "miss" in page
    assert "Description" in page
    assert "A long sentence. Split it into shorter sentences. It has 32 words: aim for 25 or fewer." in page
    assert url("draft_detail", tiny, field="description") in page
    assert page.count("<h1") == 1


def test_check_the_words_says_so_when_everything_meets_the_target(client, tiny):
    page = client.get(url("draft_check_words", tiny)).content.decode()
    assert "Every piece of text meets the target." in page


def test_the_publish_page_lists_problems_each_linking_to_where_to_fix_it(client, coordinator):
    draft = FrameworkDraft.objects.get(pk=build_tiny_framework(coordinator.partnership, coordinator.user).pk)
    client.post(url("draft_remove", draft, part="level", key="3"), {"version": draft.version})
    client.post(url("draft_remove", draft, part="level", key="2"), {"version": fresh(draft).version})
    client.post(url("draft_detail", draft, field="short_name"), {"value": "", "version": fresh(draft).version})
    page = client.get(url("draft_publish", draft)).content.decode()
    assert "The rating scale: this must have from 2 to 5 levels, but it has 1." in page
    assert "Publish version" not in page
    response = client.post(url("draft_publish", draft), {"version": fresh(draft).version})
    assert response.status_code == 400
    assert "Nothing has been published" in response.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_publishing_from_the_page_goes_to_the_published_version(client, tiny):
    response = client.post(url("draft_publish", tiny), {"version": tiny.version})
    version = FrameworkVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "frameworks:detail",
        kwargs={"partnership_slug": tiny.partnership.slug, "framework_slug": version.framework.slug, "version": "1"},
    )
    assert fresh(tiny).status == DraftStatus.PUBLISHED
    detail = client.get(response["Location"]).content.decode()
    assert "Start a new version from this one" in detail


def test_a_published_draft_cannot_be_changed_through_its_pages(client, tiny):
    client.post(url("draft_publish", tiny), {"version": tiny.version})
    published = fresh(tiny)
    content = published.content
    attempts = [
        (url("draft_detail", tiny, field="name"), {"value": "Changed", "version": published.version}),
        (url("draft_level", tiny, number=1), {"name": "X", "descriptor": "Y.", "version": published.version}),
        (url("draft_remove", tiny, part="section", key="our-steps"), {"version": published.version}),
        (url("draft_move", tiny), {"part": "level", "key": "2", "direction": "up", "version": published.version}),
        (url("draft_publish", tiny), {"version": published.version}),
        (url("draft_delete", tiny), {}),
    ]
    for address, data in attempts:
        response = client.post(address, data)
        assert response.status_code == 302
        assert response["Location"] == url("draft", tiny)
    assert fresh(tiny).content == content
    assert FrameworkVersion.objects.count() == 1
    overview = client.get(url("draft", tiny)).content.decode()
    assert "can no longer change" in overview
    assert "Change<span" not in overview


def test_a_draft_downloads_as_a_framework_file(client, tiny):
    response = client.get(url("draft_export", tiny))
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="riverside-fair-start-1-draft.yaml"'
    assert parse_framework(response.content)["name"] == "Riverside Fair Start"


def test_anyone_who_can_read_a_version_can_download_it_and_it_loads_elsewhere(client, coordinator):
    version = load_framework_file(SMALL_FRAMEWORK.encode(), partnership=coordinator.partnership).version
    client.logout()
    response = client.get(
        reverse(
            "frameworks:export_version",
            kwargs={
                "partnership_slug": coordinator.partnership.slug,
                "framework_slug": "riverside-pledge",
                "version": "1",
            },
        )
    )
    assert response.status_code == 200
    assert without_lines(parse_framework(response.content)) == without_lines(parse_framework(SMALL_FRAMEWORK.encode()))
    elsewhere = load_framework_file(response.content, partnership=PartnershipMemberFactory().partnership).version
    assert elsewhere.as_definition() == version.as_definition()


def without_lines(definition):
    """A checked definition without the line each item's key was on, which differs between two files."""
    for section in definition["sections"]:
        for item in section["items"]:
            item.pop("key_line")
    return definition


def test_a_new_version_starts_from_the_published_versions_page(client, coordinator):
    load_framework_file(SMALL_FRAMEWORK.encode(), partnership=coordinator.partnership)
    address = reverse(
        "frameworks:start_draft_from_version",
        kwargs={"partnership_slug": coordinator.partnership.slug, "framework_slug": "riverside-pledge", "version": "1"},
    )
    response = client.post(address, {"form_token": "a" * 24})
    client.post(address, {"form_token": "a" * 24})
    draft = FrameworkDraft.objects.get()
    assert response["Location"] == url("draft", draft)
    assert draft.content["version"] == "2"
    assert draft.content["sections"][1]["items"][0]["title"] == "Pay a fair wage"


def test_paragraphs_keep_line_breaks_but_refuse_hidden_characters(client, tiny):
    address = url("draft_detail", tiny, field="description")
    response = client.post(address, {"value": "Line one.\r\nLine two.", "version": tiny.version})
    assert response.status_code == 302
    assert fresh(tiny).content["description"] == "Line one.\r\nLine two."
    response = client.post(address, {"value": "Hidden \u200b here.", "version": tiny.version})
    assert "hidden character" in response.content.decode()
    assert fresh(tiny).content["description"] == "Line one.\r\nLine two."


def test_words_typed_as_a_session_ends_are_offered_back_after_signing_in(client, tiny, coordinator):
    address = url("draft_detail", tiny, field="description")
    client.logout()
    response = client.post(address, {"value": "Typed as my session ran out.", "version": tiny.version})
    assert response.status_code == 302
    client.force_login(coordinator.user)
    page = client.get(address).content.decode()
    assert "Typed as my session ran out." in page
    assert fresh(tiny).content["description"] == "Three steps to fair work for local people."


def test_publishing_from_an_out_of_date_page_publishes_nothing(client, tiny):
    stale = tiny.version
    client.post(url("draft_detail", tiny, field="short_name"), {"value": "Changed", "version": stale})
    for data in ({}, {"version": "not a number"}, {"version": stale}):
        response = client.post(url("draft_publish", tiny), data)
        assert response.status_code == 302
        assert response["Location"] == url("draft_publish", tiny)
    assert not FrameworkVersion.objects.exists()
    page = client.get(url("draft_publish", tiny)).content.decode()
    assert "Publish version 1" in page


def test_the_draft_says_who_saved_it_last(client, tiny, coordinator):
    other = PartnershipMemberFactory(partnership=tiny.partnership, user__name="Robin Reyes")
    client.force_login(other.user)
    client.post(url("draft_detail", tiny, field="short_name"), {"value": "Robin's", "version": tiny.version})
    assert "by Robin Reyes." in client.get(url("draft", tiny)).content.decode()


def test_a_published_versions_page_links_to_drafts_of_its_next_version(client, tiny):
    client.post(url("draft_publish", tiny), {"version": tiny.version})
    version = FrameworkVersion.objects.get()
    detail = reverse(
        "frameworks:detail",
        kwargs={"partnership_slug": tiny.partnership.slug, "framework_slug": version.framework.slug, "version": "1"},
    )
    client.post(detail + "new-draft/", {})
    next_draft = FrameworkDraft.objects.get(based_on=version)
    page = client.get(detail).content.decode()
    assert url("draft", next_draft) in page
    assert "version 2, last saved" in page
    client.logout()
    assert url("draft", next_draft) not in client.get(detail).content.decode()


def test_adding_a_part_from_an_out_of_date_page_asks_before_saving_so_nothing_is_added_twice(client, tiny):
    opened = tiny.version
    data = {"name": "Four", "descriptor": "More.", "version": opened}
    assert client.post(url("draft_add_level", tiny), data).status_code == 302
    response = client.post(url("draft_add_level", tiny), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "we have not saved this yet" in page
    assert 'value="Four"' in page
    assert f'name="version" value="{fresh(tiny).version}"' in page
    assert [level["name"] for level in fresh(tiny).content["scale"]][-1] == "Four"
    assert len(fresh(tiny).content["scale"]) == 4
