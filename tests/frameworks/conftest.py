import pytest

from included.frameworks.loader import SHIPPED_DIR, load_framework_file


def shipped_text(name):
    return (SHIPPED_DIR / f"{name}.yaml").read_text(encoding="utf-8")


@pytest.fixture
def colif_text():
    return shipped_text("colif")


@pytest.fixture
def emif_text():
    return shipped_text("emif")


@pytest.fixture
def shipped_frameworks(db):
    """EMIF and COLIF, loaded as they are on every start of Included."""
    return {name: load_framework_file(SHIPPED_DIR / f"{name}.yaml").version for name in ("emif", "colif")}
