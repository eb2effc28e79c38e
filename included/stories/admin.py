from django.contrib import admin

from .models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """Themes are data: Included ships some, and a partnership can add its own here."""

    list_display = ["name", "slug", "partnership", "position"]
    list_filter = ["partnership"]
    prepopulated_fields = {"slug": ["name"]}
