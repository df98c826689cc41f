from django import forms
from django.contrib import admin

from servicefirst.catalogue import imports
from servicefirst.catalogue.models import ContactPoint, CouncilService, LgslService
from servicefirst.catalogue.services import council_service_rule_errors
from servicefirst.core.admin_csv import CsvImportAdmin
from servicefirst.core.validation import phone_normalise


class CatalogueAdmin(CsvImportAdmin):
    manage_capability = "catalogue.manage"


@admin.register(LgslService)
class LgslServiceAdmin(CatalogueAdmin):
    """The LGSL is esd's list, loaded with import_lgsl; corrections are allowed, but codes never change."""

    list_display = ("code", "name")
    search_fields = ("=code", "name")
    csv_import = imports.lgsl_import
    csv_columns = ("code", "name", "description")
    csv_help = (
        "Upload the esd download as it is (columns Identifier, Label and Description; other columns are ignored), "
        "or a file with the columns code, name and, optionally, description."
    )

    def get_readonly_fields(self, request, obj=None) -> tuple[str, ...]:
        return ("code",) if obj else ()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CouncilServiceForm(forms.ModelForm):
    class Meta:
        model = CouncilService
        fields = "__all__"

    def clean(self) -> dict:
        cleaned = super().clean()
        errors = council_service_rule_errors(
            status=cleaned.get("status", ""),
            transfer_wave=cleaned.get("transfer_wave"),
            transfer_priority=cleaned.get("transfer_priority", ""),
            exclusion_reason=cleaned.get("exclusion_reason", ""),
            sla_working_days=cleaned.get("sla_working_days"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


@admin.register(CouncilService)
class CouncilServiceAdmin(CatalogueAdmin):
    form = CouncilServiceForm
    list_display = (
        "name",
        "lgsl",
        "client_service",
        "status",
        "transfer_wave",
        "transfer_priority",
        "sla_working_days",
    )
    list_filter = ("status", "transfer_priority", "transfer_wave", "client_service__directorate", "client_service")
    list_select_related = ("lgsl", "client_service")
    search_fields = ("name", "public_name", "=lgsl__code", "keywords")
    autocomplete_fields = ("lgsl",)
    fieldsets = (
        (None, {"fields": ("lgsl", "name", "client_service")}),
        (
            "In the front office",
            {
                "fields": (
                    "status",
                    "transfer_wave",
                    "transfer_priority",
                    "exclusion_reason",
                    "sla_working_days",
                    "front_office_may_resolve",
                    "officer_notes",
                    "officer_script",
                )
            },
        ),
        (
            "For residents",
            {
                "description": "Shown on the residents' site in place of the LGSL's wording, written for councils.",
                "fields": ("public_name", "summary", "description", "keywords"),
            },
        ),
    )
    csv_import = imports.council_services_import
    csv_columns = imports.COUNCIL_SERVICE_COLUMNS


class ContactPointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = "__all__"

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind == ContactPoint.Kind.PHONE and value:
            try:
                cleaned["value"] = phone_normalise(value)
            except forms.ValidationError as exc:
                self.add_error("value", exc)
        elif kind == ContactPoint.Kind.EMAIL and value:
            try:
                forms.EmailField().clean(value)
            except forms.ValidationError as exc:
                self.add_error("value", exc)
            else:
                cleaned["value"] = value.lower()
        return cleaned


@admin.register(ContactPoint)
class ContactPointAdmin(CatalogueAdmin):
    form = ContactPointForm
    list_display = ("label", "kind", "value", "client_service", "site", "annual_volume", "is_active")
    list_filter = ("kind", "is_active", "client_service")
    list_select_related = ("client_service", "site")
    search_fields = ("label", "value")
    filter_horizontal = ("services",)
    csv_import = imports.contact_points_import
    csv_columns = imports.CONTACT_POINT_COLUMNS
