from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from servicefirst.accounts.models import ApiToken, User
from servicefirst.accounts.services import api_token_revoke


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "email", "role", "client_service", "is_active")
    list_filter = ("role", "client_service", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Role in customer services", {"fields": ("role", "client_service")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Role in customer services", {"fields": ("first_name", "last_name", "email", "role", "client_service")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        # Keys are issued with `manage.py create_api_token` so the key is shown once, never stored.
        return False

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
