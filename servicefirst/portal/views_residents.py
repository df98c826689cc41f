"""Public pages: track a request, make a complaint, leave a compliment, give feedback.

These pages are for residents, who have no staff account, so they carry no capability check; they show nothing
personal until the resident proves a record is theirs. The complaint, compliment and feedback journeys keep what
was typed in the session between pages, so they work without JavaScript and nothing is lost.
"""

from dataclasses import asdict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from servicefirst.catalogue.selectors import council_service_get
from servicefirst.complaints.selectors import FeedbackKind
from servicefirst.portal.forms_residents import AboutForm, DetailsForm, SubmitForm, TrackForm, WhatForm
from servicefirst.portal.protection import lookup_failure_count, lookup_failures_exceeded, public_rate_limit
from servicefirst.portal.selectors_residents import track_find
from servicefirst.portal.services_residents import ResidentFeedback, resident_feedback_submit, resident_record_viewed

NOT_FOUND = (
    "We could not find a request or complaint with that reference and that email address or postcode. "
    "Check what you entered and try again."
)

# Each journey: its URL slug, the kind of feedback recorded, and the words its pages use.
JOURNEYS = {
    "complaint": {"kind": FeedbackKind.COMPLAINT, "title": "Make a complaint", "noun": "complaint"},
    "compliment": {"kind": FeedbackKind.COMPLIMENT, "title": "Leave a compliment", "noun": "compliment"},
    "feedback": {"kind": FeedbackKind.COMMENT, "title": "Give feedback", "noun": "feedback"},
}
STEPS = ("about", "what", "details")
_STEP_FORMS = {"about": AboutForm, "what": WhatForm, "details": DetailsForm}
_STEP_FIELDS = {name: list(form.base_fields) for name, form in _STEP_FORMS.items()}


def _track_limits(request: HttpRequest, reference: str) -> dict:
    return {
        "request": request,
        "group": "portal-track-failed",
        "subject": reference,
        "per_subject": settings.PORTAL_TRACK_FAILURES_PER_REFERENCE,
        "per_address": settings.PORTAL_TRACK_FAILURES_PER_ADDRESS,
    }


@require_http_methods(["GET", "POST"])
# Against robots only; guessing is held back by the failed lookups counted below.
@public_rate_limit(group="portal-track", rate=settings.PORTAL_TRACK_RATE)
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits = _track_limits(request, form.cleaned_data["reference"])
        if lookup_failures_exceeded(**limits):
            return render(request, "portal/too_many_requests.html", status=429)
        found = track_find(
            reference=form.cleaned_data["reference"],
            email=form.cleaned_data["email"],
            postcode=form.cleaned_data["postcode"],
        )
        if found is None:
            lookup_failure_count(**limits)
        else:
            resident_record_viewed(
                record_type=found.record_type,
                record_id=found.record_id,
                reference=found.reference,
                how="reference with email or postcode",
            )
            return render(request, "portal/residents/track_result.html", {"record": found})
        form.add_error(None, NOT_FOUND)
    return render(request, "portal/residents/track.html", {"form": form})


def step_url_name(slug: str, step: str) -> str:
    """The journey's first page is named after the journey (`portal:complaint`), the others after their step."""
    return f"portal:{slug}" if step == "about" else f"portal:{slug}_{step}"


def _session_key(slug: str) -> str:
    return f"portal:feedback:{slug}"


def _answers(request: HttpRequest, slug: str) -> dict:
    return request.session.get(_session_key(slug), {})


def _first_missing(answers: dict) -> str | None:
    """The first page not yet answered, so a resident who jumps ahead is sent back to it."""
    for step in STEPS:
        if step not in answers.get("done", []):
            return step
    return None


def _form_for(step: str, slug: str, data=None, initial=None):
    kwargs = {"data": data, "initial": initial}
    if step in ("what", "details"):
        kwargs["kind"] = JOURNEYS[slug]["kind"]
    return _STEP_FORMS[step](**kwargs)


@require_http_methods(["GET", "POST"])
def feedback_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    journey = JOURNEYS[slug]
    answers = _answers(request, slug)
    missing = _first_missing(answers)
    if missing is not None and STEPS.index(step) > STEPS.index(missing):
        return redirect(step_url_name(slug, missing))
    changing = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    initial = {name: answers.get(name, "") for name in _STEP_FIELDS[step]}
    if step == "about" and answers.get("council_service"):
        initial["council_service"] = str(answers["council_service"])
    form = _form_for(step, slug, data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answers.update(form.cleaned_data)
        answers["done"] = sorted(set(answers.get("done", [])) | {step})
        request.session[_session_key(slug)] = answers
        following = _first_missing(answers)
        if changing or following is None:
            return redirect(f"portal:{slug}_check")
        return redirect(step_url_name(slug, following))
    back = reverse(step_url_name(slug, STEPS[STEPS.index(step) - 1])) if step != "about" else None
    if changing:
        back = reverse(f"portal:{slug}_check")
    return render(
        request,
        f"portal/residents/feedback_{step}.html",
        {"form": form, "journey": journey, "slug": slug, "back": back, "changing": changing},
    )


def _feedback_from(answers: dict, slug: str) -> ResidentFeedback:
    fields = set(ResidentFeedback.__dataclass_fields__) - {"kind"}
    return ResidentFeedback(kind=JOURNEYS[slug]["kind"], **{k: v for k, v in answers.items() if k in fields})


def _service_name(service_id: int | None) -> str:
    if service_id is None:
        return ""
    try:
        return council_service_get(pk=service_id).name
    except ObjectDoesNotExist:
        return ""


@require_http_methods(["GET", "POST"])
@public_rate_limit(group="portal-feedback", rate="5/m")
def feedback_check(request: HttpRequest, slug: str) -> HttpResponse:
    journey = JOURNEYS[slug]
    answers = _answers(request, slug)
    if (missing := _first_missing(answers)) is not None:
        return redirect(step_url_name(slug, missing))
    feedback = _feedback_from(answers, slug)
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = resident_feedback_submit(feedback=feedback)
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            del request.session[_session_key(slug)]
            request.session[f"{_session_key(slug)}:done"] = {"reference": recorded.reference, **asdict(feedback)}
            return redirect(f"portal:{slug}_done")
    return render(
        request,
        "portal/residents/feedback_check.html",
        {
            "form": form,
            "journey": journey,
            "slug": slug,
            "feedback": feedback,
            "service_name": _service_name(feedback.council_service),
        },
    )


def feedback_done(request: HttpRequest, slug: str) -> HttpResponse:
    done = request.session.get(f"{_session_key(slug)}:done")
    if not done:
        return redirect(step_url_name(slug, "about"))
    return render(
        request, "portal/residents/feedback_done.html", {"journey": JOURNEYS[slug], "slug": slug, "done": done}
    )
