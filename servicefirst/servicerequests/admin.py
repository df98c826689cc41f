from django import forms
from django.contrib import admin

from servicefirst.core.admin_csv import ManageCapabilityMixin
from servicefirst.servicerequests.models import Question, QuestionKind, QuestionSet


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = "__all__"
        widgets = {"choices": forms.Textarea(attrs={"rows": 3, "cols": 30})}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == QuestionKind.CHOICE and not (data.get("choices") or "").strip():
            self.add_error("choices", "A choice question needs at least one option, one a line.")
        return data


class QuestionInline(ManageCapabilityMixin, admin.TabularInline):
    manage_capability = "catalogue.manage"
    model = Question
    form = QuestionForm
    extra = 1
    fields = ("order", "key", "label", "hint", "kind", "choices", "required")


@admin.register(QuestionSet)
class QuestionSetAdmin(ManageCapabilityMixin, admin.ModelAdmin):
    """The questions officers ask when raising a request for a service, e.g. a missed bin's address,
    bin type and collection day. Managed with the catalogue, by whoever manages services."""

    manage_capability = "catalogue.manage"
    inlines = [QuestionInline]
    list_display = ("council_service", "question_count")
    search_fields = ("council_service__name",)
    autocomplete_fields = ("council_service",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("council_service").prefetch_related("questions")

    @admin.display(description="Questions")
    def question_count(self, obj: QuestionSet) -> int:
        return len(obj.questions.all())
