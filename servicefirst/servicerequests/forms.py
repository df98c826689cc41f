import datetime

from django import forms
from django.core.exceptions import ValidationError

from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.organisation.selectors import client_service_list
from servicefirst.servicerequests.models import (
    RequestChannel,
    RequestPriority,
    RequestStatus,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.question_fields import QuestionsForm, optional_quietly
from servicefirst.servicerequests.selectors import OPEN, assignable_officers
from servicefirst.servicerequests.services import ALLOWED_TRANSITIONS


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class ServiceChoiceForm(GovukForm):
    service = forms.ModelChoiceField(
        label="Which service is the request for?",
        queryset=None,
        empty_label="Select a service",
        error_messages={"required": "Select a service", "invalid_choice": "Select a service from the list"},
    )

    def __init__(self, *args, services, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class RaiseForm(QuestionsForm):
    """The request's own details, then the service's questions."""

    description = forms.CharField(
        label="What does the customer need?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    channel = forms.ChoiceField(
        label="How did the request come in?",
        choices=RequestChannel.choices,
        initial=RequestChannel.PHONE,
        error_messages={"invalid_choice": "Select how the request came in"},
    )
    priority = forms.TypedChoiceField(
        label="Priority",
        choices=RequestPriority.choices,
        coerce=int,
        initial=RequestPriority.NORMAL,
        error_messages={"invalid_choice": "Select a priority from the list"},
    )
    received_on = GovukDateField(
        label="Date received",
        required=False,
        help_text="Leave blank if it came in today. For a letter or email from an earlier day, for example 27 11 2026.",
    )

    def __init__(self, *args, received_from_contact: datetime.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if received_from_contact is not None:
            # The SLA counts from when the council received the contact, so the page shows that day, not today.
            self.fields["received_on"].initial = received_from_contact
            self.fields["received_on"].help_text = (
                f"The contact it is raised from came in on {received_from_contact:%-d %B %Y}. "
                "Change it only for a letter or email the council received earlier."
            )


class StatusForm(GovukForm):
    status = forms.ChoiceField(label="New status", error_messages={"invalid_choice": "Select a status from the list"})
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="Needed when awaiting the customer, resolving or reopening: the customer is sent it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_TRANSITIONS[current]
        self.fields["status"].choices = [(value, label) for value, label in RequestStatus.choices if value in allowed]


class AssignForm(GovukForm):
    assigned_officer = OfficerChoiceField(
        label="Officer",
        queryset=None,
        empty_label="Select an officer",
        error_messages={"required": "Select an officer", "invalid_choice": "Select an officer from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, client_service_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_officer"].queryset = assignable_officers(client_service_id=client_service_id)


class MoveForm(GovukForm):
    client_service = forms.ModelChoiceField(
        label="Move to",
        queryset=None,
        empty_label="Select a client service",
        error_messages={
            "required": "Select the client service to move the request to",
            "invalid_choice": "Select a client service from the list",
        },
    )
    reason = forms.CharField(
        label="Why is it moving?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": "Enter why the request is moving"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current_client_service_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_service"].queryset = client_service_list().exclude(pk=current_client_service_id)


class PriorityForm(GovukForm):
    priority = forms.TypedChoiceField(
        label="Priority",
        choices=RequestPriority.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a priority", "invalid_choice": "Select a priority from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(GovukForm):
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter the note"},
    )
    visibility = forms.ChoiceField(
        label="Who sees it?",
        choices=ServiceRequestEvent.Visibility.choices,
        widget=forms.RadioSelect,
        initial=ServiceRequestEvent.Visibility.INTERNAL,
        error_messages={"required": "Select who sees the note", "invalid_choice": "Select who sees the note"},
    )


class QueueFilterForm(GovukForm):
    client_service = forms.ModelChoiceField(
        label="Client service",
        required=False,
        queryset=client_service_list(),
        empty_label="All client services",
        error_messages={"invalid_choice": "Select a client service from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[(OPEN, "All open"), *RequestStatus.choices, ("all", "Any status")],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    officer = OfficerChoiceField(
        label="Officer",
        required=False,
        queryset=assignable_officers(),
        empty_label="Anyone",
        error_messages={"invalid_choice": "Select an officer from the list"},
    )
    overdue = forms.BooleanField(label="Only overdue requests", required=False)

    def __init__(self, *args, own_service_id: int | None, **kwargs) -> None:
        """`own_service_id` is a client service officer's service: their queue is the only one they see."""
        super().__init__(*args, **kwargs)
        optional_quietly(self)
        if own_service_id is not None:
            del self.fields["client_service"]
            self.fields["officer"].queryset = assignable_officers(client_service_id=own_service_id)

    def filters(self) -> dict:
        """The valid filters; a mistyped one is reported beside its field and left out."""
        data = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data
        client_service = data.get("client_service")
        officer = data.get("officer")
        status = data.get("status") or OPEN
        return {
            "client_service_id": client_service.pk if client_service else None,
            "status": "" if status == "all" else status,
            "officer_id": officer.pk if officer else None,
            "overdue": bool(data.get("overdue")),
        }


class RequestIdsField(forms.Field):
    """The ticked requests; the service checks the actor may work each one."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise ValidationError("Select requests from the list") from None


class BulkAssignForm(GovukForm):
    requests = RequestIdsField(label="Requests", error_messages={"required": "Select at least one request"})
    officer = OfficerChoiceField(
        label="Assign the selected requests to",
        queryset=None,
        empty_label="Select an officer",
        error_messages={"required": "Select an officer", "invalid_choice": "Select an officer from the list"},
    )

    def __init__(self, *args, client_service_id: int | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = assignable_officers(client_service_id=client_service_id)
