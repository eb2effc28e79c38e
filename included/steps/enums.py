from django.db import models


class SuggestionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for you"
    ADDED = "added", "You added it"
    LEFT = "left", "You left it"
