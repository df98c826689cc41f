"""The shared reference sequence and the reading of references people type."""

import pytest

from servicefirst.core.references import (
    record_number_parse,
    record_reference,
    reference_next,
    reference_sequence_last,
    reference_sequence_set,
)


@pytest.mark.django_db
def test_each_prefix_and_year_counts_on_its_own():
    assert reference_next(prefix="SR", year=2026) == "SR-2026-000001"
    assert reference_next(prefix="SR", year=2026) == "SR-2026-000002"
    assert reference_next(prefix="CMP", year=2026) == "CMP-2026-000001"
    assert reference_next(prefix="SR", year=2027) == "SR-2027-000001"
    assert reference_sequence_last(prefix="SR", year=2026) == 2
    assert reference_sequence_last(prefix="Q", year=2026) == 0


@pytest.mark.django_db
def test_numbering_carries_on_from_where_a_bulk_load_left_it():
    reference_sequence_set(prefix="SR", year=2026, last=41_999)
    assert reference_next(prefix="SR", year=2026) == "SR-2026-042000"
    assert reference_next(prefix="SR", year=2026) == "SR-2026-042001"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("C-000123", 123),
        ("c-000123", 123),
        ("C123", 123),
        (" C - 123 ", 123),
        ("C-000000", 0),
        ("C-", None),
        ("123", None),
        ("CX-123", None),
        ("C-12a", None),
        ("C-" + "9" * 13, None),
        ("", None),
    ],
)
def test_a_record_number_is_read_from_a_reference_as_people_type_it(text, number):
    assert record_number_parse(text=text, prefix="C") == number


def test_the_number_alone_counts_only_where_asked():
    assert record_number_parse(text="000123", prefix="C", number_alone=True) == 123
    assert record_number_parse(text="C-000123", prefix="C", number_alone=True) == 123
    assert record_number_parse(text="000123", prefix="C") is None


def test_a_record_reference_is_written_the_way_it_is_read():
    assert record_reference(prefix="C", number=123) == "C-000123"
    assert record_number_parse(text=record_reference(prefix="C", number=1234567), prefix="C") == 1234567
