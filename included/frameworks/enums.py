from django.db import models


class PromptKind(models.TextChoices):
    WHAT_WORKS = "what_works", "What works"
    CAN_STRENGTHEN = "can_strengthen", "What can be strengthened"
    QUESTION = "question", "Questions to ask yourselves"


ALL_GROUPS = "all"
