"""The sections of "Facts About Me" that a person may share (see registry.py)."""

from .enums import FactSection
from .models import SECTION_KEY_PREFIX, Fact
from .registry import SectionProvider, ShareableSection

SECTIONS = tuple(
    ShareableSection(SECTION_KEY_PREFIX + section.value, section.label, order=number)
    for number, section in enumerate(FactSection, start=1)
)


def _read(person, keys):
    wanted = [key.removeprefix(SECTION_KEY_PREFIX) for key in keys]
    return {fact.share_key: fact.text for fact in Fact.objects.filter(person=person, section__in=wanted)}


provider = SectionProvider(
    sections=SECTIONS,
    read=_read,
    # Any of them may say something about health or disability, so every one is encrypted (core/crypto.py).
    may_hold_health=frozenset(section.key for section in SECTIONS),
)
