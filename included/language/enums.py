from django.db import models


class WordListKind(models.TextChoices):
    PLAIN = "plain", "Plainer words"
    INCLUSIVE = "inclusive", "Inclusive language"


class WordListChangeAction(models.TextChoices):
    ADDED = "added", "Added"
    CHANGED = "changed", "Changed"
    SWITCHED_OFF = "switched_off", "Switched off"
    SWITCHED_ON = "switched_on", "Switched on"
