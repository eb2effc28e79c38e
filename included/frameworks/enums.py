from django.db import models


class PromptKind(models.TextChoices):
    WHAT_WORKS = "what_works", "What works"
    CAN_STRENGTHEN = "can_strengthen", "What can be strengthened"
    QUESTION = "question", "Questions to ask yourselves"


ALL_GROUPS = "all"

# Every framework rates on the same five numbered levels; its file names and describes each one (FrameworkVersion
# .scale). Ratings are stored as these numbers, so the database can keep them within the scale.
SCALE_LOWEST = 1
SCALE_HIGHEST = 5


class DraftStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
