"""Public pages for finding a service and requesting it, one question a page. No sign-in is needed, so these views
carry no capability; only the assisted-digital start asks for `request.raise`. Answers are kept in the session
between pages, so the form works without JavaScript and going back or changing an answer loses nothing."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from servicefirst.catalogue.selectors import council_service_get
from servicefirst.core.access import capability_required
from servicefirst.organisation.selectors import site_list
from servicefirst.portal.forms_services import AboutYouForm, CheckAnswersForm, QuestionForm, SearchForm
from servicefirst.portal.protection import public_rate_limit
from servicefirst.portal.selectors_services import (
    service_popular,
    service_public_get,
    service_questions,
    service_requestable_online,
    service_search,
    services_a_to_z,
)
from servicefirst.portal.services_requests import AboutYou, Assisted, portal_request_submit
from servicefirst.servicerequests.questions import answers_display

_DRAFTS = "portal_request_drafts"
_DONE = "portal_request_done"
_ASSISTED = "portal_assisted"
_ABOUT_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email address",
    "phone": "Phone number",
    "postcode": "Postcode",
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/services/home.html", {"form": SearchForm(), "popular": service_popular()})


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    hits = service_search(query=query) if query else []
    # A refused search is shown again as typed, so the resident can shorten it rather than start over.
    typed = request.GET.get("q", "") if form.errors else query
    return render(request, "portal/services/search.html", {"form": form, "query": query, "typed": typed, "hits": hits})


def a_to_z(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/services/a_to_z.html", {"groups": services_a_to_z()})


def _service(code: int):
    service = service_public_get(code=code)
    if service is None:
        raise Http404("No such service")
    return service


def _requestable(code: int):
    service = _service(code)
    if not service_requestable_online(service):
        raise Http404("This service cannot be requested online")
    return service


def service_detail(request: HttpRequest, code: int) -> HttpResponse:
    service = council_service_get(pk=_service(code).pk)
    return render(
        request,
        "portal/services/service.html",
        {
            "service": service,
            "requestable": service_requestable_online(service),
            "contact_points": [point for point in service.contact_points.all() if point.is_active],
        },
    )


@capability_required("request.raise")
def assisted_start(request: HttpRequest) -> HttpResponse:
    """An officer starts filling the public form with a resident (from the single view, with the customer)."""
    customer = request.GET.get("customer", "")
    request.session[_ASSISTED] = {"customer": int(customer) if customer.isdigit() else None}
    return redirect("portal:home")


def _assisted(request: HttpRequest) -> dict | None:
    """The assisted-digital session, only while an officer who may raise requests is signed in."""
    if request.GET.get("assisted") == "1" and request.user.is_authenticated and request.user.can("request.raise"):
        request.session.setdefault(_ASSISTED, {"customer": None})
    if not (request.user.is_authenticated and request.user.can("request.raise")):
        return None
    return request.session.get(_ASSISTED)


def _draft(request: HttpRequest, code: int) -> dict:
    drafts = request.session.setdefault(_DRAFTS, {})
    return drafts.setdefault(str(code), {"answers": {}, "about": {}, "started_at": timezone.now().isoformat()})


def _save(request: HttpRequest) -> None:
    request.session.modified = True


def _steps(service, questions: list) -> list[str]:
    code = service.lgsl.code
    return [
        *(reverse("portal:request_question", args=[code, question.key]) for question in questions),
        reverse("portal:request_about", args=[code]),
        reverse("portal:request_check", args=[code]),
    ]


def _previous(steps: list[str], current: str, service) -> str:
    index = steps.index(current)
    return steps[index - 1] if index else reverse("portal:service", args=[service.lgsl.code])


def _next(request: HttpRequest, steps: list[str], current: str) -> str:
    if request.GET.get("change") == "1":
        return steps[-1]
    return steps[steps.index(current) + 1]


def request_start(request: HttpRequest, code: int) -> HttpResponse:
    service = _requestable(code)
    _assisted(request)
    _draft(request, code)
    _save(request)
    return redirect(_steps(service, service_questions(service=service))[0])


def request_question(request: HttpRequest, code: int, key: str) -> HttpResponse:
    service = _requestable(code)
    questions = service_questions(service=service)
    question = next((q for q in questions if q.key == key), None)
    if question is None:
        raise Http404("No such question")
    draft = _draft(request, code)
    steps = _steps(service, questions)
    here = reverse("portal:request_question", args=[code, key])
    if request.method == "POST":
        form = QuestionForm(request.POST, question=question)
        if form.is_valid():
            draft["answers"][key] = form.answer()
            _save(request)
            return redirect(_next(request, steps, here))
    else:
        form = QuestionForm(question=question, initial=QuestionForm.initial_for(question, draft["answers"].get(key)))
    return render(
        request,
        "portal/services/question.html",
        {
            "service": service,
            "question": question,
            "form": form,
            "back": _previous(steps, here, service),
            "number": questions.index(question) + 1,
            "total": len(questions),
            "assisted": _assisted(request) is not None,
        },
    )


def request_about(request: HttpRequest, code: int) -> HttpResponse:
    service = _requestable(code)
    steps = _steps(service, service_questions(service=service))
    draft = _draft(request, code)
    here = reverse("portal:request_about", args=[code])
    if request.method == "POST":
        form = AboutYouForm(request.POST)
        if form.is_valid():
            draft["about"] = {name: form.cleaned_data[name] for name in _ABOUT_LABELS}
            _save(request)
            return redirect(steps[-1])
    else:
        form = AboutYouForm(initial=draft["about"])
    return render(
        request,
        "portal/services/about_you.html",
        {"service": service, "form": form, "back": _previous(steps, here, service), "assisted": _assisted(request)},
    )


def _first_missing(service, questions: list, draft: dict, steps: list[str]) -> str | None:
    for index, question in enumerate(questions):
        if question.required and question.key not in draft["answers"]:
            return steps[index]
    if not draft["about"]:
        return steps[-2]
    return None


def _assisted_for(request: HttpRequest, assisted: dict, form: CheckAnswersForm, draft: dict) -> Assisted:
    site = form.cleaned_data.get("site")
    started = parse_datetime(draft.get("started_at", "")) or timezone.now()
    return Assisted(
        officer=request.user,
        channel=form.cleaned_data["channel"],
        started_at=min(started, timezone.now()),
        site_id=site.pk if site else None,
        customer_id=assisted.get("customer"),
    )


@public_rate_limit(group="portal-request-submit", rate="10/m")
def request_check(request: HttpRequest, code: int) -> HttpResponse:
    service = _requestable(code)
    questions = service_questions(service=service)
    steps = _steps(service, questions)
    draft = _draft(request, code)
    if (missing := _first_missing(service, questions, draft, steps)) is not None:
        return redirect(missing)
    assisted = _assisted(request)
    form = CheckAnswersForm(
        request.POST if request.method == "POST" else None, assisted=assisted is not None, sites=site_list()
    )
    if request.method == "POST" and form.is_valid():
        try:
            service_request = portal_request_submit(
                service=service,
                questions=questions,
                answers=draft["answers"],
                about=AboutYou(**draft["about"]),
                assisted=_assisted_for(request, assisted, form, draft) if assisted is not None else None,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                form.add_error("site" if name == "site_id" and "site" in form.fields else None, messages)
        else:
            request.session[_DRAFTS].pop(str(code), None)
            request.session.setdefault(_DONE, {})[str(code)] = service_request.reference
            request.session.pop(_ASSISTED, None)
            _save(request)
            return redirect("portal:request_done", code=code)
    answers = [
        (label, text, steps[index])
        for index, (label, text) in enumerate(answers_display(questions=questions, answers=draft["answers"]))
        if index < len(questions)
    ]
    about = [(label, draft["about"].get(name) or "Not given") for name, label in _ABOUT_LABELS.items()]
    return render(
        request,
        "portal/services/check.html",
        {
            "service": service,
            "form": form,
            "answers": answers,
            "about": about,
            "about_url": steps[-2],
            "back": steps[-2],
            "assisted": assisted,
        },
    )


def request_done(request: HttpRequest, code: int) -> HttpResponse:
    service = _requestable(code)
    reference = request.session.get(_DONE, {}).get(str(code))
    if reference is None:
        return redirect("portal:service", code=code)
    return render(request, "portal/services/done.html", {"service": service, "reference": reference})
