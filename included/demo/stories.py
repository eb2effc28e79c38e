"""Demo stories, in data/stories.yaml: three published (one about a failure), one waiting for a reviewer.

Every story goes through the services people use, so consent, review and publishing are checked as they would be.
"""

import datetime

from django.utils import timezone

from included.access.enums import MemberRole
from included.demo.content import read
from included.frameworks.models import FrameworkItem, FrameworkVersion
from included.stories import services
from included.stories.enums import ConsentDecision
from included.stories.models import Theme
from included.stories.themes import add_shipped_themes

STORIES = read("stories")


def _emif_items():
    latest = (
        FrameworkVersion.objects.filter(framework__slug="emif", framework__partnership__isnull=True)
        .order_by("-published_at", "-id")
        .first()
    )
    return {item.key: item for item in FrameworkItem.objects.filter(version=latest)} if latest else {}


def load_demo_stories(partnership, organisations, reviewer):
    """Write, review and publish the demo's stories. `organisations` maps the demo's keys to organisations."""
    items = _emif_items()
    add_shipped_themes(Theme)
    themes = {theme.slug: theme for theme in Theme.objects.available_to(partnership)}
    directory = {service.name: service for service in services.linkable_services(partnership)}
    for spec in STORIES["stories"]:
        organisation = organisations[spec["organisation"]]
        writer = (
            organisation.memberships.filter(role=MemberRole.MEMBER).select_related("user").first()
            or organisation.memberships.select_related("user").first()
        ).user
        story = services.write_story(
            organisation,
            by=writer,
            title=spec["title"],
            tried=spec["tried"].strip(),
            for_whom=spec["for_whom"].strip(),
            happened=spec["happened"].strip(),
            outcome=spec["outcome"],
            learnt=spec["learnt"].strip(),
            differently=(spec.get("differently") or "").strip(),
            easy_read_summary=spec["easy_read_summary"].strip(),
            themes=[themes[slug] for slug in spec["themes"] if slug in themes],
            framework_items=[items[key] for key in spec["items"] if key in items],
            services=[directory[name] for name in spec.get("services", []) if name in directory],
        )
        for person in spec.get("people", []):
            added = services.add_person(story, name=person["name"], appears=person["appears"], by=writer)
            services.record_consent(
                added,
                decision=ConsentDecision.GIVEN,
                method=person["method"],
                given_on=timezone.localdate() - datetime.timedelta(days=person["days_ago"]),
                by=writer,
            )
        review = spec.get("review")
        if review or spec.get("send_for_review"):
            services.send_for_review(story, by=writer)
        if review and review.get("changes"):
            services.review_story(story, agreed=False, comments=review["changes"], by=reviewer)
            services.send_for_review(story, by=writer, answer=review["answer"])
        if review and review.get("agreed"):
            services.review_story(story, agreed=True, comments="", by=reviewer)
        if spec.get("publish"):
            services.publish_story(story, by=writer)
