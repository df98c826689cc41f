from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.audit.services import records_list_audit
from servicefirst.core.access import capability_required
from servicefirst.notifications.forms import OutboxFilterForm
from servicefirst.notifications.models import Message
from servicefirst.notifications.selectors import message_list
from servicefirst.notifications.services import message_open


@capability_required("notification.view")
def outbox(request: HttpRequest) -> HttpResponse:
    form = OutboxFilterForm(request.GET or None)
    page = Paginator(message_list(**form.filters()), 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, for the audit and the page
    records_list_audit(viewer=request.user, record_type="message", ids=[message.pk for message in page])
    return render(request, "notifications/outbox.html", {"form": form, "page": page})


@capability_required("notification.view")
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        message = message_open(viewer=request.user, message_id=pk)
    except Message.DoesNotExist:
        raise Http404 from None
    return render(request, "notifications/message.html", {"message": message})
