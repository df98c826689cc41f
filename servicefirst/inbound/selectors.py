from django.db.models import QuerySet

from servicefirst.inbound.models import InboundEmail, InboundStatus


def inbound_emails_to_match() -> QuerySet[InboundEmail]:
    return InboundEmail.objects.filter(status=InboundStatus.TO_MATCH).select_related("mailbox").order_by("received_at")


def inbound_email_attachments(*, email: InboundEmail):
    return email.attachments.all()


def inbound_emails_export(*, customer_id: int) -> list[dict]:
    """The emails matched to the customer, for the per-customer participant contract (`inbound.hooks`)."""
    return list(InboundEmail.objects.filter(customer_id=customer_id).order_by("received_at", "id").values())
