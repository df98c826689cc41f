"""Finding a council service by the words a resident types.

The words residents use are data: each service's name residents see, its keywords (comma separated phrases such as
"rats, mice" for pest control) and its plain-English summary and description, edited in the catalogue admin.
A typing mistake is first mended against those words (rapidfuzz), so "missed bni" is searched as "missed bin";
the mended words are then ranked by the database's own full-text search where it has one (PostgreSQL, with
the English stemmer and ts_rank's weights), and by the same weights in Python on SQLite, where the project
keeps no full-text index.

Weights, highest first: the name residents see and the keywords (A), the council's name and the summary (B), the
LGSL's name (C), the description (D). A service found by every word of what was typed ranks above one found by a
single word, so "parking permit" puts Parking permits above Parking fines.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet
from rapidfuzz import fuzz, process

from servicefirst.catalogue.models import CouncilService

QUERY_MAX_LENGTH = 200
_CONFIG = "english"
# PostgreSQL's ts_rank defaults for weights A to D, used by the Python ranking too so both databases agree.
_WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
_FIELDS = (
    ("public_name", "A"),
    ("keywords", "A"),
    ("name", "B"),
    ("summary", "B"),
    ("lgsl__name", "C"),
    ("description", "D"),
)
# Words that say nothing about which service is meant. PostgreSQL's English configuration drops its own list;
# this one is dropped first on both databases so each ranks the same words.
_FILLER = frozenset(
    [
        "a",
        "an",
        "and",
        "about",
        "are",
        "can",
        "do",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "what",
        "where",
        "with",
    ]
)
_PHRASE_SIMILARITY = 85
_WORD_SIMILARITY = 80
_MEND_MIN_LENGTH = 4
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class ServiceMatch:
    service: CouncilService
    rank: float


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _phrases(service: CouncilService) -> list[str]:
    names = [service.public_name, service.name, service.lgsl.name, *service.keywords.split(",")]
    return [" ".join(_words(name)) for name in names if _words(name)]


def _text(service: CouncilService, field: str) -> str:
    return service.lgsl.name if field == "lgsl__name" else getattr(service, field)


def search_terms(*, query: str, services: list[CouncilService]) -> list[str]:
    """What to look for: the words typed, and the services' own phrases and words they are nearly the same as."""
    words = [word for word in _words(query[:QUERY_MAX_LENGTH]) if word not in _FILLER]
    if not words:
        return []
    phrases = {phrase for service in services for phrase in _phrases(service)}
    vocabulary = {word for service in services for field, _ in _FIELDS for word in _words(_text(service, field))}
    terms = [" ".join(words)]
    pairs = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
    for candidate in dict.fromkeys([" ".join(words), *pairs, *words]):
        if len(candidate) < _MEND_MIN_LENGTH:
            continue
        found = process.extractOne(candidate, phrases, scorer=fuzz.ratio, score_cutoff=_PHRASE_SIMILARITY)
        if found is not None:
            terms.append(found[0])
    for word in words:
        if word in vocabulary:
            terms.append(word)
        elif len(word) >= _MEND_MIN_LENGTH:
            found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=_WORD_SIMILARITY)
            if found is not None:
                terms.append(found[0])
    return list(dict.fromkeys(terms))


def _postgresql_ranks(services: QuerySet[CouncilService], terms: list[str]) -> dict[int, float]:
    vector = None
    for field, weight in _FIELDS:
        part = SearchVector(field, weight=weight, config=_CONFIG)
        vector = part if vector is None else vector + part
    queries = [SearchQuery(term, config=_CONFIG, search_type="plain") for term in terms]
    rank = anything = None
    for query in queries:
        part = SearchRank(vector, query)
        rank = part if rank is None else rank + part
        anything = query if anything is None else anything | query
    ranked = services.annotate(document=vector, rank=rank).filter(document=anything).values_list("pk", "rank")
    return dict(ranked)


def _stem(word: str) -> str:
    # Plurals are what residents vary most ("rats", "bins", "permits"); PostgreSQL's stemmer does the rest.
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _python_ranks(services: list[CouncilService], terms: list[str]) -> dict[int, float]:
    ranks: dict[int, float] = {}
    for service in services:
        fields = [({_stem(word) for word in _words(_text(service, field))}, _WEIGHT[w]) for field, w in _FIELDS]
        rank = 0.0
        for term in terms:
            wanted = {_stem(word) for word in term.split()}
            rank += max((weight for stems, weight in fields if wanted <= stems), default=0.0)
        if rank:
            ranks[service.pk] = rank
    return ranks


def council_service_search(*, query: str, services: QuerySet[CouncilService]) -> list[ServiceMatch]:
    """`services` that match the query, the one the resident most likely means first."""
    candidates = list(services.select_related("lgsl"))
    terms = search_terms(query=query, services=candidates)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        ranks = _postgresql_ranks(services, terms)
    else:
        ranks = _python_ranks(candidates, terms)
    matches = [ServiceMatch(service=service, rank=ranks[service.pk]) for service in candidates if service.pk in ranks]
    return sorted(matches, key=lambda match: (-match.rank, match.service.resident_name))
