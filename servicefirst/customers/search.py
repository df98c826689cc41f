"""One search box for customers: the kind of query is recognised from its shape.

Names match through indexed phonetic keys (metaphone and soundex) and are then ranked by
rapidfuzz, so "Jon Smyth" finds "John Smith" without scanning the table; postcodes, phone
numbers, emails and references are normalised and looked up exactly through their indexes.
A name, postcode, date of birth and address may be typed together (`search_query`): one part
is found through its index and the others narrow what it finds in the same query.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from rapidfuzz import fuzz

from servicefirst.core.references import record_number_parse
from servicefirst.core.validation import phone_normalise
from servicefirst.customers.models import REFERENCE_PREFIX, Address, Customer, EmailAddress, PhoneNumber
from servicefirst.customers.names import fold, name_keys, tokens
from servicefirst.customers.search_query import QueryUnread, SearchQuery, search_query_read

_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{6,}$")
# Enough candidates to rank well when many people share a surname, few enough to rank fast.
_NAME_CANDIDATES = 400
_MIN_NAME_SCORE = 60


_ASK = "Enter a name, address, postcode, date of birth, phone number, email address or reference"


@dataclass
class SearchResults:
    kind: str
    customers: list[Customer] = field(default_factory=list)
    # Set when the query could not be read, for the officer to correct.
    message: str = ""
    # More customers matched than are shown, and what to add to the query to find fewer.
    more: bool = False
    narrow_with: str = ""

    @property
    def more_message(self) -> str:
        shown = len(self.customers)
        return f"Showing the first {shown} of more than {shown} customers — {self.narrow_with} to narrow the search"


def _with_contact_details(ids: list[int]) -> list[Customer]:
    found = Customer.objects.filter(pk__in=ids).prefetch_related("addresses", "phone_numbers", "email_addresses")
    by_id = {c.pk: c for c in found}
    return [by_id[i] for i in ids if i in by_id]


def _search_reference(number: int) -> SearchResults:
    return SearchResults("reference", _with_contact_details([number]))


def _found(kind: str, ids: list[int], limit: int, narrow_with: str = "") -> SearchResults:
    """The first `limit` of ids fetched up to one more than that, so the page can say when there are more."""
    more = len(ids) > limit
    return SearchResults(kind, _with_contact_details(ids[:limit]), more=more, narrow_with=narrow_with if more else "")


def _search_email(query: str, limit: int) -> SearchResults:
    ids = list(
        EmailAddress.objects.filter(email=query.strip().lower())
        .values_list("customer_id", flat=True)
        .distinct()[: limit + 1]
    )
    return _found("email", ids, limit)


def _search_phone(query: str, limit: int) -> SearchResults | None:
    try:
        number = phone_normalise(query)
    except ValidationError:
        return None
    ids = list(PhoneNumber.objects.filter(number=number).values_list("customer_id", flat=True).distinct()[: limit + 1])
    return _found("phone", ids, limit)


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


# Recorded titles that say the customer is not the one asked for; any other title, or none, never excludes.
_MEN, _WOMEN = ("mr", "master"), ("mrs", "ms", "miss")
_CONTRADICTED = dict.fromkeys(_MEN, _WOMEN) | dict.fromkeys(_WOMEN, _MEN)


def _narrowing(query: SearchQuery, *, customer: str = "") -> Q:
    """What every part of the query but the one searched by asks of the customer (`customer`: the path to them)."""
    narrowing = Q()
    if query.date_of_birth:
        narrowing &= Q(**{f"{customer}date_of_birth": query.date_of_birth})
    for title in _CONTRADICTED.get(query.title, ()):
        narrowing &= ~Q(**{f"{customer}title__iexact": title}) & ~Q(**{f"{customer}title__iexact": f"{title}."})
    return narrowing


def _place(query: SearchQuery) -> dict[str, object]:
    """Lookups on a customer's primary address for the postcode, sector or district and house number asked."""
    place: dict[str, object] = {"is_primary": True}
    if query.postcode:
        place["postcode"] = query.postcode
    elif query.sector:
        place |= {"outward_code": query.sector.split(" ")[0], "postcode__startswith": query.sector}
    elif query.district:
        place["outward_code"] = query.district
    if query.house_number is not None:
        place["street_number"] = query.house_number
    return place


def _name_candidates(words: list[str], narrowing: Q) -> list[tuple[int, str, str, str]]:
    # One query per condition, each stopping at the candidates still wanted: an OR of them all
    # would make the database gather and sort every Smith in the borough before taking any.
    found: dict[int, tuple[int, str, str, str]] = {}
    for condition, order in _name_conditions(words):
        wanted = _NAME_CANDIDATES - len(found)
        if wanted <= 0:
            break
        rows = (
            Customer.objects.filter(condition, narrowing)
            .exclude(pk__in=list(found))
            .order_by(*order)
            .values_list("pk", "first_name", "last_name", "organisation_name")[:wanted]
        )
        found |= {row[0]: row for row in rows}
    return list(found.values())


def _ranked(words: list[str], candidates) -> list[int]:
    wanted = " ".join(words)
    scored = []
    for pk, first_name, last_name, organisation_name in candidates:
        name = " ".join(tokens(organisation_name or f"{first_name} {last_name}"))
        # The unspaced comparison lets "vanderberg" match "van der Berg".
        score = max(fuzz.token_sort_ratio(wanted, name), fuzz.ratio(wanted.replace(" ", ""), name.replace(" ", "")))
        if score >= _MIN_NAME_SCORE or len(words) == 1:
            scored.append((-score, name, pk))
    scored.sort()
    return [pk for _, _, pk in scored]


def _by_name(query: SearchQuery) -> list[int]:
    narrowing = _narrowing(query)
    if query.has_place or query.house_number is not None:
        narrowing &= Q(**{f"addresses__{lookup}": value for lookup, value in _place(query).items()})
    return _ranked(query.name, _name_candidates(query.name, narrowing))


def _by_street(query: SearchQuery, limit: int) -> list[int]:
    # Walks the street index in house-number order, so a long street stops at the page.
    addresses = Address.objects.filter(
        _narrowing(query, customer="customer__"), street=query.street, **_place(query)
    ).order_by("street_number", "customer_id")
    if not query.name or query.street_or_name:
        return list(addresses.values_list("customer_id", flat=True)[: limit + 1])
    rows = addresses.values_list(
        "customer_id", "customer__first_name", "customer__last_name", "customer__organisation_name"
    )[:_NAME_CANDIDATES]
    return _ranked(query.name, rows)


def _by_place(query: SearchQuery, limit: int) -> list[int]:
    addresses = Address.objects.filter(_narrowing(query, customer="customer__"), **_place(query))
    if query.postcode:
        addresses = addresses.order_by("customer__sort_name", "customer_id")
    else:
        # A district holds thousands of people; walking its index in postcode order stops at the limit.
        addresses = addresses.order_by("postcode", "customer_id")
    return list(addresses.values_list("customer_id", flat=True)[: limit + 1])


def _by_birth(query: SearchQuery, limit: int) -> list[int]:
    customers = Customer.objects.filter(_narrowing(query)).order_by("sort_name", "id")
    return list(customers.values_list("pk", flat=True)[: limit + 1])


def _narrow_with(query: SearchQuery) -> str:
    missing = [
        *(["a name"] if not query.name else []),
        *(["a postcode"] if not query.postcode else []),
        *(["a date of birth"] if not query.date_of_birth else []),
    ]
    if len(missing) < 2:
        return f"add {missing[0]}" if missing else "add more of the name"
    return f"add {', '.join(missing[:-1])} or {missing[-1]}"


def _kind(query: SearchQuery, *, by_street: bool) -> str:
    parts = [
        *(["name"] if query.name and not (by_street and query.street_or_name) else []),
        *(["address"] if by_street else []),
        *(["postcode"] if query.has_place else []),
        *(["date of birth"] if query.date_of_birth else []),
    ]
    return " and ".join(parts)


def _search_parts(query: SearchQuery, limit: int) -> SearchResults:
    by_street = bool(query.street)
    if query.street:
        ids = _by_street(query, limit)
        if query.street_or_name and not ids:
            by_street, ids = False, _by_name(query)
    elif query.name:
        ids = _by_name(query)
    elif query.has_place:
        ids = _by_place(query, limit)
    elif query.date_of_birth:
        ids = _by_birth(query, limit)
    else:
        return SearchResults("none", message=_ASK)
    return _found(_kind(query, by_street=by_street), ids, limit, _narrow_with(query))


def customer_search(*, query: str, limit: int | None = None) -> SearchResults:
    limit = min(limit or settings.CUSTOMER_SEARCH_LIMIT, settings.CUSTOMER_SEARCH_LIMIT)
    query = query.strip()[:200]
    if not query:
        return SearchResults("none", message=_ASK)
    if (number := record_number_parse(text=query, prefix=REFERENCE_PREFIX)) is not None:
        return _search_reference(number)
    if "@" in query:
        return _search_email(query, limit)
    if _PHONE_LIKE.match(query) and (found := _search_phone(query, limit)) is not None:
        return found
    try:
        parts = search_query_read(query)
    except QueryUnread as unread:
        return SearchResults("none", message=str(unread))
    return _search_parts(parts, limit)
