import pytest
from django.conf import settings

from included.frameworks.enums import ALL_GROUPS, PromptKind
from included.frameworks.loader import shipped_files
from included.frameworks.models import FrameworkItem, ItemPrompt
from included.frameworks.views import EXAMPLE_FILE
from included.organisations.enums import Sector

pytestmark = pytest.mark.django_db

COLIF_GROUPS = ["local-authorities", "employers", "vcses", "education"]


def test_included_ships_emif_and_colif():
    assert [path.name for path in shipped_files()] == ["colif.yaml", "emif.yaml"]


def test_emif_has_the_four_step_call_to_action_unrated_and_the_eleven_point_checklist_rated(shipped_frameworks):
    emif = shipped_frameworks["emif"]
    assert emif.framework.name == "East Midlands Inclusion Framework"
    assert emif.framework.partnership is None
    assert "One East Midlands" in emif.credit
    call_to_action, checklist = emif.sections.order_by("position")
    assert call_to_action.assessed is False
    assert call_to_action.items.count() == 4
    assert checklist.assessed is True
    points = list(checklist.items.order_by("position"))
    assert [point.number for point in points] == [str(n) for n in range(1, 12)]
    assert emif.assessed_items().count() == 11
    for point in points:
        assert point.title and point.summary and point.guidance
        prompts = list(point.prompts.all())
        assert len(prompts) >= 2
        assert {(prompt.group, prompt.kind) for prompt in prompts} == {(ALL_GROUPS, PromptKind.QUESTION)}


def test_both_frameworks_use_one_five_level_scale_with_plain_names(shipped_frameworks):
    emif, colif = shipped_frameworks["emif"], shipped_frameworks["colif"]
    assert emif.scale == colif.scale
    assert [level["level"] for level in emif.scale] == [1, 2, 3, 4, 5]
    assert emif.level(1)["name"] == "Not started"
    assert all(level["descriptor"] for level in emif.scale)


def test_colif_has_six_principles_with_prompts_for_each_group_on_the_first_three(shipped_frameworks):
    colif = shipped_frameworks["colif"]
    assert colif.framework.short_name == "COLIF"
    assert "Partnering for Inclusive Employment" in colif.credit
    assert colif.source_url == "https://www.oiep.org.uk/"
    assert [group["key"] for group in colif.stakeholder_groups] == COLIF_GROUPS
    principles = list(colif.assessed_items().order_by("position"))
    assert len(principles) == 6
    for principle in principles[:3]:
        pairs = set(principle.prompts.values_list("group", "kind"))
        for group in COLIF_GROUPS:
            assert (group, PromptKind.WHAT_WORKS) in pairs, (principle.title, group)
            assert (group, PromptKind.CAN_STRENGTHEN) in pairs, (principle.title, group)
        assert (ALL_GROUPS, PromptKind.WHAT_WORKS) not in pairs
    for principle in principles[3:]:
        pairs = set(principle.prompts.values_list("group", "kind"))
        assert pairs == {(ALL_GROUPS, PromptKind.WHAT_WORKS), (ALL_GROUPS, PromptKind.CAN_STRENGTHEN)}


@pytest.mark.parametrize(
    ("sector", "group"),
    [
        (Sector.PUBLIC_BODY, "local-authorities"),
        (Sector.FUNDER, "local-authorities"),
        (Sector.EMPLOYER, "employers"),
        (Sector.VCSE, "vcses"),
        (Sector.COMMUNITY_GROUP, "vcses"),
        (Sector.EDUCATION, "education"),
    ],
)
def test_each_sector_sees_the_colif_prompts_of_its_group(shipped_frameworks, sector, group):
    colif = shipped_frameworks["colif"]
    assert colif.group_for_sector(sector) == group
    first_principle = colif.assessed_items().order_by("position").first()
    seen = {prompt.group for prompt in first_principle.prompts_for_group(colif.group_for_sector(sector))}
    assert seen == {group}


def test_every_sector_has_a_colif_group(shipped_frameworks):
    colif = shipped_frameworks["colif"]
    assert {colif.group_for_sector(sector) for sector in Sector.values} == set(COLIF_GROUPS)


def test_emif_prompts_are_for_every_sector(shipped_frameworks):
    emif = shipped_frameworks["emif"]
    assert {emif.group_for_sector(sector) for sector in Sector.values} == {ALL_GROUPS}


def test_shipped_wording_stays_plain(shipped_frameworks):
    """Short sentences for busy, anxious or tired readers: no prompt runs on past 30 words."""
    for prompt in ItemPrompt.objects.all():
        assert len(prompt.text.split()) <= 30, prompt.text
    for item in FrameworkItem.objects.all():
        for sentence in item.summary.replace("?", ".").split(". "):
            assert len(sentence.split()) <= 30, sentence


def test_the_example_in_the_docs_is_the_example_on_the_upload_page():
    docs = (settings.BASE_DIR / "docs" / "frameworks.md").read_text(encoding="utf-8")
    example_in_docs = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example_in_docs == EXAMPLE_FILE.read_text(encoding="utf-8")
