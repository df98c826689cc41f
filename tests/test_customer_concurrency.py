import threading

import pytest
from django.db import connections

from servicefirst.accounts.roles import Role
from servicefirst.core.versions import StaleVersion
from servicefirst.customers.models import Customer
from servicefirst.customers.services import customer_data_from, customer_update
from tests.factories import UserFactory, make_customer


@pytest.mark.django_db(transaction=True)
def test_two_officers_saving_the_same_version_at_once_cannot_both_win():
    first_officer, second_officer = UserFactory(role=Role.OFFICER), UserFactory(role=Role.TEAM_MANAGER)
    customer = make_customer(first_officer)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor, email: str) -> None:
        data = customer_data_from(customer)
        data.email = email
        start.wait()
        try:
            customer_update(actor=actor, customer_id=customer.pk, data=data, version=1)
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(first_officer, "first@example.com")),
        threading.Thread(target=save, args=(second_officer, "second@example.com")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "stale"]
    customer = Customer.objects.get(pk=customer.pk)
    assert customer.version == 2
    assert customer.email_addresses.count() == 1
    assert customer.changes.count() == 2
