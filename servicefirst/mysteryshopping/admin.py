from django import forms
from django.contrib import admin
from django.http import HttpRequest

from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.mysteryshopping.models import SHOP_CHANNELS, Checklist, ChecklistItem, Standard


class StandardForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        choices=SHOP_CHANNELS,
        widget=forms.CheckboxSelectMultiple,
        help_text="The channels a shopper tests this standard on.",
        error_messages={"required": "Select at least one channel the standard applies to"},
    )

    class Meta:
        model = Standard
        fields = ["text", "code", "channels", "weight", "order", "is_active"]


@admin.register(Standard)
class StandardAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """The corporate customer care standards. Changes reach shops scheduled from now on; scheduled and scored
    shops keep the checklist version they were given, so a standard in use is retired, not deleted."""

    manage_capability = "mysteryshopping.manage"
    form = StandardForm
    list_display = ("text", "channel_list", "weight", "order", "is_active")
    list_editable = ("weight", "order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("text", "code")
    prepopulated_fields = {"code": ("text",)}

    @admin.display(description="Channels")
    def channel_list(self, standard: Standard) -> str:
        labels = dict(SHOP_CHANNELS)
        return ", ".join(labels.get(channel, channel) for channel in standard.channels)


class ChecklistItemInline(ManageCapabilityMixin, admin.TabularInline):
    manage_capability = "mysteryshopping.manage"
    model = ChecklistItem
    fields = ("text", "channels", "weight", "order")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Checklist)
class ChecklistAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """Checklist versions are made when a shop is scheduled after the standards changed; they are kept as they
    were, because old shops' scores were worked out from them."""

    manage_capability = "mysteryshopping.manage"
    list_display = ("version", "created_at", "item_count", "shop_count")
    readonly_fields = ("version", "created_at")
    inlines = [ChecklistItemInline]

    @admin.display(description="Standards")
    def item_count(self, checklist: Checklist) -> int:
        return checklist.items.count()

    @admin.display(description="Shops")
    def shop_count(self, checklist: Checklist) -> int:
        return checklist.shops.count()

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
