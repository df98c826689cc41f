"""One search box for customers: the kind of query is recognised from its shape.

Names match through indexed phonetic keys (metaphone and soundex) and are then ranked by
rapidfuzz, so "Jon Smyth" finds "John Smith" without scanning the table; postcodes, phone
numbers, emails and references are normalised and looked up exactly through their indexes.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from rapidfuzz import fuzz

from servicefirst.core.references import record_number_parse
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.customers.models import REFERENCE_PREFIX, Address, Customer, EmailAddress, PhoneNumber
from servicefirst.customers.names import fold, name_keys, tokens

_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{6,}$")
# Enough candidates to rank well when many people share a surname, few enough to rank fast.
_NAME_CANDIDATES = 400
_MIN_NAME_SCORE = 60


@dataclass
class SearchResults:
    kind: str
    customers: list[Customer] = field(default_factory=list)
    message: str = ""


def _with_contact_details(ids: list[int]) -> list[Customer]:
    found = Customer.objects.filter(pk__in=ids).prefetch_related("addresses", "phone_numbers", "email_addresses")
    by_id = {c.pk: c for c in found}
    return [by_id[i] for i in ids if i in by_id]


def _search_reference(number: int) -> SearchResults:
    return SearchResults("reference", _with_contact_details([number]))


def _search_email(query: str, limit: int) -> SearchResults:
    ids = list(
        EmailAddress.objects.filter(email=query.strip().lower())
        .values_list("customer_id", flat=True)
        .distinct()[:limit]
    )
    return SearchResults("email", _with_contact_details(ids))


def _search_phone(query: str, limit: int) -> SearchResults | None:
    try:
        number = phone_normalise(query)
    except ValidationError:
        return None
    ids = list(PhoneNumber.objects.filter(number=number).values_list("customer_id", flat=True).distinct()[:limit])
    return SearchResults("phone", _with_contact_details(ids))


def _search_postcode(query: str, limit: int) -> SearchResults | None:
    compact = re.sub(r"\s+", "", query).upper()
    try:
        postcode = postcode_normalise(compact)
    except ValidationError:
        postcode = ""
    primary = Address.objects.filter(is_primary=True)
    if postcode:
        ids = primary.filter(postcode=postcode).order_by("customer__sort_name", "customer_id")
    elif _OUTWARD_CODE.match(compact):
        # A district holds thousands of people; walking its index in postcode order stops at the limit.
        ids = primary.filter(outward_code=compact).order_by("postcode", "customer_id")
    else:
        return None
    return SearchResults("postcode", _with_contact_details(list(ids.values_list("customer_id", flat=True)[:limit])))


def _after_prefix(prefix: str) -> str:
    """The least string above every string that starts with `prefix` ("" when there is none)."""
    stem = prefix.rstrip("z")
    return stem[:-1] + chr(ord(stem[-1]) + 1) if stem else ""


def _sort_name_prefix(prefix: str) -> Q:
    # A range rather than LIKE, so the sort-name index serves it whatever the database's collation.
    upper = _after_prefix(prefix)
    return Q(sort_name__gte=prefix, sort_name__lt=upper) if upper else Q(sort_name__gte=prefix)


# A sort-name range is read in index order; sorting a phonetic match would mean reading all of it.
_IN_NAME_ORDER = ("sort_name", "id")
_UNORDERED = ()


def _phonetic(first: str, last: str) -> list[tuple[Q, tuple[str, ...]]]:
    last_keys = name_keys(last)
    if not first:
        conditions = [Q(last_name_metaphone=last_keys.metaphone), Q(last_name_soundex=last_keys.soundex)]
    else:
        first_keys = name_keys(first)
        conditions = [
            Q(last_name_metaphone=last_keys.metaphone, first_name_metaphone=first_keys.metaphone),
            Q(last_name_soundex=last_keys.soundex, first_name_soundex=first_keys.soundex),
        ]
    return [(condition, _UNORDERED) for condition in conditions]


def _name_conditions(words: list[str]) -> list[tuple[Q, tuple[str, ...]]]:
    """Ways to find the name, closest first, each served by a single index."""
    if len(words) == 1:
        # Officers often type the start of a surname.
        return [(_sort_name_prefix(fold(words[0])), _IN_NAME_ORDER), *_phonetic("", words[0])]
    first, last = words[0], words[-1]
    conditions = [
        (_sort_name_prefix(f"{fold(last)} {fold(first)}"), _IN_NAME_ORDER),
        # An organisation's sort name is its name as written.
        (_sort_name_prefix(" ".join(words)), _IN_NAME_ORDER),
        *_phonetic(first, last),
    ]
    if len(words) > 2:
        # Surnames of several words ("van der Berg", "O'Brien Lévy") are keyed as one word.
        conditions += _phonetic(first, "".join(words[1:]))
    # "Smith, John" and "John Smith" are both common ways to say a name.
    return conditions + _phonetic(last, first)


def _name_candidates(words: list[str]) -> list[tuple[int, str, str, str]]:
    # One query per condition, each stopping at the candidates still wanted: an OR of them all
    # would make the database gather and sort every Smith in the borough before taking any.
    found: dict[int, tuple[int, str, str, str]] = {}
    for condition, order in _name_conditions(words):
        wanted = _NAME_CANDIDATES - len(found)
        if wanted <= 0:
            break
        rows = (
            Customer.objects.filter(condition)
            .exclude(pk__in=list(found))
            .order_by(*order)
            .values_list("pk", "first_name", "last_name", "organisation_name")[:wanted]
        )
        found |= {row[0]: row for row in rows}
    return list(found.values())


def _search_name(query: str, limit: int) -> SearchResults:
    words = tokens(query)
    if not words:
        return SearchResults("name", message="Enter a name, postcode, phone number, email address or reference")
    wanted = " ".join(words)
    scored = []
    for pk, first_name, last_name, organisation_name in _name_candidates(words):
        name = " ".join(tokens(organisation_name or f"{first_name} {last_name}"))
        # The unspaced comparison lets "vanderberg" match "van der Berg".
        score = max(fuzz.token_sort_ratio(wanted, name), fuzz.ratio(wanted.replace(" ", ""), name.replace(" ", "")))
        if score >= _MIN_NAME_SCORE or len(words) == 1:
            scored.append((-score, name, pk))
    scored.sort()
    return SearchResults("name", _with_contact_details([pk for _, _, pk in scored[:limit]]))


def customer_search(*, query: str, limit: int | None = None) -> SearchResults:
    limit = min(limit or settings.CUSTOMER_SEARCH_LIMIT, settings.CUSTOMER_SEARCH_LIMIT)
    query = query.strip()[:200]
    if not query:
        return SearchResults("none", message="Enter a name, postcode, phone number, email address or reference")
    if (number := record_number_parse(text=query, prefix=REFERENCE_PREFIX)) is not None:
        return _search_reference(number)
    if "@" in query:
        return _search_email(query, limit)
    if _PHONE_LIKE.match(query) and (found := _search_phone(query, limit)) is not None:
        return found
    if any(ch.isdigit() for ch in query):
        if (found := _search_postcode(query, limit)) is not None:
            return found
        return SearchResults(
            "none", message="That is not a full phone number, postcode or reference. Check it and try again."
        )
    return _search_name(query, limit)
