"""The demo's content: the YAML files in data/, read as plain data."""

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name):
    """The content of data/<name>.yaml."""
    return yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
