from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry

COORDINATORS = frozenset({PartnershipRole.COORDINATOR})


class CoproductionConfig(AppConfig):
    name = "included.coproduction"
    label = "coproduction"
    verbose_name = "Co-production"
    # What this app puts on a person's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.coproduction.todo.to_do"
    navigation = (
        NavEntry("Co-production", "coproduction:partnership_measures", order=50, shown_to=COORDINATORS),
        NavEntry("You said, we did", "coproduction:you_said_we_did", order=80, public_label="You said, we did"),
    )

    def ready(self):
        # Registers what co-production records hold about a person, and when a queued email is still wanted.
        from included.core.public_cache import bump_on_change

        from . import personal_data, tasks  # noqa: F401
        from .models import Activity, Contribution, FeedbackRecord, RealLivingWageRate, Response, ReviewPayment

        # "You said, we did" shows published contributions (with their consent) and what was done about them.
        bump_on_change(Activity, lambda activity: activity.organisation.partnership_id)
        bump_on_change(Contribution, lambda contribution: contribution.activity.organisation.partnership_id)
        bump_on_change(Response, lambda response: response.contribution.activity.organisation.partnership_id)
        # The coordinators' measures (kept in the same cache) also count who was told, reviewers' pay and the Real
        # Living Wage rates, which every partnership compares with.
        bump_on_change(FeedbackRecord, lambda record: record.contribution.activity.organisation.partnership_id)
        bump_on_change(ReviewPayment, lambda payment: payment.review.assessment.organisation.partnership_id)
        bump_on_change(RealLivingWageRate, lambda rate: None)
