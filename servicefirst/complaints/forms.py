from django import forms

from servicefirst.catalogue.selectors import council_service_list
from servicefirst.complaints.models import (
    ComplaintsTeam,
    FeedbackKind,
    Ombudsman,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    RemedyKind,
)
from servicefirst.complaints.selectors import complaint_handlers, complaint_themes, complaints_teams
from servicefirst.complaints.services import LearningActionData, RemedyData
from servicefirst.core.channels import ContactChannel
from servicefirst.core.forms import GovukDateField, GovukForm

_LONG = {"widget": forms.Textarea(attrs={"rows": 4}), "max_length": 5000}


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


def _quiet_optional(form: forms.Form) -> None:
    for field in form.fields.values():
        field.hide_optional = True


class RecordForm(GovukForm):
    """Taking down a complaint, compliment or comment. Whether it is complete is the service's decision, so the
    page and the API give the same errors."""

    kind = forms.ChoiceField(
        label="What is the customer telling us?",
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        initial=FeedbackKind.COMPLAINT,
        error_messages={"required": "Select complaint, compliment or comment", "invalid_choice": "Select an option"},
    )
    procedure = forms.ChoiceField(
        label="Which procedure applies?",
        choices=Procedure.choices,
        widget=forms.RadioSelect,
        initial=Procedure.CORPORATE,
        help_text="Complaints about adults' or children's social care go to their own statutory complaints team.",
        error_messages={"required": "Select the procedure", "invalid_choice": "Select the procedure"},
    )
    summary = forms.CharField(label="Summary", max_length=200, required=False, help_text="One line, for lists.")
    details = forms.CharField(label="What the customer said", required=False, **_LONG)
    channel = forms.ChoiceField(
        label="How did it come in?",
        choices=ContactChannel.choices,
        initial=ContactChannel.PHONE,
        error_messages={"invalid_choice": "Select how it came in"},
    )
    received_on = GovukDateField(
        label="Date received",
        required=False,
        help_text="Leave blank if it came in today. For a letter or email from an earlier day, for example 27 3 2026.",
    )
    council_service = forms.ModelChoiceField(
        label="Which service is it about?",
        queryset=None,
        required=False,
        empty_label="Not about one service",
        error_messages={"invalid_choice": "Select a service from the list"},
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=None,
        required=False,
        empty_label="Not yet known",
        error_messages={"invalid_choice": "Select a theme from the list"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council_service"].queryset = council_service_list()
        self.fields["theme"].queryset = complaint_themes()
        self.fields["summary"].hide_optional = True


class VersionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AcknowledgeForm(VersionForm):
    note = forms.CharField(label="Note (optional)", required=False, **_LONG)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class AssignForm(VersionForm):
    assigned_officer = OfficerChoiceField(
        label="Complaints officer",
        queryset=None,
        empty_label="Select an officer",
        error_messages={"required": "Select an officer", "invalid_choice": "Select an officer from the list"},
    )

    def __init__(self, *args, team: ComplaintsTeam | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_officer"].queryset = complaint_handlers(team=team)


class ExtendForm(VersionForm):
    extend_to = GovukDateField(label="New date for the response", required=False)
    reason = forms.CharField(
        label="Reason for the extension",
        help_text="The customer is sent this with the new date.",
        required=False,
        **_LONG,
    )
    beyond_limit_reason = forms.CharField(
        label="Good reason to go beyond the limit (only for a date beyond it)",
        help_text="Recorded and reported to the committee with the extension.",
        required=False,
        **_LONG,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class PlanForm(VersionForm):
    respond_by = GovukDateField(label="Response date agreed with the complainant", required=False)
    note = forms.CharField(
        label="What was agreed",
        help_text="With whom, how (for example by phone) and what the investigation will cover. The complainant is "
        "sent this with the date.",
        required=False,
        **_LONG,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class PanelForm(VersionForm):
    met_on = GovukDateField(label="Date the review panel met", required=False)
    report_on = GovukDateField(
        label="Date the panel's report was received (once it is)",
        required=False,
        help_text="The council's response is due 15 working days after it.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class RespondForm(VersionForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the outcome"},
    )
    response = forms.CharField(label="Response to the customer", required=False, **_LONG)
    remedies = forms.MultipleChoiceField(
        label="Remedies (optional)",
        choices=RemedyKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select remedies from the list"},
    )
    remedy_amount = forms.CharField(
        label="Financial remedy in pounds (optional)", max_length=12, required=False, help_text="For example 50.00"
    )
    remedy_detail = forms.CharField(label="Remedy details (optional)", max_length=300, required=False)
    learning_action = forms.CharField(label="Learning action (optional)", max_length=300, required=False)
    learning_owner = forms.CharField(label="Who owns the learning action", max_length=150, required=False)
    learning_due_on = GovukDateField(label="When the learning action is due", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)
        self.fields["remedy_amount"].widget.attrs["class"] = "govuk-input--width-10"

    def remedy_list(self) -> list[RemedyData]:
        data = self.cleaned_data
        return [
            RemedyData(
                kind=kind,
                amount=data.get("remedy_amount") if kind == RemedyKind.FINANCIAL else None,
                detail=data.get("remedy_detail", ""),
            )
            for kind in data.get("remedies", [])
        ]

    def learning_list(self) -> list[LearningActionData]:
        data = self.cleaned_data
        parts = (data.get("learning_action"), data.get("learning_owner"), data.get("learning_due_on"))
        if not any(parts):
            return []
        return [LearningActionData(action=parts[0] or "", owner=parts[1] or "", due_on=parts[2])]


class EscalateForm(VersionForm):
    reason = forms.CharField(label="Why the customer is not satisfied (optional)", required=False, **_LONG)
    ombudsman = forms.ChoiceField(
        label="Ombudsman (after the final stage only)",
        choices=[("", "Not applicable: next stage"), *Ombudsman.choices],
        required=False,
        error_messages={"invalid_choice": "Select the Ombudsman"},
    )
    ombudsman_reference = forms.CharField(label="Ombudsman's reference (optional)", max_length=40, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class DecisionForm(VersionForm):
    decision = forms.ChoiceField(
        label="The Ombudsman's decision",
        choices=OmbudsmanDecision.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the Ombudsman's decision"},
    )
    decided_on = GovukDateField(label="Date of the decision", required=False)
    note = forms.CharField(label="Note (optional)", required=False, **_LONG)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class CloseForm(VersionForm):
    note = forms.CharField(
        label="Note", required=False, help_text="Needed if the complaint is closed before a response.", **_LONG
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class ReopenForm(VersionForm):
    reason = forms.CharField(label="Why is it reopened?", required=False, **_LONG)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quiet_optional(self)


class CaseloadFilterForm(GovukForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=None,
        required=False,
        empty_label="All my teams",
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    procedure = forms.ChoiceField(
        label="Procedure",
        choices=[("", "Any procedure"), *Procedure.choices],
        required=False,
        error_messages={"invalid_choice": "Select a procedure from the list"},
    )
    stage = forms.TypedChoiceField(
        label="Stage",
        choices=[("", "Any stage"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a stage from the list"},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "Complaints, compliments and comments"), *FeedbackKind.choices],
        required=False,
        error_messages={"invalid_choice": "Select a kind from the list"},
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)
    mine = forms.BooleanField(label="Only assigned to me", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = complaints_teams()
        _quiet_optional(self)

    def filters(self, *, viewer) -> dict:
        """The valid filters; a mistyped one is shown beside its field and left out."""
        data = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data
        team = data.get("team")
        return {
            "team_id": team.pk if team else None,
            "procedure": data.get("procedure") or "",
            "stage": data.get("stage"),
            "kind": data.get("kind") or "",
            "overdue": bool(data.get("overdue")),
            "officer_id": viewer.pk if data.get("mine") else None,
        }
