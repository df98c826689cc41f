from django.tasks import task

from servicefirst.portal.services_residents import sign_in_link_send


@task
def resident_sign_in_send(email: str, site: str) -> None:
    sign_in_link_send(email=email, site=site)
