from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What Included had to tell people about, and what became of it. Read only: the emails say the rest."""

    list_display = ["kind", "status", "frequency", "created_at", "sent_at"]
    list_filter = ["kind", "status"]
    fields = ["kind", "object_id", "status", "frequency", "created_at", "sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["kind", "frequency", "updated_at"]
    list_filter = ["kind", "frequency"]
    readonly_fields = ["user", "kind", "frequency"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
