from django.db.models import QuerySet

from servicefirst.inbound.models import InboundEmail, InboundStatus


def inbound_emails_to_match() -> QuerySet[InboundEmail]:
    return InboundEmail.objects.filter(status=InboundStatus.TO_MATCH).select_related("mailbox").order_by("received_at")


def inbound_email_attachments(*, email: InboundEmail):
    return email.attachments.all()
