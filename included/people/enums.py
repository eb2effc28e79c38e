from django.db import models


class FactSection(models.TextChoices):
    """The sections of "Facts About Me", in the order the person sees them."""

    KNOWN_AS = "known_as", "How I like to be known and spoken to"
    PROUD_OF = "proud_of", "What I am good at and proud of"
    MATTERS = "matters", "What matters to me"
    HELPS = "helps", "What helps me, and what does not"
    ACCESS = "access", "My access needs and the changes that help me"
    CONTACT = "contact", "How I like to be contacted"
    SUPPORT = "support", "My support around me"


# Easy-read words under each section's heading: what to write, with an example in the person's own voice.
SECTION_HINTS = {
    FactSection.KNOWN_AS: "The name you like. How you like people to talk to you. For example: call me Sam, and "
    "speak slowly please.",
    FactSection.PROUD_OF: "Things you do well. Things you are proud of. Big or small. For example: I help my "
    "neighbour with her shopping.",
    FactSection.MATTERS: "The people, places and things that matter to you. For example: my dog, my football team.",
    FactSection.HELPS: "What helps you have a good day. What makes a day hard. For example: a quiet room helps me. "
    "Loud places do not.",
    FactSection.ACCESS: "Changes that help you take part. For example: large print, a ramp, breaks, time to think.",
    FactSection.CONTACT: "How and when people should get in touch. For example: text me, not before 10 in the morning.",
    FactSection.SUPPORT: "People who help you. For example: my sister, my support worker at the day centre.",
}


class ShareRecipient(models.TextChoices):
    """Who a share is with: an organisation (all of it, or named people there), or one lived-experience reviewer of a
    partnership. Peer connections between people can be another kind later, with the same consent and log."""

    ORGANISATION = "organisation", "An organisation"
    REVIEWER = "reviewer", "A lived-experience reviewer"


class ConsentAction(models.TextChoices):
    GRANTED = "granted", "You shared"
    STOPPED = "stopped", "You stopped sharing"


SHARE_PERIODS = [
    (7, "1 week"),
    (30, "30 days"),
    (90, "3 months"),
    (365, "1 year"),
]
