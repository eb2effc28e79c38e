from django.db import models


class Stage(models.TextChoices):
    """The part of the organisation's work that people's involvement informed."""

    STRATEGY = "strategy", "Strategy"
    SERVICE_DESIGN = "service_design", "Service design"
    COMMISSIONING = "commissioning", "Commissioning"
    RECRUITMENT = "recruitment", "Recruitment"
    DELIVERY = "delivery", "Delivery"
    EVALUATION = "evaluation", "Evaluation"


class Method(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    PANEL = "panel", "Panel"
    SURVEY = "survey", "Survey"
    INTERVIEW = "interview", "Interview"
    PEER_RESEARCH = "peer_research", "Peer research"
    BOARD_SEAT = "board_seat", "A seat on a board"
    OTHER = "other", "Another way"


class LadderGroup(models.TextChoices):
    DOING_TO = "doing_to", "Doing to"
    DOING_FOR = "doing_for", "Doing for"
    DOING_WITH = "doing_with", "Doing with"


class LadderRung(models.TextChoices):
    """The ladder of co-production by Think Local Act Personal and the National Co-production Advisory Group.

    Listed from the bottom rung to the top, so the order of `LadderRung` is the order of the ladder.
    """

    COERCION = "coercion", "Coercion"
    EDUCATING = "educating", "Educating"
    INFORMING = "informing", "Informing"
    CONSULTATION = "consultation", "Consultation"
    ENGAGEMENT = "engagement", "Engagement"
    CO_DESIGN = "co_design", "Co-design"
    CO_PRODUCTION = "co_production", "Co-production"

    @property
    def group(self):
        return RUNG_GROUPS[self]

    @property
    def meaning(self):
        return RUNG_MEANINGS[self]


RUNG_GROUPS = {
    LadderRung.COERCION: LadderGroup.DOING_TO,
    LadderRung.EDUCATING: LadderGroup.DOING_TO,
    LadderRung.INFORMING: LadderGroup.DOING_FOR,
    LadderRung.CONSULTATION: LadderGroup.DOING_FOR,
    LadderRung.ENGAGEMENT: LadderGroup.DOING_FOR,
    LadderRung.CO_DESIGN: LadderGroup.DOING_WITH,
    LadderRung.CO_PRODUCTION: LadderGroup.DOING_WITH,
}

RUNG_MEANINGS = {
    LadderRung.COERCION: "People were there, but had no say. Decisions were already made.",
    LadderRung.EDUCATING: "We helped people understand a decision we had already made.",
    LadderRung.INFORMING: "We told people what we had decided and why.",
    LadderRung.CONSULTATION: "We asked what people thought, then we decided.",
    LadderRung.ENGAGEMENT: "People had more say and changed some things, but we had the final word.",
    LadderRung.CO_DESIGN: "People helped to shape the design, and we used their ideas.",
    LadderRung.CO_PRODUCTION: "People and the organisation shared power and decided together, as equals.",
}


class Recognition(models.TextChoices):
    """How people were thanked for their time."""

    PAID_HOURLY = "paid_hourly", "Paid by the hour"
    VOUCHERS = "vouchers", "Vouchers"
    EXPENSES_ONLY = "expenses_only", "Expenses only"
    UNPAID = "unpaid", "Not paid"


class WageArea(models.TextChoices):
    """The Real Living Wage has one rate for London and one for the rest of the UK."""

    UK = "uk", "Outside London"
    LONDON = "london", "London"


class AccessSupport(models.TextChoices):
    BSL = "bsl", "British Sign Language (BSL) interpreter"
    EASY_READ = "easy_read", "Easy read papers"
    TRAVEL = "travel", "Travel paid or arranged"
    CHILDCARE = "childcare", "Childcare or care costs"
    QUIET_ROOM = "quiet_room", "A quiet room"
    OTHER = "other", "Something else"


class ContributionSource(models.TextChoices):
    ORGANISATION = "organisation", "Written down by the organisation"
    PARTICIPANT = "participant", "Sent by the person through a link"


class Decision(models.TextChoices):
    ADOPTED = "adopted", "Adopted"
    PARTLY_ADOPTED = "partly_adopted", "Partly adopted"
    NOT_ADOPTED = "not_adopted", "Not adopted"
    IN_PROGRESS = "in_progress", "In progress"


AWAITING_RESPONSE = "awaiting"
AWAITING_RESPONSE_LABEL = "Waiting for a response"

DECISION_TAG_COLOURS = {
    Decision.ADOPTED: "green",
    Decision.PARTLY_ADOPTED: "turquoise",
    Decision.NOT_ADOPTED: "orange",
    Decision.IN_PROGRESS: "blue",
    AWAITING_RESPONSE: "grey",
}


def status_tag(status):
    """The tag for a contribution's status (a decision, or AWAITING_RESPONSE): its words and its colour."""
    label = Decision(status).label if status in Decision.values else AWAITING_RESPONSE_LABEL
    return {"text": label, "colour": DECISION_TAG_COLOURS[status]}


class FeedbackMethod(models.TextChoices):
    """How a contributor was told what their contribution changed."""

    EMAIL = "email", "Email sent by Included"
    MEETING = "meeting", "At a meeting"
    LETTER = "letter", "By letter"
    PHONE = "phone", "By phone"


FEEDBACK_METHODS_RECORDED_BY_HAND = [FeedbackMethod.MEETING, FeedbackMethod.LETTER, FeedbackMethod.PHONE]
