"""Word-list changes and dismissals in the admin can be looked at but not changed.

Every change goes through services.py, which keeps its history and audit row; the admin would skip both.
"""

from django.contrib import admin

from .models import Dismissal, WordListChange, WordListEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WordListEntry)
class WordListEntryAdmin(ReadOnlyAdmin):
    list_display = ["partnership", "kind", "key", "instead", "changes_default", "is_active", "updated_at"]
    list_filter = ["kind", "changes_default", "is_active"]
    list_select_related = ["partnership"]
    search_fields = ["key", "phrases", "instead", "partnership__name"]


@admin.register(WordListChange)
class WordListChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "partnership", "entry", "action", "changed_by"]
    list_filter = ["action"]
    list_select_related = ["partnership", "entry", "changed_by"]


@admin.register(Dismissal)
class DismissalAdmin(ReadOnlyAdmin):
    list_display = ["dismissed_at", "partnership", "text_key", "flag_label", "dismissed_by"]
    list_select_related = ["partnership", "dismissed_by"]
    search_fields = ["text_key", "flag_key", "reason"]
