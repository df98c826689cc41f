"""Admin building blocks shared by the organisation and catalogue admins: access by capability, and CSV import pages."""

from collections.abc import Callable
from typing import ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from servicefirst.core.csvimport import CsvImportError, ImportResult, csv_decode

_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ManageCapabilityMixin:
    """Whoever holds the capability manages these records, so the role decides rather than per-model permissions."""

    manage_capability: ClassVar[str]

    def _manages(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or request.user.can(self.manage_capability)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._manages(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._manages(request)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self._manages(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._manages(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._manages(request)


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Saved from a spreadsheet as CSV UTF-8 (Comma delimited).")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > _MAX_UPLOAD_BYTES:
            raise ValidationError("The file must be smaller than 10 MB")
        try:
            self.stream = csv_decode(data=upload.read())
        except CsvImportError as exc:
            raise ValidationError(str(exc)) from None
        return upload


class CsvImportAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """Adds an "Import from CSV" page to the change list; subclasses name the import and its columns."""

    change_list_template = "core/admin/change_list_import.html"
    csv_import: ClassVar[Callable[..., ImportResult]]
    csv_columns: ClassVar[tuple[str, ...]]
    csv_help: ClassVar[str] = ""

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.csv_import_view), name=name), *super().get_urls()]

    def csv_import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = CsvUploadForm(request.POST, request.FILES) if request.method == "POST" else CsvUploadForm()
        problems = []
        if form.is_valid():
            try:
                result = type(self).csv_import(stream=form.stream)
            except CsvImportError as exc:
                problems = exc.problems
            else:
                self.message_user(request, f"Imported {self.opts.verbose_name_plural}: {result}.", messages.SUCCESS)
                return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import {self.opts.verbose_name_plural} from CSV",
            "form": form,
            "problems": problems,
            "columns": self.csv_columns,
            "help": self.csv_help,
        }
        return TemplateResponse(request, "core/admin/csv_import.html", context)
