"""Satisfaction answers over the JSON API: reading them for analysis, and recording one from a telephony
platform's post-call survey (IVR) or another system that asks customers on the council's behalf."""

import datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from servicefirst.accounts.api_auth import capable
from servicefirst.audit.services import records_list_audit
from servicefirst.core.access import capability_require
from servicefirst.core.validation import OFFSET_MAX, IsoDate, IsoDateTime
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from servicefirst.satisfaction.selectors import responses_list
from servicefirst.satisfaction.services import COMMENT_MAX, survey_record

router = Router(tags=["satisfaction"])

_LIMIT_MAX = 200


def _require(request: HttpRequest, capability: str) -> None:
    capability_require(user=request.user, capability=capability)


class KeyedCapture(StrEnum):
    """Only answers keyed for the customer come through the API; kiosks and survey links have their own pages."""

    IVR = CaptureMethod.IVR.value
    OFFICER = CaptureMethod.OFFICER.value


class ResponseIn(Schema):
    contact_id: int = Field(description="The contact the customer answered about, as /api/contacts gives it")
    rating: int = Field(description="1 very dissatisfied, 2 dissatisfied, 3 neither, 4 satisfied, 5 very satisfied")
    captured_by: KeyedCapture = KeyedCapture.IVR
    reason_id: int | None = Field(None, description="Required when the rating is 1 or 2: an active reason's id")
    comment: str = Field("", max_length=COMMENT_MAX)
    responded_at: IsoDateTime | None = Field(None, description="When the customer answered; now if left out")


class ResponseOut(Schema):
    id: int
    contact_id: int
    rating: int
    rating_label: str
    satisfied: bool
    captured_by: str
    reason_id: int | None
    reason: str | None
    reason_category: str | None
    comment: str
    responded_at: datetime.datetime
    channel: str
    site_id: int | None
    council_service_id: int | None


class ResponsesOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[ResponseOut]


def _out(response: SurveyResponse) -> dict:
    contact = response.contact
    return {
        "id": response.pk,
        "contact_id": contact.pk,
        "rating": response.rating,
        "rating_label": response.get_rating_display(),
        "satisfied": response.is_satisfied,
        "captured_by": response.captured_by,
        "reason_id": response.reason_id,
        "reason": response.reason.label if response.reason else None,
        "reason_category": response.reason.category if response.reason else None,
        "comment": response.comment,
        "responded_at": response.responded_at,
        "channel": contact.channel,
        "site_id": contact.site_id,
        "council_service_id": contact.council_service_id,
    }


@router.get("/responses", response=ResponsesOut, summary="List satisfaction answers")
def responses(
    request: HttpRequest,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    site: int | None = None,
    service: int | None = None,
    limit: int = Query(50, ge=1, le=_LIMIT_MAX),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
):
    """Answers about contacts that started between `date_from` and `date_to` (inclusive, UK dates), optionally
    at one `site` or about one council `service`, oldest first. Each answer is tied to a contact and may carry the
    customer's words, so this needs both the reports and the customer-record capabilities."""
    _require(request, "reports.view")
    _require(request, "customer.view")
    if date_from and date_to and date_to < date_from:
        raise ValidationError({"date_to": "The end of the period must be the same as or after the start"})
    answers = responses_list(date_from=date_from, date_to=date_to, site_id=site, council_service_id=service)
    shown = list(answers[offset : offset + limit])
    records_list_audit(viewer=request.user, record_type="survey_response", ids=[a.pk for a in shown], via="api")
    return {"count": answers.count(), "limit": limit, "offset": offset, "results": [_out(a) for a in shown]}


@router.post(
    "/responses",
    response={201: ResponseOut},
    summary="Record a satisfaction answer",
    auth=capable("satisfaction.record"),
)
def record(request: HttpRequest, payload: ResponseIn):
    """One answer per contact: a second answer about the same contact is refused (422, field `contact_id`)."""
    answer = survey_record(
        contact_id=payload.contact_id,
        rating=payload.rating,
        captured_by=payload.captured_by.value,
        reason_id=payload.reason_id,
        comment=payload.comment,
        recorded_by=request.user,
        responded_at=payload.responded_at,
    )
    return Status(201, _out(responses_list().get(pk=answer.pk)))
