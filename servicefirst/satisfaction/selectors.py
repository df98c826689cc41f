"""Reads for satisfaction; the aggregate results are in reports.py."""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from servicefirst.contacts.selectors import contact_list
from servicefirst.core.channels import ContactChannel
from servicefirst.satisfaction.models import SATISFIED_FROM as SATISFIED_FROM
from servicefirst.satisfaction.models import DissatisfactionReason, KioskDevice, SurveyResponse
from servicefirst.satisfaction.services import kiosk_token_hash


def kiosk_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SATISFACTION_KIOSK_WINDOW_MINUTES)


def reasons_active() -> QuerySet[DissatisfactionReason]:
    return DissatisfactionReason.objects.filter(is_active=True)


def kiosk_device_for_token(*, token: str | None) -> KioskDevice | None:
    """The active kiosk holding this token; a revoked or unknown token gets nothing."""
    if not token:
        return None
    return (
        KioskDevice.objects.select_related("site")
        .filter(token_hash=kiosk_token_hash(token), revoked_at__isnull=True)
        .first()
    )


def kiosk_devices() -> QuerySet[KioskDevice]:
    return KioskDevice.objects.select_related("site", "registered_by", "revoked_by")


def kiosk_contact_awaiting(*, site_id: int, now: datetime.datetime | None = None) -> int | None:
    """The visit the kiosk asks about: the latest face-to-face contact at the site that ended within the
    window and has no answer yet. The customer who just left the desk is the one most likely at the kiosk."""
    now = now or timezone.now()
    contacts = contact_list()
    return (
        contacts.filter(
            site_id=site_id,
            channel=ContactChannel.FACE_TO_FACE,
            ended_at__lte=now,
            ended_at__gte=now - kiosk_window(),
            survey_responses__isnull=True,
        )
        .order_by("-ended_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )


def contact_has_response(*, contact_id: int) -> bool:
    return SurveyResponse.objects.filter(contact_id=contact_id).exists()


def response_for_contact(*, contact_id: int) -> SurveyResponse | None:
    return SurveyResponse.objects.select_related("reason", "recorded_by").filter(contact_id=contact_id).first()


def responses_for_customer(*, customer_id: int) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(contact__customer_id=customer_id).select_related(
        "reason", "recorded_by", "contact__council_service"
    )


def responses_list(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    site_id: int | None = None,
    council_service_id: int | None = None,
) -> QuerySet[SurveyResponse]:
    """Answers about contacts that started in the period (local dates), oldest first for stable paging."""
    responses = SurveyResponse.objects.select_related("reason", "contact")
    if date_from:
        responses = responses.filter(contact__started_at__date__gte=date_from)
    if date_to:
        responses = responses.filter(contact__started_at__date__lte=date_to)
    if site_id is not None:
        responses = responses.filter(contact__site_id=site_id)
    if council_service_id is not None:
        responses = responses.filter(contact__council_service_id=council_service_id)
    return responses.order_by("responded_at", "id")


def contacts_unanswered(*, ended_before: datetime.datetime) -> QuerySet:
    """Contacts that ended before the time and have no answer yet, as plain values, oldest first."""
    contacts = contact_list()
    return (
        contacts.filter(ended_at__lt=ended_before, survey_responses__isnull=True)
        .order_by("ended_at", "id")
        .values("pk", "channel", "outcome", "site_id", "site__code", "officer_id", "ended_at")
    )


def answer_fact_rows() -> QuerySet:
    """Every answer as (the contact's start, channel, site id, service id, rating), for rebuilding the figures."""
    return SurveyResponse.objects.order_by().values_list(
        "contact__started_at", "contact__channel", "contact__site_id", "contact__council_service_id", "rating"
    )


def responses_export(*, customer_id: int) -> list[dict]:
    """The customer's answers, for the per-customer participant contract (`satisfaction.hooks`)."""
    return list(SurveyResponse.objects.filter(contact__customer_id=customer_id).order_by("responded_at", "id").values())
