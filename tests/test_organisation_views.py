"""Staff pages under /staff/organisation/, the navigation entry and the "Sites open now" tile."""

from datetime import time

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.core.registry import navigation_items, tile_providers
from tests.factories import OpeningHoursFactory, SiteClosureFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = SiteFactory(name="Hackney Service Centre", address_line_1="1 Hillman Street", postcode="E8 1EA")
    for weekday in range(5):
        OpeningHoursFactory(site=site, weekday=weekday, opens=time(9), closes=time(17))
    return site


def page_urls(client_service, site) -> list[str]:
    return [
        reverse("organisation:index"),
        reverse("organisation:client_service", args=[client_service.pk]),
        reverse("organisation:sites"),
        reverse("organisation:site", args=[site.pk]),
    ]


def test_anonymous_users_are_sent_to_sign_in(client, client_service, site):
    for url in page_urls(client_service, site):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_open_the_organisation_pages(role, staff, client_for, client_service, site):
    client = client_for(staff[role])
    for url in page_urls(client_service, site):
        assert client.get(url).status_code == 200, url


def test_client_service_officer_cannot_open_another_client_service(staff, client_for, other_client_service):
    response = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(
        reverse("organisation:client_service", args=[other_client_service.pk])
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.OFFICER, Role.TEAM_MANAGER, Role.COUNCILLOR, Role.ADMINISTRATOR])
def test_other_roles_may_open_any_client_service(role, staff, client_for, other_client_service):
    response = client_for(staff[role]).get(reverse("organisation:client_service", args=[other_client_service.pk]))
    assert response.status_code == 200


def test_index_links_a_client_service_officer_only_to_their_own_service(
    staff, client_for, client_service, other_client_service
):
    response = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("organisation:index"))
    content = response.content.decode()
    assert reverse("organisation:client_service", args=[client_service.pk]) in content
    assert reverse("organisation:client_service", args=[other_client_service.pk]) not in content
    assert other_client_service.name in content


def test_client_service_page_shows_details_and_links_to_its_services(officer_client, client_service):
    manager = UserFactory(role=Role.TEAM_MANAGER, first_name="Asha", last_name="Patel")
    client_service.team_managers.add(manager)
    client_service.phone = "+442083563000"
    client_service.save()
    response = officer_client.get(reverse("organisation:client_service", args=[client_service.pk]))
    content = response.content.decode()
    assert "Asha Patel" in content
    assert "+442083563000" in content
    assert client_service.directorate.name in content
    assert f"{reverse('catalogue:index')}?client_service={client_service.pk}" in content
    assert "95%" in content


def test_unknown_or_inactive_records_are_not_found(officer_client, client_service, site):
    assert officer_client.get(reverse("organisation:client_service", args=[999999])).status_code == 404
    assert officer_client.get(reverse("organisation:site", args=[999999])).status_code == 404
    site.is_active = False
    site.save()
    assert officer_client.get(reverse("organisation:site", args=[site.pk])).status_code == 404


def test_site_page_shows_address_hours_closures_and_bank_holidays(officer_client, site):
    SiteClosureFactory(site=site, starts_on="2099-03-02", ends_on="2099-03-03", reason="Refurbishment")
    response = officer_client.get(reverse("organisation:site", args=[site.pk]))
    content = response.content.decode()
    assert "1 Hillman Street" in content
    assert "E8 1EA" in content
    assert "09:00 to 17:00" in content
    assert "Refurbishment" in content
    assert "Bank holidays in the next 12 months" in content
    assert ("Open now" in content) or ("Closed now" in content)


def test_sites_page_lists_active_sites(officer_client, site):
    SiteFactory(name="Closed-down centre", is_active=False)
    content = officer_client.get(reverse("organisation:sites")).content.decode()
    assert "Hackney Service Centre" in content
    assert "Closed-down centre" not in content


def test_navigation_has_organisation():
    items = {item.label: item for item in navigation_items()}
    assert items["Organisation"].url_name == "organisation:index"
    assert items["Organisation"].capability == "organisation.view"


def test_sites_open_now_tile_counts_sites(staff, site):
    SiteFactory()
    provider = next(p for capability, p in tile_providers() if p.__name__ == "sites_open_now")
    tile = provider(staff[Role.COUNCILLOR])
    assert tile.title == "Sites open now"
    assert tile.value.endswith(" of 2")


def test_home_shows_the_tile(officer_client, site):
    assert "Sites open now" in officer_client.get(reverse("core:home")).content.decode()


def test_ids_too_large_for_the_database_are_not_found(officer_client):
    base = reverse("organisation:index")
    assert officer_client.get(f"{base}client-services/{'9' * 30}/").status_code == 404
    assert officer_client.get(f"{base}sites/{'9' * 30}/").status_code == 404
