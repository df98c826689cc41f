"""Answers to the demo's question sets (servicefirst/demo/configuration.py), as a caller gives them to an officer."""

import datetime
import random

from servicefirst.customers.selectors import customer_detail
from servicefirst.demo.configuration import BIN_TYPES, FLY_TIPS, PERMIT_TYPES, ZONES

STREETS = ("Mare Street", "Well Street", "Chatsworth Road", "Kingsland Road", "Amhurst Road", "Dalston Lane")
BULKY_ITEMS = ("Sofa and a single mattress", "Fridge freezer", "Wardrobe and two dining chairs", "Washing machine")
GROUNDS = (
    "The parking sign was hidden by a tree.",
    "I was loading, which is allowed on this street.",
    "My permit was on display but the warden could not see it.",
)
REGISTRATION_LETTERS = "ABCDEFGHJKLMNPRSTVWXY"


def _registration(rng: random.Random) -> str:
    letters = "".join(rng.choice(REGISTRATION_LETTERS) for _ in range(3))
    return f"L{rng.choice('AEFKX')}{rng.randint(15, 24)} {letters}"


def _address(customer_id: int) -> dict[str, str]:
    address = customer_detail(customer_id=customer_id).addresses.all()[0]
    return {"line_1": address.line_1, "line_2": address.line_2, "town": address.town, "postcode": address.postcode}


def request_answers(*, code: int, customer_id: int | None, day: datetime.date, rng: random.Random) -> dict:
    """Answers for a request about the service with this LGSL code, raised on `day`; {} for a service with no
    questions."""
    pick = rng.choice
    match code:
        case 524:
            return {
                "address": _address(customer_id),
                "bin_type": pick(BIN_TYPES.splitlines()),
                "collection_day": day.isoformat(),
                "bin_out_by_7": pick(("yes", "yes", "yes", "no")),
            }
        case 528:
            return {"address": _address(customer_id), "items": pick(BULKY_ITEMS), "left_at": "Front garden"}
        case 474:
            return {
                "permit_type": pick(PERMIT_TYPES.splitlines()),
                "vehicle_registration": _registration(rng),
                "zone": pick(ZONES.splitlines()),
            }
        case 471:
            return {
                "pcn_number": f"HK{rng.randint(10_000_000, 99_999_999)}",
                "vehicle_registration": _registration(rng),
                "grounds": pick(GROUNDS),
            }
        case 587:
            return {
                "location": f"Alley behind {rng.randint(2, 180)} {pick(STREETS)}",
                "what": pick(FLY_TIPS.splitlines()),
                "blocking": pick(("yes", "no")),
            }
    return {}
