from django.contrib import admin

from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.performance.models import RechargeRate


@admin.register(RechargeRate)
class RechargeRateAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """A rate change is a new row from its date, so statements already sent keep the rate they were charged at."""

    manage_capability = "organisation.manage"
    list_display = ("channel", "client_service", "basis", "amount", "effective_from")
    list_filter = ("channel", "basis", "client_service")
    autocomplete_fields = ("client_service",)
    date_hierarchy = "effective_from"
