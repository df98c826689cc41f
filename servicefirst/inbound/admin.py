from django.contrib import admin

from servicefirst.inbound.models import Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "host", "username", "folder", "contact_point", "is_active", "last_polled_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "host", "username"]
    readonly_fields = ["last_polled_at"]
