from django.contrib import admin

from servicefirst.contacts.models import AvoidableReason, ReferralReason, ReferralRule, WrapUpCode
from servicefirst.core.admin_csv import ManageCapabilityMixin


class ContactCodeAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """Codes officers pick while logging; retire one by making it inactive, since past contacts keep using it."""

    manage_capability = "catalogue.manage"
    list_display = ("label", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("label", "code")
    prepopulated_fields = {"code": ("label",)}


admin.site.register(WrapUpCode, ContactCodeAdmin)
admin.site.register(AvoidableReason, ContactCodeAdmin)
admin.site.register(ReferralReason, ContactCodeAdmin)


@admin.register(ReferralRule)
class ReferralRuleAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    manage_capability = "organisation.manage"
    list_display = ("client_service", "needs_authorisation")
    list_filter = ("needs_authorisation",)
    autocomplete_fields = ("client_service",)
