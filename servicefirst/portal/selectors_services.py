"""What residents may find on the portal: every service the council offers, under the name and in the plain English
the council wrote for residents (`catalogue.search` finds them by the words residents use), and each service's
questions.

A service is listed whether or not the front office deals with it yet, so a resident finds Blue Badge or housing
repairs and how to get in touch; it can be requested online when the front office deals with it and it has a
service level agreement (as in Open311). Officer notes and scripts are written for staff and are never shown to
residents.
"""

import string

from servicefirst.catalogue.search import ServiceMatch, council_service_search
from servicefirst.catalogue.selectors import (
    FrontOfficeStatus,
    council_service_list,
    council_services_by_lgsl_code,
    council_services_requestable,
)
from servicefirst.servicerequests.selectors import question_list


def service_public_list() -> list:
    return sorted(council_service_list(), key=lambda service: service.resident_name.lower())


def service_requestable_online(service) -> bool:
    """The portal's forms raise requests the front office answers for, so only its services take them."""
    return service.status == FrontOfficeStatus.IN_FRONT_OFFICE and service.is_requestable


def service_popular(*, limit: int = 6) -> list:
    """Services residents can ask for online: those are what residents mostly come to do."""
    services = council_services_requestable(council_service_list(status=FrontOfficeStatus.IN_FRONT_OFFICE))
    return sorted(services, key=lambda service: service.resident_name.lower())[:limit]


def service_public_get(*, code: int):
    """The council's service with this LGSL code, or None."""
    return council_services_by_lgsl_code(codes={code}).get(code)


def services_a_to_z() -> list[tuple[str, list]]:
    """Services grouped by the first letter of the name residents see, A to Z."""
    groups: dict[str, list] = {}
    for service in service_public_list():
        letter = service.resident_name[:1].upper()
        groups.setdefault(letter if letter in string.ascii_uppercase else "#", []).append(service)
    return sorted(groups.items())


def service_search(*, query: str) -> list[ServiceMatch]:
    """The council's services matching the query, the one the resident most likely means first."""
    return council_service_search(query=query, services=council_service_list())


def service_questions(*, service) -> list:
    return question_list(council_service_id=service.pk)
