import factory

from servicefirst.notifications.models import MessageChannel, MessageTemplate


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageTemplate

    event = "service_request.raised"
    channel = MessageChannel.EMAIL
    council_service = None
    subject = factory.Maybe(
        factory.LazyAttribute(lambda t: t.channel == MessageChannel.TEXT),
        yes_declaration="",
        no_declaration="Request ((reference))",
    )
    body = "Dear ((name)), we have your request ((reference))."
