"""Django admin for the organisation: access by the organisation.manage capability and the CSV import pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.organisation.models import ClientService, Directorate, Site
from tests.factories import ClientServiceFactory, DirectorateFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = ["directorate", "clientservice", "site", "openinghours", "siteclosure"]
IMPORTS = ["directorate", "clientservice", "site", "siteclosure"]


@pytest.fixture
def admin_client(staff, client_for):
    return client_for(staff[Role.ADMINISTRATOR])


def upload(text: str | bytes, name: str = "file.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/csv")


@pytest.mark.parametrize("model", MODELS)
def test_administrators_manage_every_model(admin_client, model):
    assert admin_client.get(reverse(f"admin:organisation_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:organisation_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", IMPORTS)
def test_changelists_link_to_their_import_page(admin_client, model):
    url = reverse(f"admin:organisation_{model}_import")
    assert url in admin_client.get(reverse(f"admin:organisation_{model}_changelist")).content.decode()
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_other_roles_cannot_reach_the_import_pages(role, staff, client_for):
    response = client_for(staff[role]).get(reverse("admin:organisation_directorate_import"))
    assert response.status_code == 302
    assert "/staff/admin/login/" in response.url


def test_anonymous_users_are_sent_to_the_admin_sign_in(client):
    response = client.get(reverse("admin:organisation_site_import"))
    assert response.status_code == 302
    assert "/staff/admin/login/" in response.url


def test_import_shows_counts_and_is_idempotent(admin_client):
    url = reverse("admin:organisation_directorate_import")
    csv = "\ufeffname,code\nFinance,finance\nHousing,housing\n"
    response = admin_client.post(url, {"file": upload(csv)}, follow=True)
    assert "Imported directorates: 2 created, 0 updated, 0 unchanged." in response.content.decode()
    response = admin_client.post(url, {"file": upload(csv)}, follow=True)
    assert "0 created, 0 updated, 2 unchanged" in response.content.decode()
    assert set(Directorate.objects.filter(code__in=["finance", "housing"]).values_list("name", flat=True)) == {
        "Finance",
        "Housing",
    }


def test_import_shows_each_row_problem_and_saves_nothing(admin_client):
    DirectorateFactory(code="housing")
    csv = (
        "name,code,address_line_1,address_line_2,town,postcode,uprn,phone,accessibility,closed_on_bank_holidays,"
        "mon,tue,wed,thu,fri,sat,sun\n"
        "Centre,centre,1 Street,,London,not a postcode,,,,yes,09:00-17:00,,,,,,\n"
    )
    response = admin_client.post(reverse("admin:organisation_site_import"), {"file": upload(csv)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was imported" in content
    assert "<td>2</td><td>postcode</td><td>Enter a real postcode, like E8 1EA</td>" in content
    assert not Site.objects.exists()


def test_import_of_a_file_that_is_not_utf8_is_refused_clearly(admin_client):
    response = admin_client.post(
        reverse("admin:organisation_directorate_import"),
        {"file": upload("name,code\nCaf\u00e9,cafe\n".encode("cp1252"))},
    )
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()


def test_import_without_a_file_asks_for_one(admin_client):
    response = admin_client.post(reverse("admin:organisation_directorate_import"), {})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_site_admin_normalises_postcode_and_phone(admin_client):
    data = {
        "name": "Centre",
        "code": "centre",
        "address_line_1": "1 Street",
        "town": "London",
        "postcode": "e81ea",
        "phone": "020 8356 3000",
        "closed_on_bank_holidays": "on",
        "is_active": "on",
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:organisation_site_add"), data)
    assert response.status_code == 302
    site = Site.objects.get(code="centre")
    assert (site.postcode, site.phone) == ("E8 1EA", "+442083563000")


def test_site_admin_refuses_a_bad_postcode(admin_client):
    site = SiteFactory()
    data = {
        "name": site.name,
        "code": site.code,
        "address_line_1": "1 Street",
        "town": "London",
        "postcode": "nonsense",
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:organisation_site_change", args=[site.pk]), data)
    assert response.status_code == 200
    assert "Enter a real postcode, like E8 1EA" in response.content.decode()


def test_client_service_admin_offers_only_managers_as_team_managers(admin_client):
    manager = UserFactory(role=Role.TEAM_MANAGER, username="manager-asha")
    UserFactory(role=Role.OFFICER, username="officer-olu")
    service = ClientServiceFactory()
    content = admin_client.get(reverse("admin:organisation_clientservice_change", args=[service.pk])).content.decode()
    assert manager.username in content
    assert "officer-olu" not in content
    assert ClientService.objects.count() == 2  # the staff fixture's service and this one
