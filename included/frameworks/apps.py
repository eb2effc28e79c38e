from django.apps import AppConfig

from included.core.navigation import NavEntry


class FrameworksConfig(AppConfig):
    name = "included.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
    navigation = (NavEntry("Frameworks", "frameworks:list", order=90, public_label="Frameworks"),)

    def ready(self):
        from included.core.public_cache import bump_on_change

        from .models import Framework, FrameworkVersion

        # A published version shows on the frameworks pages; one that comes with Included (no partnership) shows on
        # every partnership's.
        bump_on_change(Framework, lambda framework: framework.partnership_id)
        bump_on_change(FrameworkVersion, lambda version: version.framework.partnership_id)
