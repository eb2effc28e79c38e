from django.apps import AppConfig

from included.core.navigation import NavEntry


class DirectoryConfig(AppConfig):
    name = "included.directory"
    label = "directory"
    verbose_name = "Directory of services and spaces"
    # Services whose details are due a check (freshness.py), on the organisation's to-do list.
    to_do = "included.directory.todo.to_do"
    navigation = (NavEntry("Find help", "directory:search", order=85, public_label="Find help"),)

    def ready(self):
        from included.core.public_cache import bump_on_change

        from . import models

        # Find help, a service's page, the Open Referral API and the stories that name a service show every part of
        # a published service, so a change to any part throws away the partnership's cached public pages. The
        # taxonomies are shared by every partnership.
        bump_on_change(models.Service, lambda service: service.partnership_id)
        bump_on_change(models.Location, lambda location: location.partnership_id)
        for part in (
            models.Attribute,
            models.CostOption,
            models.Language,
            models.Contact,
            models.ServiceArea,
            models.ServiceAtLocation,
            models.Schedule,
        ):
            bump_on_change(part, lambda row: row.service.partnership_id)
        bump_on_change(models.Phone, lambda phone: phone.contact.service.partnership_id)
        bump_on_change(models.Taxonomy, lambda taxonomy: None)
        bump_on_change(models.TaxonomyTerm, lambda term: None)
