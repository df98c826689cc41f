"""Django's admin pages for records that hold personal data write the same audit events as the staff pages: a
list page one LISTED event with the ids on it, a record's page one VIEWED event when shown (a posted change
writes its own record in the admin's log)."""

from django.http import HttpRequest, HttpResponse

from servicefirst.audit.services import AuditAction, audit_record, records_list_audit

VIA_ADMIN = "admin"


class AuditedReadsAdminMixin:
    """Put before `admin.ModelAdmin`; `audit_record_type` names the records as the rest of the log does."""

    audit_record_type = ""

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if request.method == "GET" else None
        if changelist is not None:
            records_list_audit(
                viewer=request.user,
                record_type=self.audit_record_type,
                ids=[row.pk for row in changelist.result_list],
                query=changelist.query,
                searched=bool(changelist.query),
                via=VIA_ADMIN,
            )
        return response

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = getattr(response, "context_data", {}).get("original") if request.method == "GET" else None
        if shown is not None:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEWED,
                record_type=self.audit_record_type,
                record_id=shown.pk,
                record_label=str(shown)[:100],
                via=VIA_ADMIN,
            )
        return response
