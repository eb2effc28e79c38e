"""Frameworks in the admin can be looked at but not changed.

A published version never changes under the assessments that used it; new wording arrives as a new
version through the loader (the load_frameworks command, or a coordinator's upload).
"""

from django.contrib import admin

from .models import Framework, FrameworkDraft, FrameworkItem, FrameworkSection, FrameworkVersion, ItemPrompt


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyMixin, admin.TabularInline):
    model = FrameworkVersion
    fields = ["version", "published_at", "loaded_by", "source_sha256"]
    readonly_fields = fields
    show_change_link = True
    extra = 0


class SectionInline(ReadOnlyMixin, admin.TabularInline):
    model = FrameworkSection
    fields = ["position", "key", "title", "assessed"]
    readonly_fields = fields
    extra = 0


class ItemInline(ReadOnlyMixin, admin.TabularInline):
    model = FrameworkItem
    fields = ["section", "number", "key", "title"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")


class PromptInline(ReadOnlyMixin, admin.TabularInline):
    model = ItemPrompt
    fields = ["position", "group", "kind", "text"]
    readonly_fields = fields
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["name", "short_name", "slug"]
    inlines = [VersionInline]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "framework", "version", "published_at", "loaded_by"]
    list_select_related = ["framework", "loaded_by"]
    list_filter = ["framework"]
    search_fields = ["framework__name", "framework__short_name", "version"]
    inlines = [SectionInline, ItemInline]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "version", "section"]
    list_select_related = ["version__framework", "section"]
    list_filter = ["version__framework"]
    search_fields = ["title", "key"]
    inlines = [PromptInline]


@admin.register(FrameworkDraft)
class FrameworkDraftAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Drafts are written by the partnership's coordinators in the browser; the admin only looks."""

    list_display = ["__str__", "partnership", "status", "updated_at", "updated_by"]
    list_select_related = ["partnership", "updated_by"]
    list_filter = ["status"]
    readonly_fields = ["partnership", "based_on", "content", "status", "published_version", "published_at"]
