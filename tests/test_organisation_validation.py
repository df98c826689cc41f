"""servicefirst.core.validation: the postcode and phone rules every app relies on."""

import pytest
from django.core.exceptions import ValidationError

from servicefirst.core.validation import phone_normalise, postcode_normalise


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("e81ea", "E8 1EA"),
        ("E8 1EA", "E8 1EA"),
        ("  e8   1ea ", "E8 1EA"),
        ("sw1a2aa", "SW1A 2AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_postcode_normalise_accepts_real_shapes(typed, stored):
    assert postcode_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "E8", "E81E", "12345", "QA1 1AA", "E8 1EC", "E8 1EAA", "BFPO 1234", "E8-1EA", "V1 1AA", "AI1 1AA"],
)
def test_postcode_normalise_refuses_anything_else(typed):
    with pytest.raises(ValidationError) as caught:
        postcode_normalise(typed)
    assert caught.value.code == "invalid_postcode"
    assert caught.value.messages == ["Enter a real postcode, like E8 1EA"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("020 8356 3000", "+442083563000"),
        ("+44 20 8356 3000", "+442083563000"),
        ("(020) 8356-3000", "+442083563000"),
        ("0300 123 4567", "+443001234567"),
        ("07700 100000", "+447700100000"),
        ("+1 202 555 0100", "+12025550100"),
    ],
)
def test_phone_normalise_stores_e164(typed, stored):
    assert phone_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "phone me", "020 8356 300", "+44 20 8356 30000"])
def test_phone_normalise_refuses_numbers_that_cannot_be_dialled(typed):
    with pytest.raises(ValidationError) as caught:
        phone_normalise(typed)
    assert caught.value.code == "invalid_phone"
    assert "like 020 8356 3000" in caught.value.messages[0]
