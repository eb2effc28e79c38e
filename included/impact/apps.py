from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry

COORDINATORS = frozenset({PartnershipRole.COORDINATOR})


class ImpactConfig(AppConfig):
    name = "included.impact"
    label = "impact"
    verbose_name = "Impact"
    navigation = (NavEntry("Impact", "impact:dashboard", order=55, shown_to=COORDINATORS, public_label="Impact"),)

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from included.assessments.models import Action
        from included.core.public_cache import bump_on_change

        from . import personal_data, tasks  # noqa: F401
        from .models import AnnualReport, PartnershipFact, SocialMobilityReturn

        # The public impact page shows the facts, the employers' figures added up, and the published reports.
        # Cycles submitted and reviews finished already empty the cache (the assessments app bumps it).
        bump_on_change(PartnershipFact, lambda fact: fact.partnership_id)
        bump_on_change(SocialMobilityReturn, lambda figures: figures.assessment.organisation.partnership_id)
        bump_on_change(AnnualReport, lambda report: report.partnership_id)
        # The dashboard counts the actions of submitted cycles done by their date.
        post_save.connect(_action_changed, sender=Action, dispatch_uid="impact:action-changed")
        post_delete.connect(_action_changed, sender=Action, dispatch_uid="impact:action-changed")


def _action_changed(sender, instance, **kwargs):
    """An action of a submitted cycle changed: the dashboard's figures of its partnership are out of date. Actions of
    a draft change often and count nowhere, so they empty nothing."""
    from included.assessments.models import Assessment
    from included.core.public_cache import bump_public_generation

    if kwargs.get("raw"):
        return
    partnership_id = (
        Assessment.objects.submitted()
        .filter(items=instance.assessment_item_id)
        .order_by("pk")
        .values_list("organisation__partnership_id", flat=True)
        .first()
    )
    if partnership_id is not None:
        bump_public_generation(partnership_id)
