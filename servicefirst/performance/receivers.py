"""Keeps the daily facts current as other apps announce their changes (see `core.events`)."""

from servicefirst.performance.services_facts import (
    answer_facts_add,
    contact_facts_add,
    contact_named_facts_add,
    contact_repeat_facts_add,
    resolution_facts_change,
)


def contact_logged_received(*, contact, **kwargs) -> None:
    contact_facts_add(contact=contact)


def contact_repeat_received(*, contact, **kwargs) -> None:
    contact_repeat_facts_add(contact=contact)


def contact_customer_named_received(*, contact, **kwargs) -> None:
    contact_named_facts_add(contact=contact)


def survey_answered_received(*, contact, rating: int, **kwargs) -> None:
    answer_facts_add(contact=contact, rating=rating)


def resolution_changed_received(*, service_request, resolved_at, change: int, **kwargs) -> None:
    resolution_facts_change(service_request=service_request, resolved_at=resolved_at, change=change)
