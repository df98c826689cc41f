from django import forms
from django.contrib import admin

from servicefirst.core.admin_csv import CsvImportAdmin, ManageCapabilityMixin
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.organisation import imports
from servicefirst.organisation.models import ClientService, Directorate, OpeningHours, Site, SiteClosure
from servicefirst.organisation.selectors import team_manager_candidates


class OrganisationAdmin(CsvImportAdmin):
    manage_capability = "organisation.manage"


@admin.register(Directorate)
class DirectorateAdmin(OrganisationAdmin):
    list_display = ("name", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    csv_import = imports.directorates_import
    csv_columns = imports.DIRECTORATE_COLUMNS


class ClientServiceForm(forms.ModelForm):
    class Meta:
        model = ClientService
        fields = "__all__"

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return phone_normalise(phone) if phone else ""

    def clean_email(self) -> str:
        return self.cleaned_data["email"].lower()


@admin.register(ClientService)
class ClientServiceAdmin(OrganisationAdmin):
    form = ClientServiceForm
    list_display = ("name", "code", "directorate", "email", "phone", "is_active")
    list_filter = ("directorate", "is_active")
    search_fields = ("name", "code", "liaison_contact")
    filter_horizontal = ("team_managers",)
    csv_import = imports.client_services_import
    csv_columns = imports.CLIENT_SERVICE_COLUMNS

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "team_managers":
            kwargs["queryset"] = team_manager_candidates()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OpeningHoursInline(ManageCapabilityMixin, admin.TabularInline):
    manage_capability = "organisation.manage"
    model = OpeningHours
    extra = 0
    max_num = 7


class SiteClosureInline(ManageCapabilityMixin, admin.TabularInline):
    manage_capability = "organisation.manage"
    model = SiteClosure
    extra = 0


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = "__all__"

    def clean_postcode(self) -> str:
        return postcode_normalise(self.cleaned_data["postcode"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return phone_normalise(phone) if phone else ""


@admin.register(Site)
class SiteAdmin(OrganisationAdmin):
    form = SiteForm
    list_display = ("name", "code", "town", "postcode", "closed_on_bank_holidays", "is_active")
    list_filter = ("is_active", "closed_on_bank_holidays")
    search_fields = ("name", "code", "postcode")
    inlines = (OpeningHoursInline, SiteClosureInline)
    csv_import = imports.sites_import
    csv_columns = imports.SITE_COLUMNS


@admin.register(OpeningHours)
class OpeningHoursAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    manage_capability = "organisation.manage"
    list_display = ("site", "weekday", "opens", "closes")
    list_filter = ("site", "weekday")


@admin.register(SiteClosure)
class SiteClosureAdmin(OrganisationAdmin):
    list_display = ("site", "starts_on", "ends_on", "reason")
    list_filter = ("site",)
    date_hierarchy = "starts_on"
    csv_import = imports.site_closures_import
    csv_columns = imports.SITE_CLOSURE_COLUMNS
