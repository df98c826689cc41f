"""The customer's satisfaction answers on their single view."""

from collections.abc import Iterable

from django.urls import reverse

from servicefirst.customers.timeline import TimelineEntry
from servicefirst.satisfaction.selectors import responses_for_customer


def satisfaction_answers(*, customer_id: int) -> Iterable[TimelineEntry]:
    for answer in responses_for_customer(customer_id=customer_id):
        contact = answer.contact
        about = contact.council_service.name if contact.council_service else "a contact"
        detail = answer.get_captured_by_display()
        if answer.reason:
            detail = f"Main reason: {answer.reason.label}. {detail}"
        if answer.comment:
            detail = f"{detail}. “{answer.comment[:200]}”"
        recorded_by = answer.recorded_by
        yield TimelineEntry(
            at=answer.responded_at,
            kind="Satisfaction survey",
            title=f"{answer.get_rating_display()} with the contact about {about}",
            # Front-office feedback: a client service officer does not see it.
            client_service_id=None,
            status="Dissatisfied" if answer.is_dissatisfied else "",
            detail=detail,
            by=recorded_by.display_name if recorded_by else "The customer",
            url=reverse("satisfaction:record", args=[contact.pk]),
        )
