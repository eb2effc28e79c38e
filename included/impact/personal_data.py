"""What impact records hold about a person: only which facts, figures and reports they recorded or published.

The facts, the social mobility counts and the reports are about the partnership and its organisations, written to
be published; none holds anyone's own answers. Deleting an account leaves them, without the link to the person.
"""

from included.core.personal_data import register_eraser, register_exporter

from .models import AnnualReport, PartnershipFact, SocialMobilityReturn

COVERS = ["impact.PartnershipFact", "impact.SocialMobilityReturn", "impact.AnnualReport"]


@register_exporter(covers=COVERS)
def impact_records(user):
    return {
        "partnership_facts_you_recorded": [
            {"partnership": f.partnership.name, "what": f.get_kind_display(), "when": f.happened_on}
            for f in PartnershipFact.objects.filter(recorded_by=user).select_related("partnership")
        ],
        "social_mobility_figures_you_recorded": [
            {"organisation": r.assessment.organisation.name, "collected_on": r.collected_on}
            for r in SocialMobilityReturn.objects.filter(recorded_by=user).select_related("assessment__organisation")
        ],
        "reports_you_published": [
            {"partnership": r.partnership.name, "year": r.year, "version": r.number, "published_at": r.published_at}
            for r in AnnualReport.objects.filter(published_by=user).select_related("partnership")
        ],
    }


@register_eraser(covers=COVERS)
def forget_impact_records(user):
    PartnershipFact.objects.filter(recorded_by=user).update(recorded_by=None)
    SocialMobilityReturn.objects.filter(recorded_by=user).update(recorded_by=None)
    AnnualReport.objects.filter(published_by=user).update(published_by=None)
