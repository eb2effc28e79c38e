"""The shipped scoring frameworks, loaded into the database the first time anyone needs them."""

from django.db import transaction

from . import scoring
from .models import ScoringFramework


def shipped_scoring_frameworks():
    """Every shipped scoring file as a ScoringFramework row; a file already loaded is never loaded twice."""
    loaded = []
    for path in scoring.shipped_files():
        content = scoring.read_text(path.read_text(encoding="utf-8"))
        scheme = scoring.parse(content)
        with transaction.atomic():
            framework, _ = ScoringFramework.objects.get_or_create(
                slug=scheme.slug, version=scheme.version, defaults={"name": scheme.name, "content": content}
            )
        loaded.append(framework)
    return loaded
