from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "included.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from included.core.public_cache import bump_on_change

        from .models import Partnership

        # The public pages show the partnership's name, area and contact email, and follow its settings. The home
        # page lists every partnership, so a change to any of them changes what every partnership shows (None).
        bump_on_change(Partnership, lambda partnership: None)
