import hashlib

import pytest

from included.core.models import AuditEvent
from included.frameworks.loader import SHIPPED_DIR, FrameworkFileError, load_framework_file
from included.frameworks.models import Framework, FrameworkItem, FrameworkSection, FrameworkVersion, ItemPrompt
from tests.factories import PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def counts():
    models = (Framework, FrameworkVersion, FrameworkSection, FrameworkItem, ItemPrompt)
    return [model.objects.count() for model in models]


def test_loading_a_file_records_where_it_came_from_and_an_audit_row(colif_text):
    result = load_framework_file(colif_text.encode())
    assert result.loaded
    assert result.version.source_sha256 == hashlib.sha256(colif_text.encode()).hexdigest()
    event = AuditEvent.objects.get(action="framework.version_loaded")
    assert event.object_id == str(result.version.pk)
    assert event.summary == "COLIF version 2025 loaded"
    assert event.actor is None


def test_loading_the_same_file_twice_changes_nothing(shipped_frameworks):
    before = counts()
    audit_rows = AuditEvent.objects.count()
    for name in ("emif", "colif"):
        result = load_framework_file(SHIPPED_DIR / f"{name}.yaml")
        assert not result.loaded
        assert result.version == shipped_frameworks[name]
    assert counts() == before
    assert AuditEvent.objects.count() == audit_rows


def test_a_changed_file_with_the_same_version_is_refused_and_loads_nothing(shipped_frameworks, colif_text):
    before = counts()
    changed = colif_text.replace("Be aware of trauma", "Know about trauma")
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(changed.encode())
    [problem] = refused.value.problems
    assert problem.startswith('version: version "2025" of COLIF is already published')
    assert 'new version number, such as "2025.1"' in problem
    assert counts() == before
    assert shipped_frameworks["colif"].items.filter(title="Be aware of trauma").exists()


def test_a_new_version_is_a_new_record_and_the_old_one_stays_as_it_was(shipped_frameworks, colif_text):
    old = shipped_frameworks["colif"]
    old_titles = list(old.items.values_list("title", flat=True))
    changed = colif_text.replace('version: "2025"', 'version: "2026"').replace(
        "Be aware of trauma", "Know about trauma"
    )
    new = load_framework_file(changed.encode()).version
    assert new.pk != old.pk
    assert new.framework == old.framework
    assert list(old.framework.versions.order_by("-published_at", "-id")) == [new, old]
    assert old.framework.current_version == new
    old.refresh_from_db()
    assert old.version == "2025"
    assert list(old.items.values_list("title", flat=True)) == old_titles
    assert new.items.filter(title="Know about trauma").exists()


def test_a_coordinator_loads_a_framework_for_their_own_partnership(colif_text):
    coordinator = PartnershipMemberFactory()
    own = colif_text.replace("slug: colif", "slug: riverside-principles")
    version = load_framework_file(own.encode(), partnership=coordinator.partnership, by=coordinator.user).version
    assert version.framework.partnership == coordinator.partnership
    assert version.loaded_by == coordinator.user
    event = AuditEvent.objects.get(action="framework.version_loaded")
    assert event.partnership == coordinator.partnership
    assert event.actor == coordinator.user
    other = PartnershipFactory()
    assert FrameworkVersion.objects.available_to(coordinator.partnership).filter(pk=version.pk).exists()
    assert not FrameworkVersion.objects.available_to(other).filter(pk=version.pk).exists()


def test_a_partnership_cannot_take_the_slug_of_a_shipped_framework(shipped_frameworks, colif_text):
    partnership = PartnershipFactory()
    before = counts()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(colif_text.replace('"2025"', '"9"').encode(), partnership=partnership)
    assert refused.value.problems == [
        'slug: "colif" is the slug of a framework that comes with Included. Choose a different slug.'
    ]
    assert counts() == before


def test_two_partnerships_can_each_have_a_framework_with_the_same_slug(colif_text):
    own = colif_text.replace("slug: colif", "slug: our-principles").encode()
    first = load_framework_file(own, partnership=PartnershipFactory()).version
    second = load_framework_file(own, partnership=PartnershipFactory()).version
    assert first.framework != second.framework
    assert first.framework.slug == second.framework.slug == "our-principles"


def test_loading_from_a_path_that_does_not_exist_says_so(tmp_path):
    with pytest.raises(FrameworkFileError) as refused:
        load_framework_file(tmp_path / "missing.yaml")
    assert refused.value.problems == [f"{tmp_path / 'missing.yaml'}: there is no file here."]
