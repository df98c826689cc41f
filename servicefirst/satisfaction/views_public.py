"""Pages residents use without signing in: the kiosk in a centre and the survey link sent after a contact.

Neither shows anything about the contact or the person: a kiosk stands in a public area, and a link may be
read by whoever holds the phone.
"""

import contextlib
import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from servicefirst.satisfaction.forms import QUESTION, SurveyForm
from servicefirst.satisfaction.links import SurveyLinkExpired, SurveyLinkInvalid, survey_token_read
from servicefirst.satisfaction.models import DISSATISFIED_UP_TO, CaptureMethod, KioskDevice, Rating
from servicefirst.satisfaction.selectors import (
    contact_has_response,
    kiosk_contact_awaiting,
    kiosk_device_for_token,
    reasons_active,
)
from servicefirst.satisfaction.services import ALREADY_ANSWERED, survey_answer_check, survey_record

KIOSK_COOKIE = "sf_kiosk"
KIOSK_COOKIE_SALT = "servicefirst.satisfaction.kiosk-cookie"
_VISIT_SALT = "servicefirst.satisfaction.kiosk-visit"
# Long enough to choose a reason; short enough that the next visitor cannot finish someone else's answer.
_VISIT_MAX_AGE = datetime.timedelta(minutes=5)
_THANKS_SECONDS = 6


def kiosk_idle_seconds() -> int:
    return settings.SATISFACTION_KIOSK_IDLE_SECONDS


def _kiosk_device(request: HttpRequest) -> KioskDevice | None:
    token = request.get_signed_cookie(KIOSK_COOKIE, default=None, salt=KIOSK_COOKIE_SALT)
    return kiosk_device_for_token(token=token)


def _kiosk_page(request: HttpRequest, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    context = {
        "question": QUESTION,
        "ratings": Rating.choices,
        "idle_seconds": kiosk_idle_seconds(),
        # Part-way through, or finished: the screen clears itself for the next visitor.
        "resets": template in ("kiosk_reason.html", "kiosk_thanks.html"),
        **(context or {}),
    }
    return render(request, f"satisfaction/{template}", context, status=status)


def _thanks(request: HttpRequest) -> HttpResponse:
    return _kiosk_page(request, "kiosk_thanks.html", {"idle_seconds": _THANKS_SECONDS})


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@never_cache
def kiosk(request: HttpRequest) -> HttpResponse:
    """Asks the one question about the visit that has just ended at the kiosk's site; a kiosk without a valid
    device token asks nothing. The visit is chosen when the customer answers, and pinned (signed) while a
    dissatisfied customer picks a reason, so the next visit to end cannot take their answer."""
    device = _kiosk_device(request)
    if device is None:
        return _kiosk_page(request, "kiosk_not_set_up.html", status=403)
    if request.method != "POST":
        return _kiosk_page(request, "kiosk.html")
    rating = _int_or_none(request.POST.get("rating"))
    if rating not in Rating.values:
        return _kiosk_page(request, "kiosk.html", {"error": "Choose how satisfied you were"}, status=400)
    visit = request.POST.get("visit", "")
    if visit:
        try:
            contact_id = signing.loads(visit, salt=_VISIT_SALT, max_age=_VISIT_MAX_AGE)
        except signing.BadSignature:
            return _thanks(request)
    else:
        contact_id = kiosk_contact_awaiting(site_id=device.site_id)
    if contact_id is None:
        return _thanks(request)
    reason_id = _int_or_none(request.POST.get("reason_id"))
    comment = request.POST.get("comment", "")
    if rating <= DISSATISFIED_UP_TO:
        try:
            survey_answer_check(rating=rating, reason_id=reason_id, comment=comment)
        except ValidationError as error:
            context = {
                "rating": rating,
                "visit": signing.dumps(contact_id, salt=_VISIT_SALT),
                "reasons": reasons_active(),
                "comment": comment,
                # The first time the reasons are shown is a question, not a mistake.
                "errors": error.message_dict if visit else {},
            }
            return _kiosk_page(request, "kiosk_reason.html", context, status=400 if visit else 200)
    # Answered already (another screen got there first) or no longer answerable: the customer is thanked all
    # the same, and nothing about the visit is revealed.
    with contextlib.suppress(ValidationError):
        survey_record(
            contact_id=contact_id,
            rating=rating,
            reason_id=reason_id,
            comment=comment,
            captured_by=CaptureMethod.KIOSK,
            kiosk=device,
        )
    return _thanks(request)


def _survey_page(request: HttpRequest, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    return render(request, f"satisfaction/{template}", context or {}, status=status)


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey a link in an email, text message or letter opens; the residents' portal links here with
    `?via=portal`, which records the answer as given through the portal."""
    try:
        link = survey_token_read(token=token)
    except SurveyLinkExpired:
        return _survey_page(request, "survey_expired.html", status=410)
    except SurveyLinkInvalid:
        return _survey_page(request, "survey_invalid.html", status=404)
    if contact_has_response(contact_id=link.contact_id):
        return _survey_page(request, "survey_used.html")
    via_portal = request.GET.get("via") == "portal"
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_record(
                contact_id=link.contact_id,
                captured_by=CaptureMethod.WEB_PORTAL if via_portal else link.captured_by,
                **form.answer(),
            )
        except ValidationError as error:
            if error.message_dict.get("contact_id") == [ALREADY_ANSWERED]:
                return _survey_page(request, "survey_used.html")
            if "contact_id" in error.message_dict:
                return _survey_page(request, "survey_invalid.html", status=404)
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect(reverse("satisfaction_public:survey_thanks"))
    return _survey_page(request, "survey.html", {"form": form}, status=400 if form.errors else 200)


def survey_thanks(request: HttpRequest) -> HttpResponse:
    return _survey_page(request, "survey_thanks.html")
