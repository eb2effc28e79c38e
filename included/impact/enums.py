from django.db import models


class FactKind(models.TextChoices):
    """Partnership-level facts EMIF counts as its own impact, that only a coordinator can record."""

    LOCAL_PLAN = "local_plan", "The framework adopted in a local plan or strategy"
    COMMISSIONING = "commissioning", "Inclusion goals written into commissioning"
    COMMUNITY_INVESTMENT = "community_investment", "Money or time put into community groups"


class ReportSection(models.TextChoices):
    """The parts of the annual report people write. Who writes each is in `access.rules`."""

    INTRODUCTION = "introduction", "Introduction"
    WHAT_WE_LEARNT = "what_we_learnt", "What we learnt"
    WHAT_WE_SAW = "what_we_saw", "What we saw"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# The Social Mobility Commission's grouping of answers to its question about the main earner's job when someone
# was about 14. Counts are what the employer collected itself; Included keeps no one's own answer.
class Background(models.TextChoices):
    PROFESSIONAL = "professional", "Professional backgrounds"
    INTERMEDIATE = "intermediate", "Intermediate backgrounds"
    WORKING_CLASS = "working_class", "Working-class backgrounds"
    OTHER = "other", "Other, or preferred not to say"
