"""References people quote: yearly numbered ones (`SR-2026-000123`, `CMP-2026-000045`) taken from one locked
sequence per prefix and year, and record numbers (`C-000123`) read back from whatever a person typed."""

import re

from django.db import IntegrityError, transaction

from servicefirst.core.models import ReferenceSequence

_DIGITS = 6
_LONGEST_NUMBER = 12


def reference_next(*, prefix: str, year: int) -> str:
    """The next reference of the year for `prefix`. The year's row stays locked until the caller's transaction
    ends, so concurrent writers queue for their numbers instead of taking the same one; a number taken by a
    transaction that rolls back is given out again."""
    sequence = ReferenceSequence.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():
                sequence = ReferenceSequence.objects.create(prefix=prefix, year=year, last=0)
        except IntegrityError:
            # Another writer created the year's row first; wait for its lock like everyone else.
            sequence = ReferenceSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:0{_DIGITS}d}"


def reference_sequence_set(*, prefix: str, year: int, last: int) -> None:
    """Sets where a year's numbering stands, for records loaded in bulk past `reference_next`."""
    ReferenceSequence.objects.update_or_create(prefix=prefix, year=year, defaults={"last": last})


def reference_sequence_last(*, prefix: str, year: int) -> int:
    """The last number given out for `prefix` in `year` (0 before the first)."""
    sequence = ReferenceSequence.objects.filter(prefix=prefix, year=year).first()
    return sequence.last if sequence else 0


def record_reference(*, prefix: str, number: int) -> str:
    return f"{prefix}-{number:0{_DIGITS}d}"


def record_number_parse(*, text: str, prefix: str, number_alone: bool = False) -> int | None:
    """The record number in a reference as people type it (`C-000123`, `c123`, `C 123`; with `number_alone`,
    `123` too), or None when it is not one."""
    optional = "?" if number_alone else ""
    shape = rf"\s*(?:{re.escape(prefix)}\s*-?\s*){optional}0*(\d{{1,{_LONGEST_NUMBER}}})\s*"
    match = re.fullmatch(shape, text or "", re.IGNORECASE)
    return int(match.group(1)) if match else None
