from django.db import models


class Publication(models.TextChoices):
    """Whether the public can see a service yet. A draft is seen only by its own organisation."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ServiceStatus(models.TextChoices):
    """Open Referral UK's `status` of a service, in its own values."""

    ACTIVE = "active", "Open"
    INACTIVE = "inactive", "Not running at the moment"
    DEFUNCT = "defunct", "Closed for good"
    TEMPORARILY_CLOSED = "temporarily closed", "Closed for a while"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place people go to"
    VIRTUAL = "virtual", "Online or by phone"


class WayIn(models.TextChoices):
    """How a person gets to use a service. Each is a field on Service (`by_referral` and so on)."""

    REFERRAL = "by_referral", "Someone refers you"
    DROP_IN = "drop_in", "Drop in"
    APPOINTMENT = "by_appointment", "Make an appointment"


class AccessFeature(models.TextChoices):
    """What a place has for disabled people. Each is a field on Location, so a search can ask for several."""

    STEP_FREE = "step_free", "Step-free access"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    BSL = "bsl", "British Sign Language (BSL) on request"
    QUIET_SPACE = "quiet_space", "A quiet space"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"


class Day(models.TextChoices):
    """Days as iCalendar writes them (Open Referral's `byday`)."""

    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"
