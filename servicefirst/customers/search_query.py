"""Reading the one search box: what an officer typed, taken apart into the name, title, date of birth, postcode (full,
sector or district), house number and street it holds, in any order ("jon smith e8", "Mrs Khan 14/03/1958",
"Flat 3, 14 Mare St E8")."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from servicefirst.core.validation import postcode_normalise
from servicefirst.customers.names import tokens
from servicefirst.customers.streets import HOUSE_NUMBER, UNIT_WORDS, is_street_type, street_name, street_words

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Day first, as the UK writes dates; the spaced form is the one GOV.UK date inputs ask for ("14 3 1958").
_DATES = [
    (re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b"), False),
    (re.compile(r"\b(?P<d>\d{1,2}) (?P<m>\d{1,2}) (?P<y>\d{4})\b"), False),
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), False),
    (re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I), True),
]
_SHORT_YEAR = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL_POSTCODE = re.compile(rf"\b({_OUTWARD})\s*([0-9][A-Z]{{2}})\b", re.I)
_SECTOR = re.compile(rf"\b({_OUTWARD})\s+([0-9])(?![0-9A-Z])", re.I)
_DISTRICT = re.compile(rf"\b({_OUTWARD})\b", re.I)

# Titles say nothing the name index can use; "Mr Smith" is a search for Smith.
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lady", "lord", "master"}
)


class QueryUnread(ValueError):
    """Part of the query is no name, date of birth, postcode, address, phone number or reference."""


@dataclass
class SearchQuery:
    name: list[str] = field(default_factory=list)
    title: str = ""
    date_of_birth: datetime.date | None = None
    postcode: str = ""  # full and normalised, "E8 1EA"
    sector: str = ""  # "E8 3"
    district: str = ""  # "E8"
    street: str = ""
    house_number: int | None = None
    # The words may name a street rather than a person ("Mare Street"): both are looked for.
    street_or_name: bool = False

    @property
    def has_place(self) -> bool:
        return bool(self.postcode or self.sector or self.district)


def _take(text: str, match: re.Match) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


def _date_read(text: str, query: SearchQuery) -> str:
    for pattern, month_named in _DATES:
        if match := pattern.search(text):
            month = _MONTHS[match["m"].lower()] if month_named else int(match["m"])
            try:
                query.date_of_birth = datetime.date(int(match["y"]), month, int(match["d"]))
            except ValueError:
                raise QueryUnread(
                    f"“{match.group(0)}” is not a real date. Check the date of birth and try again"
                ) from None
            return _take(text, match)
    if match := _SHORT_YEAR.search(text):
        raise QueryUnread(f"Write the year of birth in “{match.group(0)}” in full, for example 14/03/1958")
    return text


def _place_read(text: str, query: SearchQuery) -> str:
    if match := _FULL_POSTCODE.search(text):
        try:
            query.postcode = postcode_normalise(match[1] + match[2])
        except ValidationError:
            pass
        else:
            return _take(text, match)
    if match := _SECTOR.search(text):
        query.sector = f"{match[1].upper()} {match[2]}"
        return _take(text, match)
    if match := _DISTRICT.search(text):
        query.district = match[1].upper()
        return _take(text, match)
    return text


def _address_read(words: list[str], query: SearchQuery) -> list[str]:
    """The house number and the street after it; what comes before is the name ("John Smith 14 Mare Street")."""
    for at, word in enumerate(words):
        if house := HOUSE_NUMBER.match(word):
            street = words[at + 1 :]
            if any(ch.isdigit() for w in street for ch in w):
                break
            # A house number alone is read with the postcode ("14 E8 1EA").
            query.house_number = int(house.group(1))
            query.street = street_name(street)
            return words[:at]
    return words


def _unread(words: list[str]) -> str:
    return " ".join(word for word in words if any(ch.isdigit() for ch in word))


def search_query_read(text: str) -> SearchQuery:
    """The parts of a query that is no phone number, email address or reference. Raises QueryUnread naming what
    could not be read, so the officer sees which part to correct."""
    query = SearchQuery()
    text = _place_read(_date_read(text, query), query)
    words = [w for w in street_words(text.replace(",", " ")) if w]
    # "Flat 3" narrows nothing the index holds: the house number and street find the building.
    words = [w for at, w in enumerate(words) if w not in UNIT_WORDS and not (at and words[at - 1] in UNIT_WORDS)]
    words = _address_read(words, query)
    if unread := _unread(words):
        raise QueryUnread(
            f"We could not read “{unread}”. Enter a name with a postcode (E8 1EA), district (E8) or date of "
            "birth (14/03/1958), a house number and street, a phone number or a reference (C-000123)"
        )
    if query.house_number is not None and not (query.street or query.has_place):
        raise QueryUnread(f"Add the street or the postcode to the house number “{query.house_number}”")
    name = tokens(" ".join(words))
    if name and name[0] in TITLES:
        query.title, name = name[0], name[1:]
    query.name = name
    if not query.street and len(name) >= 2 and is_street_type(name[-1]):
        query.street, query.street_or_name = street_name(name), True
    return query
