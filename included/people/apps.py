from django.apps import AppConfig

from included.core.navigation import NavEntry


class PeopleConfig(AppConfig):
    """A place of their own for a person with lived experience: Facts About Me, what they share, who looked."""

    name = "included.people"
    label = "people"
    verbose_name = "People's own pages"
    # Cards on the hub page /me/ and sections a person may share: see registry.py for how another app adds its own.
    me_cards = "included.people.me.cards"
    # Everyone signed in has a place of their own, whatever else they do on Included.
    navigation = (NavEntry("Your own place", "people:hub", order=80, personal=True),)
    shareable_sections = "included.people.sharing.provider"
    # What this app puts on a reviewer's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.people.todo.to_do"

    def ready(self):
        from . import personal_data  # noqa: F401  (what a person's own place holds)
