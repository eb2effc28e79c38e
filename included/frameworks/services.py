"""Changes to frameworks that people make. Shipped frameworks load at start-up (`manage.py load_frameworks`)."""

from included.access.rules import can_coordinate, require

from .loader import load_framework_file


def add_partnership_framework(partnership, source, *, by):
    """Add a partnership's own framework, or a new version of it, from a framework file. Coordinators only.

    The loader's promises hold: nothing is written unless the whole file is right, and a published version never
    changes.
    """
    require(can_coordinate(by, partnership), "Only the partnership's coordinators can add frameworks.")
    return load_framework_file(source, partnership=partnership, by=by)
