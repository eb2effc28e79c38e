from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from included.frameworks.models import Framework, FrameworkVersion
from tests.factories import PartnershipFactory

from .samples import SMALL_FRAMEWORK, edited

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("load_frameworks", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_on_first_start_the_shipped_frameworks_are_loaded_with_one_line_each():
    out, err = run()
    assert out == "colif.yaml: COLIF version 2025 loaded\nemif.yaml: EMIF version 2018 loaded\n"
    assert err == ""
    assert set(Framework.objects.values_list("slug", flat=True)) == {"colif", "emif"}


def test_on_every_later_start_nothing_changes_and_it_is_quick(django_assert_num_queries):
    run()
    with django_assert_num_queries(2):
        out, err = run()
    assert out == "colif.yaml: COLIF version 2025 already up to date\nemif.yaml: EMIF version 2018 already up to date\n"
    assert err == ""
    assert FrameworkVersion.objects.count() == 2


def test_it_can_be_silenced():
    out = StringIO()
    call_command("load_frameworks", verbosity=0, stdout=out)
    assert out.getvalue() == ""


def test_named_files_are_loaded(tmp_path):
    path = tmp_path / "pledge.yaml"
    path.write_text(SMALL_FRAMEWORK, encoding="utf-8")
    out, _ = run(str(path))
    assert out == f"{path}: Pledge version 1 loaded\n"
    assert Framework.objects.get().partnership is None


def test_files_can_be_loaded_as_a_partnerships_own_framework(tmp_path):
    partnership = PartnershipFactory(slug="riverside")
    path = tmp_path / "pledge.yaml"
    path.write_text(SMALL_FRAMEWORK, encoding="utf-8")
    run(str(path), "--partnership", "riverside")
    assert Framework.objects.get().partnership == partnership


def test_an_unknown_partnership_is_refused(tmp_path):
    with pytest.raises(CommandError, match='There is no partnership with the slug "nowhere".'):
        run(str(tmp_path / "pledge.yaml"), "--partnership", "nowhere")


def test_a_malformed_file_is_listed_with_its_problems_and_the_command_fails(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_FRAMEWORK, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited(edited(SMALL_FRAMEWORK, "riverside-pledge", "other"), "[employer]", "[shop]"))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2 framework files could not be loaded. Nothing was saved from them."):
        call_command("load_frameworks", str(bad), str(good), stdout=out, stderr=err)
    assert err.getvalue() == (
        f"{bad}: could not be loaded, because:\n"
        '  - stakeholder_groups → 1st group → sectors → 1st sector (line 28): "shop" is not a sector Included '
        "knows. Use one of: public_body, employer, vcse, education, funder, community_group.\n"
    )
    assert out.getvalue() == f"{good}: Pledge version 1 loaded\n"
    assert list(Framework.objects.values_list("slug", flat=True)) == ["riverside-pledge"]


def test_a_file_that_does_not_exist_is_reported(tmp_path):
    missing = tmp_path / "missing.yaml"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_frameworks", str(missing), stdout=StringIO(), stderr=err)
    assert f"{missing}: there is no file here." in err.getvalue()
