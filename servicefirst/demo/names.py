"""What makes a demo resident look like a real one: a title that agrees with the first name, and a street the
borough could have. Shared by `seed_demo` and `generate_borough`, so both boroughs read alike."""

import random
from functools import cache
from pathlib import Path

STREETS_FILE = Path(__file__).resolve().parent / "data" / "street_names.txt"
MALE, FEMALE = "male", "female"
# A title follows the usual sex of the first name; some people give none, a few a doctor's or Mx.
TITLES = {MALE: ("Mr",), FEMALE: ("Mrs", "Ms", "Ms", "Miss")}
NO_TITLE_SHARE, DOCTOR_SHARE, MX_SHARE = 0.3, 0.03, 0.02


@cache
def street_names() -> tuple[str, ...]:
    lines = STREETS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def title_draw(rng: random.Random, sex: str) -> str:
    draw = rng.random()
    if draw < NO_TITLE_SHARE:
        return ""
    if draw < NO_TITLE_SHARE + DOCTOR_SHARE:
        return "Dr"
    if draw < NO_TITLE_SHARE + DOCTOR_SHARE + MX_SHARE:
        return "Mx"
    return rng.choice(TITLES[sex])
