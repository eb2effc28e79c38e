from django.shortcuts import get_object_or_404

from .models import Partnership


def partnership_from_slug(slug):
    """The partnership a `/p/<slug>/` address names, or a 404."""
    return get_object_or_404(Partnership, slug=slug)
