from django.contrib import admin

from servicefirst.audit.admin_reads import AuditedReadsAdminMixin
from servicefirst.complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintStage,
    ComplaintsTeam,
    ComplaintTheme,
    DeadlineRule,
)
from servicefirst.core.admin_csv import ManageCapabilityMixin


@admin.register(ComplaintTheme)
class ComplaintThemeAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """What complaints are about; retire a theme by making it inactive, since past complaints keep using it."""

    manage_capability = "organisation.manage"
    list_display = ("label", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("label", "code")
    prepopulated_fields = {"code": ("label",)}


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """The council's timescales for each stage. A change applies to stages opened after it; stages already open
    keep the deadlines the customer was given. Whether an extension may go beyond the limit with a good reason is
    read when it is asked for, so that change applies to open stages too."""

    manage_capability = "organisation.manage"
    list_display = (
        "procedure",
        "stage",
        "name",
        "acknowledge_days",
        "respond_days",
        "respond_unit",
        "from_acknowledgement",
        "max_extension_days",
        "beyond_limit_allowed",
        "by_agreement",
        "panel_report_days",
        "panel_response_days",
    )
    list_filter = ("procedure",)


@admin.register(ComplaintsTeam)
class ComplaintsTeamAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """Who handles which procedure. Statutory complaints are seen only by their team's members, the head of
    customer services and administrators."""

    manage_capability = "organisation.manage"
    list_display = ("name", "procedure", "is_default")
    filter_horizontal = ("members",)


class StageInline(admin.TabularInline):
    model = ComplaintStage
    extra = 0
    can_delete = False
    fields = (
        "stage",
        "opened_at",
        "acknowledge_due",
        "acknowledged_at",
        "respond_due",
        "extended_to",
        "agreed_due",
        "panel_met_on",
        "panel_report_on",
        "panel_response_due",
        "responded_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    fields = ("at", "by", "kind", "stage", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(AuditedReadsAdminMixin, ManageCapabilityMixin, admin.ModelAdmin):
    """For looking things up and correcting the theme or service. Stages, outcomes and deadlines change only
    through the complaints pages, so the history and the version stay true."""

    audit_record_type = "complaint"
    manage_capability = "organisation.manage"
    list_display = ("reference", "kind", "procedure", "status", "current_stage", "received_at", "due_on")
    list_filter = ("kind", "procedure", "status", "current_stage", "team")
    search_fields = ("reference", "summary")
    date_hierarchy = "received_at"
    list_select_related = ("team",)
    fields = (
        "reference",
        "kind",
        "procedure",
        "team",
        "status",
        "current_stage",
        "customer",
        "received_at",
        "channel",
        "council_service",
        "client_service",
        "theme",
        "summary",
        "details",
        "outcome",
        "due_on",
        "ombudsman",
        "ombudsman_decision",
    )
    readonly_fields = tuple(
        f for f in fields if f not in ("theme", "council_service", "client_service", "summary", "details")
    )
    autocomplete_fields = ("council_service",)
    inlines = [StageInline, EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
