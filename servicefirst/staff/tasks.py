"""The set-password email, sent by a background task so a slow mail relay never holds up the administrator's page.
The link is made when the email is sent, from the account as it is then, so no usable link waits in the task
queue's table."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from servicefirst.accounts.selectors import staff_member_get


def set_password_link(*, user, site: str) -> str:
    """A link that works once, until the password is set or PASSWORD_RESET_TIMEOUT passes (Django's password
    reset token: a new password, or a sign-in, makes it worthless)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("staff:set_password", args=[uid, default_token_generator.make_token(user)])
    return site.rstrip("/") + path


@task
def set_password_send(user_id: int, site: str, first: bool) -> None:
    user = staff_member_get(user_id=user_id)
    if not user.is_active or not user.email:
        return
    context = {
        "user": user,
        "link": set_password_link(user=user, site=site),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "first": first,
        "council_name": settings.COUNCIL_NAME,
    }
    send_mail(
        subject="Set your Service First password" if first else "Set a new Service First password",
        message=render_to_string("staff/set_password_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
