"""Staff pages under /staff/catalogue/, the "Services" navigation entry and the dashboard tile."""

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.models import FrontOfficeStatus
from servicefirst.core.registry import navigation_items, tile_providers
from tests.factories import (
    ClientServiceFactory,
    ContactPointFactory,
    CouncilServiceFactory,
    DirectorateFactory,
    LgslServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bins(client_service):
    service = CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=524, name="Bins - missed collection"),
        name="Missed bin collection",
        client_service=client_service,
        keywords="rubbish, wheelie bin",
        officer_notes="Check the round has finished.",
        officer_script="Ask for the address.",
        front_office_may_resolve=True,
    )
    point = ContactPointFactory(value="+442083563000", label="Waste enquiries")
    point.services.add(service)
    return service


@pytest.fixture
def parking(other_client_service):
    return CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=1089, name="Parking permits"),
        name="Residents' parking permits",
        client_service=other_client_service,
        status=FrontOfficeStatus.PLANNED,
        transfer_wave=2,
        transfer_priority="high",
    )


def names(response) -> list[str]:
    return [service.name for service in response.context["page"]]


def test_anonymous_users_are_sent_to_sign_in(client, bins):
    for url in (reverse("catalogue:index"), reverse("catalogue:service", args=[bins.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_whole_catalogue(role, staff, client_for, bins, parking):
    client = client_for(staff[role])
    assert names(client.get(reverse("catalogue:index"))) == ["Missed bin collection", "Residents' parking permits"]
    # Client service officers see services of other client services too: the catalogue is not casework.
    assert client.get(reverse("catalogue:service", args=[parking.pk])).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=bin", ["Missed bin collection"]),
        ("q=wheelie", ["Missed bin collection"]),
        ("q=524", ["Missed bin collection"]),
        ("q=permits", ["Residents' parking permits"]),
        ("q=nothing+matches", []),
        ("status=planned", ["Residents' parking permits"]),
    ],
)
def test_search_and_status_filter(officer_client, bins, parking, query, expected):
    assert names(officer_client.get(f"{reverse('catalogue:index')}?{query}")) == expected


def test_filter_by_client_service_and_directorate(officer_client, bins, parking, other_client_service):
    url = reverse("catalogue:index")
    by_service = officer_client.get(url, {"client_service": other_client_service.pk})
    assert names(by_service) == ["Residents' parking permits"]
    by_directorate = officer_client.get(url, {"directorate": bins.client_service.directorate_id})
    assert names(by_directorate) == ["Missed bin collection"]
    assert names(officer_client.get(url, {"directorate": DirectorateFactory().pk})) == []


def test_bad_filters_show_an_error_summary_and_keep_what_was_typed(officer_client, bins, parking):
    response = officer_client.get(
        reverse("catalogue:index"), {"status": "bogus", "client_service": "abc", "q": "bin", "page": "x"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Select a front-office status from the list" in content
    assert "Select a client service from the list" in content
    assert 'value="bin"' in content
    assert names(response) == ["Missed bin collection"]


def test_a_very_long_search_is_refused_clearly(officer_client, bins):
    response = officer_client.get(reverse("catalogue:index"), {"q": "x" * 101})
    assert response.status_code == 200
    assert "Search must be 100 characters or fewer" in response.content.decode()


def test_huge_lgsl_code_search_finds_nothing_rather_than_failing(officer_client, bins):
    assert names(officer_client.get(reverse("catalogue:index"), {"q": "9" * 30})) == []


def test_service_page_shows_what_officers_need(officer_client, bins):
    content = officer_client.get(reverse("catalogue:service", args=[bins.pk])).content.decode()
    for text in (
        "LGSL 524",
        "Bins - missed collection",
        bins.client_service.name,
        "In the front office",
        "10 working days",
        "Check the round has finished.",
        "Ask for the address.",
        "Waste enquiries",
        "+442083563000",
    ):
        assert text in content


def test_service_page_links_a_client_service_officer_only_to_their_own_service(staff, client_for, bins, parking):
    client = client_for(staff[Role.CLIENT_SERVICE_OFFICER])
    own = client.get(reverse("catalogue:service", args=[bins.pk])).content.decode()
    assert reverse("organisation:client_service", args=[bins.client_service.pk]) in own
    other = client.get(reverse("catalogue:service", args=[parking.pk])).content.decode()
    assert reverse("organisation:client_service", args=[parking.client_service.pk]) not in other


def test_unknown_service_is_not_found(officer_client):
    assert officer_client.get(reverse("catalogue:service", args=[999999])).status_code == 404


def test_navigation_has_services():
    items = {item.label: item for item in navigation_items()}
    assert (items["Services"].url_name, items["Services"].order) == ("catalogue:index", 40)


def test_tile_counts_services_in_the_front_office_and_planned(staff, bins, parking):
    CouncilServiceFactory(client_service=ClientServiceFactory(), status=FrontOfficeStatus.NOT_TRANSFERRED)
    provider = next(p for _, p in tile_providers() if p.__name__ == "services_in_front_office")
    tile = provider(staff[Role.COUNCILLOR])
    assert (tile.title, tile.value) == ("Services in the front office", "1")
    assert tile.detail == "1 planned for transfer, of 3 services in the catalogue"


def test_councillors_see_the_tile_on_their_home_page(staff, client_for, bins):
    content = client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()
    assert "Services in the front office" in content


def test_an_id_too_large_for_the_database_is_not_found(officer_client):
    assert officer_client.get(f"{reverse('catalogue:index')}services/{'9' * 30}/").status_code == 404
