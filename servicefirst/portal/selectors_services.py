"""What residents may find on the portal: the catalogue's front-office services, searched with the words
residents use and forgiving of typing mistakes, and each service's questions.

Only services the front office deals with are shown; one is requestable online when it has a service level
agreement (as in Open311). Officer notes and scripts are written for staff and are never shown to residents.
"""

import re
import string
from dataclasses import dataclass

from django.db.models import QuerySet
from rapidfuzz import fuzz, process, utils

from servicefirst.catalogue.selectors import (
    FrontOfficeStatus,
    council_service_list,
    council_services_by_lgsl_code,
    council_services_requestable,
)
from servicefirst.servicerequests.selectors import question_list

# Words residents use for a service, and the words the catalogue uses for it. Keys are matched forgivingly,
# so "rubish" still means rubbish.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "bins": ("bin", "waste", "refuse", "rubbish"),
    "bin": ("bin", "waste", "refuse"),
    "rubbish": ("waste", "refuse", "bin"),
    "trash": ("waste", "refuse", "bin"),
    "garbage": ("waste", "refuse", "bin"),
    "missed collection": ("missed bin", "waste collection"),
    "fly tipping": ("fly-tipping", "fly tipping", "dumped"),
    "flytipping": ("fly-tipping", "fly tipping", "dumped"),
    "dumped": ("fly-tipping", "dumped"),
    "parking ticket": ("penalty charge notice", "parking fine", "pcn"),
    "parking fine": ("penalty charge notice", "parking fine", "pcn"),
    "ticket": ("penalty charge notice", "pcn"),
    "pcn": ("penalty charge notice", "parking fine"),
    "pothole": ("pothole", "road", "highway"),
    "potholes": ("pothole", "road", "highway"),
    "street light": ("street lighting", "street light"),
    "dog poo": ("dog fouling",),
    "dog mess": ("dog fouling",),
    "graffiti": ("graffiti",),
    "ctax": ("council tax",),
    "benefits": ("benefit", "housing benefit", "council tax reduction"),
    "recycling": ("recycling", "recycle"),
}
_SYNONYM_SIMILARITY = 85
_MATCH_SCORE = 80
_NAME_BONUS = 5
_QUERY_MAX = 100
_MIN_TERM = 3


@dataclass(frozen=True)
class ServiceHit:
    service: object
    score: float


def _public() -> QuerySet:
    return council_service_list(status=FrontOfficeStatus.IN_FRONT_OFFICE)


def service_public_list() -> list:
    return list(_public().order_by("name"))


def service_popular(*, limit: int = 6) -> list:
    """Requestable services first: those are what residents mostly come to do."""
    return list(council_services_requestable(_public()).order_by("name")[:limit])


def service_public_get(*, code: int):
    """The front-office service with this LGSL code, or None."""
    service = council_services_by_lgsl_code(codes={code}).get(code)
    if service is None or service.status != FrontOfficeStatus.IN_FRONT_OFFICE:
        return None
    return service


def services_a_to_z() -> list[tuple[str, list]]:
    """Services grouped by their first letter, A to Z."""
    groups: dict[str, list] = {}
    for service in service_public_list():
        letter = service.name[:1].upper()
        groups.setdefault(letter if letter in string.ascii_uppercase else "#", []).append(service)
    return sorted(groups.items())


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", text.lower())).strip()


def search_terms(query: str) -> list[str]:
    """The query, and the catalogue's words for it and for each of its words (typos allowed)."""
    query = _normalise(query[:_QUERY_MAX])
    if not query:
        return []
    terms = [query]
    words = query.split()
    phrases = [query, *(" ".join(words[i : i + 2]) for i in range(len(words) - 1)), *words]
    for phrase in phrases:
        if len(phrase) < _MIN_TERM:
            continue
        found = process.extractOne(phrase, SYNONYMS.keys(), scorer=fuzz.ratio, score_cutoff=_SYNONYM_SIMILARITY)
        if found is not None:
            terms.extend(SYNONYMS[found[0]])
    terms.extend(word for word in words if len(word) >= _MIN_TERM)
    return list(dict.fromkeys(terms))


def service_search(*, query: str) -> list[ServiceHit]:
    """Front-office services matching the query, best first."""
    terms = search_terms(query)
    if not terms:
        return []
    hits = []
    for service in service_public_list():
        name = _normalise(service.name)
        text = _normalise(f"{service.name} {service.lgsl.name} {service.keywords}")
        score = max(
            max(
                fuzz.partial_ratio(term, name, processor=utils.default_process) + _NAME_BONUS,
                fuzz.partial_ratio(term, text),
            )
            for term in terms
        )
        if score >= _MATCH_SCORE:
            hits.append(ServiceHit(service=service, score=score))
    return sorted(hits, key=lambda hit: (-hit.score, hit.service.name))


def service_questions(*, service) -> list:
    return question_list(council_service_id=service.pk)
