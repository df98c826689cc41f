from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from servicefirst.audit.admin_reads import AuditedReadsAdminMixin
from servicefirst.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedReadsAdminMixin, admin.ModelAdmin):
    """Read-only, like the database beneath it; its pages are recorded as the audit log page's are."""

    audit_record_type = "audit_event"
    list_display = ("at", "actor", "action", "record_type", "record_label", "via")
    list_filter = ("action", "record_type", "via")
    search_fields = ("record_label", "record_id", "actor__username")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# Background tasks keep their arguments, which carry personal data (the email address a resident's sign-in link
# goes to), and the admin lists them: its pages are audited like the council's own.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class AuditedTaskResultAdmin(AuditedReadsAdminMixin, DBTaskResultAdmin):
    audit_record_type = "task_result"
