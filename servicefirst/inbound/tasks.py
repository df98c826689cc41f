from django.tasks import task

from servicefirst.inbound.services import mailbox_poll


@task
def mailbox_poll_task(mailbox_id: int) -> int:
    return mailbox_poll(mailbox_id=mailbox_id)
