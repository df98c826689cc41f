from django.tasks import task

from servicefirst.notifications.delivery import message_deliver


@task
def message_send(message_id: int) -> None:
    message_deliver(message_id=message_id)
