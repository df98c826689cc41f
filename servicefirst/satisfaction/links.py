"""Signed survey links: a link names one contact and how it reached the customer, expires, and is spent once
the contact has an answer (the one-answer-per-contact rule does that, so no list of used links is kept)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from servicefirst.satisfaction.models import CaptureMethod

SALT = "servicefirst.satisfaction.survey-link"
# How the link reached the customer, as notifications names its channels, and the capture it records.
MEDIUMS = {
    "email": CaptureMethod.LINK_EMAIL,
    "text": CaptureMethod.LINK_TEXT,
    "letter": CaptureMethod.LINK_LETTER,
    "portal": CaptureMethod.WEB_PORTAL,
}


class SurveyLinkInvalid(Exception):
    """The link was altered or was never ours."""


class SurveyLinkExpired(Exception):
    pass


@dataclass(frozen=True)
class SurveyLink:
    contact_id: int
    captured_by: str


def survey_link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.SATISFACTION_SURVEY_LINK_DAYS)


def survey_token_make(*, contact_id: int, medium: str) -> str:
    if medium not in MEDIUMS:
        medium = "email"
    return signing.dumps({"c": contact_id, "m": medium}, salt=SALT, compress=True)


def survey_token_read(*, token: str) -> SurveyLink:
    try:
        payload = signing.loads(token, salt=SALT, max_age=survey_link_max_age())
    except signing.SignatureExpired:
        raise SurveyLinkExpired from None
    except signing.BadSignature:
        raise SurveyLinkInvalid from None
    if not isinstance(payload, dict) or not isinstance(payload.get("c"), int) or payload.get("m") not in MEDIUMS:
        raise SurveyLinkInvalid
    return SurveyLink(contact_id=payload["c"], captured_by=MEDIUMS[payload["m"]])


def survey_link_url(*, contact_id: int, medium: str) -> str:
    """An absolute address, since it goes out in an email or text message."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("satisfaction_public:survey", args=[survey_token_make(contact_id=contact_id, medium=medium)])
