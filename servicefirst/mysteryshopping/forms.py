from django import forms
from django.utils import timezone

from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.mysteryshopping.models import SHOP_CHANNELS, Answer, MysteryShop
from servicefirst.mysteryshopping.selectors import ShopQuestion, shop_contact_points, shop_sites
from servicefirst.mysteryshopping.services import answer_field


def _id_field(label: str, *, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, empty_value=None, required=False, help_text=help_text, choices=[]
    )


class ScheduleForm(GovukForm):
    """Field names are the service's, so its errors land on the right field."""

    site_id = _id_field("Site")
    channel = forms.ChoiceField(
        label="Channel",
        choices=SHOP_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the shopper will contact the council"},
    )
    contact_point_id = _id_field("Contact point", help_text="The published number or address the shopper will use")
    scheduled_for = GovukDateField(label="Date of the shop", help_text="For example, 27 11 2026")
    shopper = forms.CharField(
        label="Shopper",
        max_length=150,
        help_text="The shopper's name, or the agency carrying out the shop",
        error_messages={"required": "Enter the shopper's name or the agency's"},
    )
    scenario = forms.CharField(
        label="Scenario",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the shopper will ask for, as a resident would",
        error_messages={"required": "Enter the scenario the shopper will follow"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site_id"].choices = [("", "Choose a site")] + [(s.pk, s.name) for s in shop_sites()]
        self.fields["contact_point_id"].choices = [("", "None")] + [(p.pk, str(p)) for p in shop_contact_points()]
        self.fields["site_id"].hide_optional = True
        self.fields["scheduled_for"].error_messages["required"] = "Enter the date of the shop"


class ScoreForm(GovukForm):
    """One radio group and one notes box per standard of the shop's checklist, and the day of the shop.

    Answers are not required here: the scoring service says which are missing, in one wording.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    done_on = GovukDateField(label="Date the shop was carried out", help_text="For example, 27 11 2026")

    def __init__(self, *args, shop: MysteryShop, questions: list[ShopQuestion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["done_on"].error_messages["required"] = "Enter the date the shop was carried out"
        for question in questions:
            item = question.item
            self.fields[answer_field(item.pk)] = forms.ChoiceField(
                label=item.text, choices=Answer.choices, widget=forms.RadioSelect, required=False
            )
            self.fields[f"notes_{item.pk}"] = forms.CharField(
                label=f"Notes on “{item.text}”",
                max_length=500,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if not self.is_bound:
            self.initial["version"] = shop.version
            self.initial["done_on"] = shop.done_on or min(shop.scheduled_for, timezone.localdate())
            for question in questions:
                self.initial[answer_field(question.item.pk)] = question.answer
                self.initial[f"notes_{question.item.pk}"] = question.notes

    def rows(self) -> list[tuple[ShopQuestion, forms.BoundField, forms.BoundField]]:
        return [(q, self[answer_field(q.item.pk)], self[f"notes_{q.item.pk}"]) for q in self.questions]

    def answers(self) -> dict[int, str]:
        return {q.item.pk: self.cleaned_data.get(answer_field(q.item.pk)) or "" for q in self.questions}

    def notes(self) -> dict[int, str]:
        return {q.item.pk: self.cleaned_data.get(f"notes_{q.item.pk}") or "" for q in self.questions}
