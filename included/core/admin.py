"""The outbox in the admin, so someone can see which emails were sent, which wait and which failed.

Only superusers see it, and never an email's text: a password reset email holds a working link.
"""

from django.contrib import admin, messages

from . import mail
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    fields = ["created_at", "recipient", "subject", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    readonly_fields = fields
    actions = ["send_again"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Try sending the failed ones again", permissions=["view"])
    def send_again(self, request, queryset):
        count = mail.send_again(queryset)
        self.message_user(
            request, f"{count} failed email{'s' if count != 1 else ''} will be sent again.", messages.SUCCESS
        )
