"""Django admin for the catalogue: who may manage it, its CSV import pages and the rules its forms enforce."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.models import ContactPoint, CouncilService, LgslService
from tests.factories import LgslServiceFactory

pytestmark = pytest.mark.django_db

MODELS = ["lgslservice", "councilservice", "contactpoint"]


@pytest.fixture
def admin_client(staff, client_for):
    return client_for(staff[Role.ADMINISTRATOR])


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("file.csv", text.encode(), content_type="text/csv")


@pytest.mark.parametrize("model", MODELS)
def test_administrators_manage_and_import_every_model(admin_client, model):
    changelist = admin_client.get(reverse(f"admin:catalogue_{model}_changelist"))
    assert changelist.status_code == 200
    assert reverse(f"admin:catalogue_{model}_import") in changelist.content.decode()
    assert admin_client.get(reverse(f"admin:catalogue_{model}_import")).status_code == 200


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
@pytest.mark.parametrize("model", MODELS)
def test_other_roles_cannot_reach_the_catalogue_admin(role, model, staff, client_for):
    client = client_for(staff[role])
    for url in (reverse(f"admin:catalogue_{model}_changelist"), reverse(f"admin:catalogue_{model}_import")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/staff/admin/login/" in response.url


def test_lgsl_import_page_accepts_the_esd_shape_and_a_second_run_adds_nothing(admin_client):
    url = reverse("admin:catalogue_lgslservice_import")
    csv = 'Identifier,Label,Description,\n524,"Bins - missed collection","""Report a missed bin""@en",\n'
    first = admin_client.post(url, {"file": upload(csv)}, follow=True).content.decode()
    assert "1 created, 0 updated, 0 unchanged" in first
    second = admin_client.post(url, {"file": upload(csv)}, follow=True).content.decode()
    assert "0 created, 0 updated, 1 unchanged" in second
    assert LgslService.objects.get().description == "Report a missed bin"


def test_council_service_admin_enforces_the_planned_rule(admin_client, client_service):
    lgsl = LgslServiceFactory(code=524)
    data = {"lgsl": lgsl.pk, "name": "Missed bins", "client_service": client_service.pk, "status": "planned"}
    response = admin_client.post(reverse("admin:catalogue_councilservice_add"), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not CouncilService.objects.exists()
    data |= {"transfer_wave": 2, "transfer_priority": "high", "sla_working_days": 10}
    response = admin_client.post(reverse("admin:catalogue_councilservice_add"), data)
    assert response.status_code == 302
    assert CouncilService.objects.get().transfer_wave == 2


def test_contact_point_admin_normalises_numbers_and_refuses_bad_ones(admin_client):
    url = reverse("admin:catalogue_contactpoint_add")
    bad = admin_client.post(url, {"kind": "phone", "value": "12345", "label": "Switchboard"})
    assert bad.status_code == 200
    assert "Enter a phone number" in bad.content.decode()
    good = admin_client.post(url, {"kind": "phone", "value": "020 8356 3000", "label": "Switchboard"})
    assert good.status_code == 302
    assert ContactPoint.objects.get().value == "+442083563000"
