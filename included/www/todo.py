"""A person's to-do list: what is waiting for them in one partnership, gathered from every app.

Each app names a provider on its AppConfig as `to_do` (a dotted path; see `included.core.todo`), the way it declares
its navigation. This module, on the top floor, calls each provider and groups what they return: first each of the
person's organisations, then their reviews, then what their partnership needs from a coordinator. A new app (for
example one for requests to join a partnership) adds its own provider the same way, and nothing here changes.
"""

from dataclasses import replace
from functools import cache

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from included.core.todo import FOR_COORDINATORS, FOR_REVIEWERS, FOR_YOU, for_organisation


@cache
def declared_providers():
    """Every app's to-do provider, in the order the apps are installed."""
    return [import_string(config.to_do) for config in apps.get_app_configs() if getattr(config, "to_do", "")]


@cache
def declared_personal_providers():
    """Every app's provider of things in a person's own place (`personal_to_do`), whatever their partnership."""
    return [
        import_string(config.personal_to_do)
        for config in apps.get_app_configs()
        if getattr(config, "personal_to_do", "")
    ]


def personal_to_do_for(user, *, now=None):
    """What is waiting for the person in their own place, as one group shaped like to_do_for's, or none."""
    now = now or timezone.now()
    items = sorted(
        (item for provider in declared_personal_providers() for item in provider(user)), key=lambda i: i.order
    )
    items = [item for item in items if item.group == FOR_YOU]
    if not items:
        return []
    entries = [
        {"to_do": item, "waiting": item.waiting_words(now), "id": f"to-do-you-{place}"}
        for place, item in enumerate(items, start=1)
    ]
    return [{"name": "For you", "items": entries}]


def to_do_for(user, access, *, now=None):
    """What is waiting for this person, as groups: [{"name", "items": [{"to_do", "waiting", "id"}, ...]}, ...]."""
    now = now or timezone.now()
    found = [item for provider in declared_providers() for item in provider(user, access)]
    names = {for_organisation(organisation): organisation.name for organisation in access.organisations}
    names |= {FOR_REVIEWERS: "Your reviews", FOR_COORDINATORS: f"{access.partnership.name}, as its coordinator"}
    groups = []
    for key, name in names.items():
        items = sorted((item for item in found if item.group == key), key=lambda item: item.order)
        if items:
            number = len(groups) + 1
            entries = [
                {"to_do": item, "waiting": item.waiting_words(now), "id": f"to-do-{number}-{place}"}
                for place, item in enumerate(items, start=1)
            ]
            groups.append({"name": name, "items": entries})
    return groups


def organisation_to_do(user, access, organisation, *, now=None):
    """What is waiting for one organisation only, for its home page."""
    membership = access.membership_of(organisation)
    if membership is None:
        return []
    only_this = replace(access, is_coordinator=False, is_reviewer=False, memberships=[membership])
    return to_do_for(user, only_this, now=now)
