from django.conf import settings
from django.db import models

from included.core.models import TimeStampedModel
from included.organisations.enums import Sector

from .enums import ALL_GROUPS, DraftStatus, PromptKind

EVERYONE = "Everyone"


class FrameworkQuerySet(models.QuerySet):
    def available_to(self, partnership):
        """Frameworks shipped with Included, plus those the partnership added itself."""
        return self.filter(models.Q(partnership__isnull=True) | models.Q(partnership=partnership))


class Framework(TimeStampedModel):
    """A framework an organisation can sign up to, such as EMIF or COLIF. Its words live in versions."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="frameworks",
        help_text="Empty for frameworks that ship with Included.",
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=30)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(partnership__isnull=True), name="shipped_framework_slug_unique"
            ),
            models.UniqueConstraint(fields=["partnership", "slug"], name="partnership_framework_slug_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def current_version(self):
        return self.versions.order_by("-published_at", "-id").first()


class PublishedVersionError(Exception):
    """Something tried to change a published framework version."""


class FrameworkVersionQuerySet(models.QuerySet):
    def available_to(self, partnership):
        return self.filter(models.Q(framework__partnership__isnull=True) | models.Q(framework__partnership=partnership))

    def with_contents(self):
        """Sections, items and prompts in order, in the same few queries however long the framework is."""
        prompts = models.Prefetch("prompts", queryset=ItemPrompt.objects.order_by("position"))
        items = models.Prefetch("items", queryset=FrameworkItem.objects.order_by("position").prefetch_related(prompts))
        sections = models.Prefetch(
            "sections", queryset=FrameworkSection.objects.order_by("position").prefetch_related(items)
        )
        return self.select_related("framework__partnership").prefetch_related(sections)

    def latest_per_framework(self):
        latest = FrameworkVersion.objects.filter(framework=models.OuterRef("framework")).order_by(
            "-published_at", "-id"
        )
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))


class FrameworkVersion(TimeStampedModel):
    """One published wording of a framework. It never changes once published: a new wording is a new version."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=30)
    description = models.TextField(blank=True)
    credit = models.TextField(help_text="Who wrote the framework this is based on.")
    source_url = models.URLField(max_length=300, blank=True)
    scale = models.JSONField(help_text="The rating levels, each with a name and a plain descriptor.")
    stakeholder_groups = models.JSONField(default=list, blank=True)
    source_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["framework__name", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="framework_version_unique"),
        ]

    def __str__(self):
        return f"{self.framework.short_name} {self.version}"

    def save(self, *args, **kwargs):
        # Assessments rate against a version's words, so once saved a version never changes.
        if not self._state.adding:
            raise PublishedVersionError(f"{self} is published. Published versions never change.")
        super().save(*args, **kwargs)

    @property
    def partnership(self):
        return self.framework.partnership

    def as_definition(self):
        """The version in the shape `fileformat.check_definition` returns, for an export or a new draft.

        Reads sections, items and prompts from `with_contents()` when they were fetched with it.
        """
        return {
            "slug": self.framework.slug,
            "name": self.framework.name,
            "short_name": self.framework.short_name,
            "version": self.version,
            "credit": self.credit,
            "source_url": self.source_url,
            "description": self.description,
            "scale": [dict(level) for level in self.scale],
            "stakeholder_groups": [dict(group) for group in self.stakeholder_groups],
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "intro": section.intro,
                    "assessed": section.assessed,
                    "items": [
                        {
                            "key": item.key,
                            "number": item.number,
                            "title": item.title,
                            "summary": item.summary,
                            "guidance": item.guidance,
                            "prompts": [
                                {"group": prompt.group, "kind": prompt.kind, "text": prompt.text}
                                for prompt in item.prompts.all()
                            ],
                        }
                        for item in section.items.all()
                    ],
                }
                for section in self.sections.all()
            ],
        }

    def level(self, number):
        for level in self.scale:
            if level["level"] == number:
                return level
        return None

    @property
    def lowest_level(self):
        """The first level of the scale, with its number, name and descriptor."""
        return self.scale[0]

    @property
    def highest_level(self):
        return self.scale[-1]

    def rating_choices(self):
        """The scale as choices for a form: each level's number, with its name and descriptor to choose by."""
        return [(level["level"], f"{level['level']} – {level['name']}: {level['descriptor']}") for level in self.scale]

    def group_for_sector(self, sector):
        """The stakeholder group whose prompts an organisation of this sector sees."""
        for group in self.stakeholder_groups:
            if sector in group.get("sectors", []):
                return group["key"]
        return ALL_GROUPS

    def groups_with_sectors(self):
        """Each stakeholder group with the names of the sectors whose organisations see its prompts."""
        return [
            {"key": group["key"], "name": group["name"], "sectors": [Sector(s).label for s in group.get("sectors", [])]}
            for group in self.stakeholder_groups
        ]

    def assessed_items(self):
        return self.items.filter(section__assessed=True).select_related("section")


class FrameworkSection(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    assessed = models.BooleanField(default=True, help_text="Organisations rate themselves on this section's items.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="section_key_unique_in_version")]

    def __str__(self):
        return self.title


class FrameworkItem(models.Model):
    """A checklist point, a principle or a step: something an organisation can say how well it does."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(FrameworkSection, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(max_length=60)
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=250)
    summary = models.TextField(blank=True)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="item_key_unique_in_version")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def grouped_prompts(self, stakeholder_groups):
        """The prompts by stakeholder group (in the framework's order, then those for everyone), then by kind.

        Uses prefetched prompts, so a page listing every item does not run a query per item.
        """
        prompts = list(self.prompts.all())
        groups = [(group["key"], group["name"]) for group in stakeholder_groups] + [(ALL_GROUPS, EVERYONE)]
        grouped = []
        for key, name in groups:
            mine = [prompt for prompt in prompts if prompt.group == key]
            kinds = [
                {"kind": kind.value, "label": kind.label, "prompts": [p.text for p in mine if p.kind == kind]}
                for kind in PromptKind
            ]
            kinds = [kind for kind in kinds if kind["prompts"]]
            if kinds:
                grouped.append({"key": key, "name": name, "kinds": kinds})
        return grouped

    def prompts_for_group(self, group):
        """Prompts for this group, plus those meant for everyone. Uses prefetched prompts when present."""
        return [p for p in self.prompts.all() if p.group in (group, ALL_GROUPS)]


class ItemPrompt(models.Model):
    item = models.ForeignKey(FrameworkItem, on_delete=models.CASCADE, related_name="prompts")
    group = models.CharField(max_length=60, default=ALL_GROUPS)
    kind = models.CharField(max_length=20, choices=PromptKind.choices)
    text = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["item", "position"]

    def __str__(self):
        return self.text[:60]


class FrameworkDraftQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def in_progress(self):
        return self.filter(status=DraftStatus.DRAFT)


class FrameworkDraft(TimeStampedModel):
    """A partnership's framework while its coordinators write it in the browser.

    `content` holds the framework in the shape of a framework file (docs/frameworks.md), without `format` and
    with the scale's level numbers left to their order. Publishing checks it by the same rules as an uploaded
    file and loads it as a new, unchanging FrameworkVersion; the draft then keeps a link to that version and can
    no longer change.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="framework_drafts"
    )
    based_on = models.ForeignKey(
        FrameworkVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        help_text="The published version this draft started from, if any.",
    )
    content = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    published_version = models.OneToOneField(
        FrameworkVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="published_from"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped on every save, so two coordinators editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = FrameworkDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=DraftStatus.DRAFT, published_at__isnull=True)
                | models.Q(status=DraftStatus.PUBLISHED, published_at__isnull=False),
                name="framework_draft_published_has_a_date",
            ),
        ]

    def __str__(self):
        return self.name or "Untitled framework"

    @property
    def name(self):
        return self.content.get("name", "")

    @property
    def is_published(self):
        return self.status == DraftStatus.PUBLISHED
