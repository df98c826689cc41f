from django.contrib import admin
from django.http import HttpRequest

from servicefirst.audit.admin_reads import AuditedReadsAdminMixin
from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.open311.models import Open311Submission


@admin.register(Open311Submission)
class Open311SubmissionAdmin(AuditedReadsAdminMixin, ManageCapabilityMixin, admin.ModelAdmin):
    """Read-only: what a partner app sent stays as it came. It holds reporters' details, so only those who
    may read the audit log (administrators) see it."""

    audit_record_type = "open311_submission"
    manage_capability = "audit.view"
    list_display = ("service_request", "client", "address_string", "created_at")
    search_fields = ("service_request__reference", "email", "address_string")
    readonly_fields = [field.name for field in Open311Submission._meta.fields]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
