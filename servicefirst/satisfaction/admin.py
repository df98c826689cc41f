"""Administrators keep the reasons for dissatisfaction; kiosks are listed and revoked here too, but registered on
the staff Kiosks page, which shows the token once. The token's hash is never shown."""

from django.contrib import admin, messages
from django.http import HttpRequest

from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.satisfaction.models import DissatisfactionReason, KioskDevice
from servicefirst.satisfaction.services import kiosk_device_revoke


@admin.register(DissatisfactionReason)
class DissatisfactionReasonAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """Retire a reason by making it inactive: past answers keep it."""

    manage_capability = "catalogue.manage"
    list_display = ("label", "category", "is_active")
    list_filter = ("is_active", "category")
    search_fields = ("label", "category")


@admin.register(KioskDevice)
class KioskDeviceAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    manage_capability = "kiosk.manage"
    list_display = ("site", "name", "registered_at", "last_used_at", "revoked_at")
    list_filter = ("site", "revoked_at")
    search_fields = ("name", "site__name")
    fields = ("site", "name", "registered_by", "registered_at", "last_used_at", "revoked_at", "revoked_by")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A kiosk's past answers name it; revoking stops it without losing where they came from.
        return False

    @admin.action(description="Revoke the selected kiosks")
    def revoke(self, request: HttpRequest, queryset) -> None:
        devices = list(queryset.filter(revoked_at__isnull=True).values_list("pk", flat=True))
        for device_id in devices:
            kiosk_device_revoke(actor=request.user, device_id=device_id)
        self.message_user(request, f"{len(devices)} kiosk(s) revoked", messages.SUCCESS)
