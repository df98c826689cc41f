from django.contrib import admin

from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.notifications.models import MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    # Templates are worded per council service, so whoever manages the catalogue manages them.
    manage_capability = "catalogue.manage"
    list_display = ("event", "channel", "council_service", "subject", "notify_template_id", "needs_consent")
    list_filter = ("event", "channel", "needs_consent")
    list_select_related = ("council_service",)
    search_fields = ("event", "subject", "body", "council_service__name")
    autocomplete_fields = ("council_service",)
    fields = ("event", "council_service", "channel", "subject", "body", "notify_template_id", "needs_consent")
