from django.db import models


class Sector(models.TextChoices):
    PUBLIC_BODY = "public_body", "Local authority or public body"
    EMPLOYER = "employer", "Employer"
    VCSE = "vcse", "Voluntary, community or social enterprise (VCSE)"
    EDUCATION = "education", "Education or research"
    FUNDER = "funder", "Funder or commissioner"
    COMMUNITY_GROUP = "community_group", "Community group"


class Size(models.TextChoices):
    MICRO = "micro", "Micro (fewer than 10 people)"
    SMALL = "small", "Small (10 to 49 people)"
    MEDIUM = "medium", "Medium (50 to 249 people)"
    LARGE = "large", "Large (250 people or more)"
