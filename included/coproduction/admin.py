"""The Real Living Wage rates are kept up to date by coordinators in the admin.

The Living Wage Foundation announces new rates each autumn. A new rate is a new row with the day it starts, so
activities before that day are still compared with the rate in force at the time. Changes go through the services,
so they are audited like every other change.
"""

from django.contrib import admin

from included.access.rules import can_change_living_wage_rates

from . import services
from .models import RealLivingWageRate


@admin.register(RealLivingWageRate)
class RealLivingWageRateAdmin(admin.ModelAdmin):
    list_display = ["area", "hourly_rate", "in_force_from"]
    list_filter = ["area"]
    ordering = ["-in_force_from", "area"]

    def _may_edit(self, request):
        return can_change_living_wage_rates(request.user)

    def has_view_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_module_permission(self, request):
        return self._may_edit(request)

    def has_add_permission(self, request):
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request)

    def save_model(self, request, obj, form, change):
        services.save_living_wage_rate(obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_living_wage_rates([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_living_wage_rates(queryset, by=request.user)
