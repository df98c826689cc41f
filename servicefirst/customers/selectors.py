from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.accounts.roles import Role
from servicefirst.customers.models import Customer
from servicefirst.customers.timeline import TimelineEntry, timeline_entries


def customer_may_view(*, viewer: AbstractBaseUser, customer: Customer) -> bool:
    """Front-office roles see every customer; a client service officer only customers with work for their service."""
    if not viewer.can("customer.view"):
        return False
    if viewer.role != Role.CLIENT_SERVICE_OFFICER:
        return True
    return any(e.client_service_id == viewer.client_service_id for e in timeline_entries(customer_id=customer.pk))


def customer_timeline(*, viewer: AbstractBaseUser, customer: Customer) -> list[TimelineEntry]:
    entries = timeline_entries(customer_id=customer.pk)
    if viewer.role == Role.CLIENT_SERVICE_OFFICER:
        return [e for e in entries if e.client_service_id == viewer.client_service_id]
    return entries


def customer_detail(*, customer_id: int) -> Customer:
    return Customer.objects.prefetch_related("addresses", "phone_numbers", "email_addresses").get(pk=customer_id)
