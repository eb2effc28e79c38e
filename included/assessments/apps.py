from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry

COORDINATORS = frozenset({PartnershipRole.COORDINATOR})


class AssessmentsConfig(AppConfig):
    name = "included.assessments"
    label = "assessments"
    verbose_name = "Assessments"
    # What this app puts on a person's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.assessments.todo.to_do"
    navigation = (
        NavEntry("Your reviews", "assessments:my_reviews", order=20, shown_to=frozenset({PartnershipRole.REVIEWER})),
        NavEntry("Overview", "assessments:overview", order=30, shown_to=COORDINATORS),
        NavEntry("Register", "assessments:register", order=70, public_label="Register of commitments"),
    )

    def ready(self):
        from included.core.public_cache import bump_on_change

        from . import personal_data  # noqa: F401  (registers what assessments hold about a person)
        from .models import Assessment, Review, ReviewComment, SignUp

        # The register and commitment pages show sign-ups, cycles and review counts: any change clears them.
        bump_on_change(SignUp, lambda sign_up: sign_up.organisation.partnership_id)
        bump_on_change(Assessment, lambda cycle: cycle.organisation.partnership_id)
        bump_on_change(Review, lambda review: review.assessment.organisation.partnership_id)
        bump_on_change(ReviewComment, lambda comment: comment.review.assessment.organisation.partnership_id)
