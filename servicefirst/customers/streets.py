"""The street an address is on, as the search keys it, shared by the services that store it and the search that
reads it: folded words with the street type written out, and the house number apart, so "14 Mare St" and
"Flat 3, 14 Mare Street" are both number 14 on "mare street"."""

import re
import unicodedata
from dataclasses import dataclass

# Written out only as a street's last word: "St John's Road" is Saint John's.
STREET_TYPES = {
    "street": ("st", "str"),
    "road": ("rd",),
    "avenue": ("ave", "av"),
    "lane": ("ln",),
    "close": ("cl",),
    "drive": ("dr", "drv"),
    "court": ("ct",),
    "place": ("pl",),
    "gardens": ("gdns", "gdn"),
    "grove": ("gr", "gro"),
    "crescent": ("cres", "cresc"),
    "terrace": ("terr", "tce"),
    "square": ("sq",),
    "parade": ("pde",),
    "park": ("pk",),
    "mews": (),
    "way": (),
    "walk": (),
    "row": (),
    "rise": (),
    "hill": (),
    "green": (),
    "gate": (),
    "yard": (),
    "passage": (),
    "vale": (),
    "view": (),
    "wharf": (),
    "approach": (),
    "embankment": (),
    "broadway": (),
    "estate": (),
}
_WRITTEN_OUT = {short: full for full, shorts in STREET_TYPES.items() for short in shorts}
# Words that begin the flat's part of an address ("Flat 3"), never its street.
UNIT_WORDS = frozenset({"flat", "apartment", "apt", "unit", "room", "suite", "maisonette", "studio"})
HOUSE_NUMBER = re.compile(r"^(\d{1,5})[a-z]?(?:-\d{1,5}[a-z]?)?$")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STREET_MAX = 150


@dataclass(frozen=True)
class StreetKeys:
    street: str
    number: int | None


def street_words(text: str) -> list[str]:
    """Lower-case ASCII words, digits kept and apostrophes dropped: "14a St. John's Rd" -> ["14a", "st", "johns",
    "rd"]."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", "")
    return _WORD.findall(ascii_text)


def street_name(words: list[str]) -> str:
    """The key of a street named by these words (no numbers among them)."""
    if not words:
        return ""
    return " ".join([*words[:-1], _WRITTEN_OUT.get(words[-1], words[-1])])[:STREET_MAX]


def is_street_type(word: str) -> bool:
    return word in STREET_TYPES or word in _WRITTEN_OUT


def street_keys(*, line_1: str, line_2: str = "") -> StreetKeys:
    """The street and house number of an address. Of its parts (split at commas), the street is the first with a house
    number, else the first whose last word is a street type ("Beech House, Mare Street"), else the first that is not a
    flat's."""
    candidates = []
    for part in [p for line in (line_1, line_2) for p in line.split(",")]:
        words = street_words(part)
        if not words or words[0] in UNIT_WORDS:
            continue
        number = None
        if house := HOUSE_NUMBER.match(words[0]):
            number, words = int(house.group(1)), words[1:]
        if not words or any(ch.isdigit() for word in words for ch in word):
            continue
        keys = StreetKeys(street_name(words), number)
        if number is not None:
            return keys
        candidates.append((not is_street_type(words[-1]), len(candidates), keys))
    return min(candidates)[2] if candidates else StreetKeys("", None)
