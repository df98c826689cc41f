"""Raising a service request from an Open311 client. The request is an ordinary one, raised through the
service requests app by the API key's user, so it lands in the client service's queue with its due date
and history like any other; only the location, photo link and reporter's details are kept here.

The reporter becomes the request's customer only when their email address matches exactly one customer:
Open311 clients do not check who people are, so a record is never created or merged on their word alone.
"""

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from servicefirst.accounts.services import api_token_grant
from servicefirst.core.localtime import local_moment
from servicefirst.customers.selectors import customer_match
from servicefirst.open311.errors import Open311Error
from servicefirst.open311.models import Open311Submission
from servicefirst.open311.selectors import service_find
from servicefirst.servicerequests.selectors import RequestChannel, question_list
from servicefirst.servicerequests.services import (
    RequestData,
    service_request_check,
    service_request_raise,
)

# The spec limits a description to 4,000 characters, below the 5,000 an officer may type.
_LIMITS = {
    "description": 4000,
    "address_string": 255,
    "email": 254,
    "first_name": 100,
    "last_name": 100,
    "phone": 30,
    "device_id": 100,
}
_MEDIA_URL_MAX = 500
# A UK council's master address list is its gazetteer, so Open311's address_id is the property's UPRN.
_UPRN = re.compile(r"[0-9]{1,12}")


@dataclass
class Submission:
    service_code: str = ""
    description: str = ""
    lat: str = ""
    long: str = ""
    address_string: str = ""
    address_id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    device_id: str = ""
    media_url: str = ""
    attributes: dict[str, str] | None = None


def client_authenticate(*, api_key: str) -> AbstractBaseUser:
    """The user behind an API key who may raise requests."""
    if not api_key.strip():
        raise Open311Error(400, ["api_key: send the API key the council gave you"])
    grant = api_token_grant(key=api_key.strip())
    if grant is None:
        raise Open311Error(403, ["api_key: the API key is not valid, or it has expired"])
    if not grant.allows("open311:write"):
        raise Open311Error(403, ["api_key: this API key may not raise service requests (it needs open311:write)"])
    user = grant.user
    if not user.can("request.raise"):
        raise Open311Error(403, ["api_key: this API key may not raise service requests"])
    return user


def _coordinate(value: str, name: str, limit: int, errors: list[str]) -> Decimal | None:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or abs(number) > limit:
        errors.append(f"{name}: give a number from -{limit} to {limit}")
        return None
    return Decimal(str(round(number, 6)))


def _address(value: str) -> dict[str, str]:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if len(parts) < 3:
        return {"line_1": parts[0] if parts else "", "town": "", "postcode": ""}
    return {"line_1": parts[0], "line_2": ", ".join(parts[1:-2]), "town": parts[-2], "postcode": parts[-1]}


def _answers(*, service, submission: Submission) -> dict[str, Any]:
    """The attributes as the question set's answers: an address from its one line (or address_string), a
    date from an Open311 datetime. Anything else is passed on for the question set's own checks."""
    given = dict(submission.attributes or {})
    answers: dict[str, Any] = dict(given)
    for question in question_list(council_service_id=service.pk):
        value = given.get(question.key, "")
        if question.kind == "address":
            line = value or submission.address_string
            answers[question.key] = _address(line) if line.strip() else None
        elif question.kind == "date" and value:
            try:
                moment = parse_datetime(value.strip())
            except ValueError:
                moment = None
            if moment is not None:
                # The day as the council counts it: 23:30 UTC in summer is the next day in London.
                day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
                answers[question.key] = day.isoformat()
    return answers


def _field_name(name: str) -> str:
    if name.startswith("answers."):
        return f"attribute[{name.split('.')[1]}]"
    return {"council_service": "service_code", "__all__": "request"}.get(name, name)


def _checked(submission: Submission) -> tuple[Any, list[str]]:
    errors: list[str] = []
    for name, limit in _LIMITS.items():
        value = getattr(submission, name).strip()
        setattr(submission, name, value)
        if len(value) > limit:
            errors.append(f"{name}: must be {limit} characters or fewer")
    submission.address_id = submission.address_id.strip()
    if not submission.service_code.strip():
        raise Open311Error(400, ["service_code: say which service the request is for"])
    service = service_find(code=submission.service_code.strip())
    if service is None:
        raise Open311Error(404, [f"service_code: no service has the code {submission.service_code.strip()[:20]}"])
    if submission.lat or submission.long:
        if not (submission.lat and submission.long):
            errors.append("lat, long: give both the latitude and the longitude")
    elif not (submission.address_string or submission.address_id):
        errors.append("lat, long: give the location as lat and long, as address_string or as address_id")
    if submission.address_id and not _UPRN.fullmatch(submission.address_id):
        errors.append("address_id: give the property's UPRN, a number of up to 12 digits")
    if submission.email:
        try:
            validate_email(submission.email)
        except ValidationError:
            errors.append("email: give an email address like name@example.com")
    if submission.media_url:
        try:
            if len(submission.media_url) > _MEDIA_URL_MAX:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(submission.media_url)
        except ValidationError:
            errors.append(f"media_url: give a web address starting https:// of {_MEDIA_URL_MAX} characters or fewer")
    return service, errors


def _description(*, service, submission: Submission) -> str:
    """What the partner app sent or, since the spec lets it send none, a line saying what the request is: officers
    read a request's description first in the queue and the customer's history, as with the portal's requests."""
    return submission.description or f"{service.name}: reported through a partner app (Open311) without a description"


@transaction.atomic
def request_submit(*, client: AbstractBaseUser, submission: Submission):
    """Raises the request and keeps what came with it; raises Open311Error naming every wrong field."""
    service, errors = _checked(submission)
    lat = long = None
    if submission.lat and submission.long:
        lat = _coordinate(submission.lat, "lat", 90, errors)
        long = _coordinate(submission.long, "long", 180, errors)
    data = RequestData(
        council_service_id=service.pk,
        description=_description(service=service, submission=submission),
        channel=RequestChannel.WEB_FORM,
        answers=_answers(service=service, submission=submission),
        customer_id=customer_match(email=submission.email) if not errors else None,
    )
    try:
        if errors:
            # Checked even so, so the client hears of every wrong field at once.
            service_request_check(data=data)
            raise Open311Error(400, errors)
        service_request = service_request_raise(actor=client, data=data, via="open311")
    except ValidationError as error:
        errors += [f"{_field_name(name)}: {text}" for name, texts in error.message_dict.items() for text in texts]
        raise Open311Error(400, errors) from None
    except PermissionDenied:
        raise Open311Error(403, ["api_key: this API key may not raise service requests"]) from None
    Open311Submission.objects.create(
        service_request=service_request,
        client=client,
        lat=lat,
        long=long,
        address_string=submission.address_string,
        address_id=submission.address_id,
        description_sent=bool(submission.description),
        media_url=submission.media_url,
        email=submission.email.lower(),
        first_name=submission.first_name,
        last_name=submission.last_name,
        phone=submission.phone,
        device_id=submission.device_id,
    )
    return service_request


def date_parse(value: str, name: str) -> datetime.datetime | None:
    """An Open311 (W3C) datetime; a date alone means its start. Raises Open311Error when it is no date."""
    value = value.strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(400, [f"{name}: give a date and time like 2026-11-23T09:30:00Z"])
    return local_moment(moment)
