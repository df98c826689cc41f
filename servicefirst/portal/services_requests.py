"""Raising a service request from the portal's form, by a resident or by an officer with the resident.

A resident's request is raised by the portal's system user, so it is an ordinary request in the client service's
queue. The resident becomes its customer: an existing customer only when the email address matches exactly one
customer and, where a postcode was given, that customer has an address with it; otherwise a new customer, so the
acknowledgement can be sent and officers see the request on a single view. A phone number alone never matches:
anyone could type someone else's.

Assisted digital: an officer fills the same form with the resident; the request is raised by the officer and a
contact is logged for the resident (phone or face to face), linked to the request and marked assisted digital.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from servicefirst.accounts.services import portal_user_get
from servicefirst.contacts.selectors import ContactOutcome
from servicefirst.contacts.services import ContactData, contact_log
from servicefirst.customers.services import ResidentDetails, customer_for_resident
from servicefirst.servicerequests.selectors import QuestionKind, RequestChannel
from servicefirst.servicerequests.services import RequestData, service_request_raise

ASSISTED_CHANNELS = (RequestChannel.PHONE, RequestChannel.FACE_TO_FACE)


@dataclass
class AboutYou:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""


@dataclass
class Assisted:
    officer: AbstractBaseUser
    channel: str
    started_at: datetime.datetime
    site_id: int | None = None
    customer_id: int | None = None


def _address_answer(*, questions: list, answers: dict[str, Any]) -> dict[str, str]:
    for question in questions:
        if question.kind == QuestionKind.ADDRESS and isinstance(answers.get(question.key), dict):
            return answers[question.key]
    return {}


def _customer_for(*, actor: AbstractBaseUser, about: AboutYou, questions: list, answers: dict[str, Any]) -> int:
    address = _address_answer(questions=questions, answers=answers)
    resident = ResidentDetails(
        first_name=about.first_name,
        last_name=about.last_name,
        email=about.email,
        phone=about.phone,
        postcode=about.postcode,
        address_line_1=address.get("line_1", ""),
        address_line_2=address.get("line_2", ""),
        town=address.get("town", ""),
        address_postcode=address.get("postcode", ""),
    )
    return customer_for_resident(actor=actor, resident=resident, via="portal")


@transaction.atomic
def portal_request_submit(
    *, service, questions: list, answers: dict[str, Any], about: AboutYou, assisted: Assisted | None = None
):
    """Raises the request (and, when assisted, logs the contact); raises ValidationError keyed by field."""
    actor = assisted.officer if assisted is not None else portal_user_get()
    customer_id = None
    if assisted is not None and assisted.customer_id is not None:
        customer_id = assisted.customer_id
    if customer_id is None:
        customer_id = _customer_for(actor=actor, about=about, questions=questions, answers=answers)
    contact_id = None
    if assisted is not None:
        contact = contact_log(
            officer=assisted.officer,
            data=ContactData(
                channel=assisted.channel,
                customer_id=customer_id,
                council_service_id=service.pk,
                reason=f"Filled the online form for {service.name} with the customer",
                site_id=assisted.site_id,
                started_at=assisted.started_at,
                ended_at=timezone.now(),
                outcome=ContactOutcome.SERVICE_REQUEST_RAISED,
                assisted_digital=True,
            ),
        )
        contact_id = contact.pk
    data = RequestData(
        council_service_id=service.pk,
        description=f"{service.name}: reported through the council website"
        + (" with an officer's help" if assisted else ""),
        channel=assisted.channel if assisted is not None else RequestChannel.WEB_FORM,
        answers=answers,
        customer_id=customer_id,
        contact_id=contact_id,
    )
    return service_request_raise(actor=actor, data=data, via="portal")
