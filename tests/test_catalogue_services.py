"""The catalogue's rules for council services, as the services enforce them."""

import pytest
from django.core.exceptions import ValidationError

from servicefirst.catalogue.models import FrontOfficeStatus, TransferPriority
from servicefirst.catalogue.services import council_service_create, council_service_update
from tests.factories import ClientServiceFactory, CouncilServiceFactory, LgslServiceFactory

pytestmark = pytest.mark.django_db


def create(**overrides):
    values = {"lgsl": LgslServiceFactory(), "name": "Missed bin collection", "client_service": ClientServiceFactory()}
    return council_service_create(**(values | overrides))


def errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_creates_a_service_in_the_front_office():
    service = create(status=FrontOfficeStatus.IN_FRONT_OFFICE, sla_working_days=10, keywords="bins, rubbish")
    assert service.pk
    assert service.in_front_office


def test_a_planned_service_needs_a_wave_and_a_priority():
    with pytest.raises(ValidationError) as caught:
        create(status=FrontOfficeStatus.PLANNED)
    assert set(errors(caught)) == {"transfer_wave", "transfer_priority"}
    assert errors(caught)["transfer_wave"] == ["Enter the transfer wave, as the service is planned for transfer"]
    service = create(status=FrontOfficeStatus.PLANNED, transfer_wave=2, transfer_priority=TransferPriority.HIGH)
    assert service.transfer_wave == 2


def test_an_excluded_service_needs_a_reason():
    with pytest.raises(ValidationError) as caught:
        create(status=FrontOfficeStatus.EXCLUDED, exclusion_reason="  ")
    assert errors(caught) == {"exclusion_reason": ["Say why the service is excluded from the front office"]}
    assert create(status=FrontOfficeStatus.EXCLUDED, exclusion_reason="Delivered by the ALMO").pk


@pytest.mark.parametrize("days", [0, 366, 1000])
def test_the_sla_is_between_1_and_365_working_days(days):
    with pytest.raises(ValidationError) as caught:
        create(sla_working_days=days)
    assert errors(caught) == {"sla_working_days": ["The SLA must be between 1 and 365 working days"]}


@pytest.mark.parametrize("days", [1, 365, None])
def test_sla_limits_are_inclusive_and_optional(days):
    assert create(sla_working_days=days).sla_working_days == days


def test_an_lgsl_code_has_one_council_service():
    existing = CouncilServiceFactory()
    with pytest.raises(ValidationError) as caught:
        create(lgsl=existing.lgsl)
    assert "lgsl" in errors(caught)


def test_update_enforces_the_same_rules_and_saves_when_they_hold():
    service = CouncilServiceFactory(status=FrontOfficeStatus.NOT_TRANSFERRED)
    with pytest.raises(ValidationError):
        council_service_update(council_service=service, status=FrontOfficeStatus.PLANNED)
    service.refresh_from_db()
    assert service.status == FrontOfficeStatus.NOT_TRANSFERRED
    council_service_update(
        council_service=service, status=FrontOfficeStatus.PLANNED, transfer_wave=1, transfer_priority="low"
    )
    service.refresh_from_db()
    assert (service.status, service.transfer_wave) == (FrontOfficeStatus.PLANNED, 1)


def test_update_refuses_fields_that_are_not_editable():
    with pytest.raises(TypeError, match="no editable field id"):
        council_service_update(council_service=CouncilServiceFactory(), id=5)
