"""Two small registries other apps add to, the way they declare navigation and to-do providers on their AppConfig.

Cards on a person's hub page (`/me/`): an app names a function on its AppConfig,

    me_cards = "included.<app>.me.cards"

that takes the signed-in person and returns a list of `MeCard`s (a title, a sentence, a link, an order), in a fixed
number of queries. The hub shows every app's cards, by `order`. Small steps and wellbeing add theirs this way.

Sections a person can share (`/me/sharing/`): an app names a provider on its AppConfig,

    shareable_sections = "included.<app>.sharing.provider"

a `SectionProvider` whose `sections` are the `ShareableSection`s it offers (each key unique across Included, so
start it with the app's label: "people.known_as", "wellbeing.answers") and whose `read(person, keys)` returns
{key: text} for those the person has filled in. A share names section keys, so the sharing, consent records,
expiry and the log of who looked are the same for every app's sections; nothing here knows what a section holds.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class MeCard:
    title: str
    description: str
    url: str
    order: int = 50
    link_text: str = ""


@dataclass(frozen=True)
class ShareableSection:
    key: str
    label: str
    order: int = 50


@dataclass(frozen=True)
class SectionProvider:
    sections: tuple
    read: object  # read(person, keys) -> {key: text}, only for sections the person has filled in
    may_hold_health: frozenset = field(default_factory=frozenset)


@cache
def card_providers():
    return [import_string(config.me_cards) for config in apps.get_app_configs() if getattr(config, "me_cards", "")]


@cache
def section_providers():
    return [
        import_string(config.shareable_sections)
        for config in apps.get_app_configs()
        if getattr(config, "shareable_sections", "")
    ]


def cards_for(person):
    return sorted((card for provider in card_providers() for card in provider(person)), key=lambda c: c.order)


def shareable_sections():
    """Every section a person may share, in order: {key: ShareableSection}."""
    found = sorted((s for provider in section_providers() for s in provider.sections), key=lambda s: s.order)
    return {section.key: section for section in found}


def read_sections(person, keys):
    """What the person has written in these sections, from every app that offers them: {key: text}."""
    wanted = set(keys)
    found = {}
    for provider in section_providers():
        mine = [section.key for section in provider.sections if section.key in wanted]
        if mine:
            found |= provider.read(person, mine)
    return found
