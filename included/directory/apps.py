from django.apps import AppConfig

from included.core.navigation import NavEntry


class DirectoryConfig(AppConfig):
    name = "included.directory"
    label = "directory"
    verbose_name = "Directory of services and spaces"
    # Services whose details are due a check (freshness.py), on the organisation's to-do list.
    to_do = "included.directory.todo.to_do"
    navigation = (NavEntry("Find help", "directory:search", order=85, public_label="Find help"),)
