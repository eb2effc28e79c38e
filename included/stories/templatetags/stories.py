"""Lessons offered where they help: the partnership's published stories about a framework item, for any page that
shows the item (the self-assessment item page, where actions are added), and about a directory service, for the
service's public page.

A template tag, like `language_advice`, so the pages of apps below this one can show lessons without importing it.
"""

from django import template

from ..models import Story

register = template.Library()

SHOWN = 3


@register.inclusion_tag("stories/_lessons.html")
def lessons_for(framework_item, partnership):
    """Up to three published stories of the partnership about this item, in any version of its framework, newest
    first, in one query."""
    stories = list(
        Story.objects.for_partnership(partnership)
        .published()
        .filter(
            framework_items__version__framework_id=framework_item.version.framework_id,
            framework_items__key=framework_item.key,
        )
        .select_related("organisation")
        .distinct()
        .newest_first()[: SHOWN + 1]
    )
    return {
        "partnership": partnership,
        "framework_item": framework_item,
        "stories": stories[:SHOWN],
        "more": len(stories) > SHOWN,
    }


SHOWN_FOR_A_SERVICE = 10


@register.inclusion_tag("stories/_service_stories.html")
def stories_about_service(service, partnership):
    """The newest published stories of the partnership that tell about this directory service, in one query."""
    stories = list(
        Story.objects.for_partnership(partnership)
        .published()
        .filter(services=service)
        .select_related("organisation")
        .newest_first()[: SHOWN_FOR_A_SERVICE + 1]
    )
    return {
        "partnership": partnership,
        "stories": stories[:SHOWN_FOR_A_SERVICE],
        "more": len(stories) > SHOWN_FOR_A_SERVICE,
    }
