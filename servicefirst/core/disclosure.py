"""Small numbers: the one place that decides which figures in an aggregate table may be shown to whom.

A councillor, or anyone reading a report meant for publication, must not be able to pick out a person from a
table ("the one complaint about Parks in March"). So every count of people, contacts or complaints from 1 to
`DISCLOSURE_THRESHOLD - 1` is shown as `SUPPRESSED`, and so is everything worked out from one:

- a percentage, a change or a mean over a hidden count;
- the complement of a part in a shown whole (98 of 100 resolved tells you 2 were not), so a part is hidden
  when it or what is left of its whole is small;
- secondary suppression: where a row or column carries a shown total and only one of its cells is hidden, the
  next smallest cell is hidden too, so the hidden one cannot be had by subtracting the others from the total.

Zero is shown: it says nobody in the group, which identifies no one (NHS Digital's rules for Hospital Episode
Statistics hid 1 to 5 and kept 0; docs/SECURITY.md gives the reading). Money is not a count of people, so it is
shown unless it would give back a hidden count (a per-contact charge times the contacts).

Staff who may see the records behind a figure anyway (`reports.exact`) see exact figures on the same pages.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings

# The GOV.UK and ONS symbol for a figure withheld to protect confidentiality.
SUPPRESSED = "[c]"

Shown = int | str


@dataclass(frozen=True)
class Disclosure:
    # 0 shows every figure exactly.
    threshold: int

    @property
    def exact(self) -> bool:
        return self.threshold <= 1

    @property
    def note(self) -> str:
        """The footnote a table with a hidden figure carries."""
        return (
            f"{SUPPRESSED} Fewer than {self.threshold}: not shown, so that no one can be identified. "
            "A figure that would let it be worked out is not shown either. Totals include every figure."
        )

    def hides(self, count: int | None) -> bool:
        return count is not None and 0 < count < self.threshold

    def count(self, count: int) -> Shown:
        return SUPPRESSED if self.hides(count) else count

    def hides_part(self, part: int, whole: int) -> bool:
        """Whether a part of a shown whole must be hidden: it, or the rest of the whole, is small."""
        return self.hides(part) or self.hides(whole - part) or self.hides(whole)

    def series(self, counts: Sequence[int], *, total: int | None = None, also: Iterable[int] = ()) -> list[Shown]:
        """Counts that add up to `total` (shown beside them), with each small one hidden and, where only one
        would be, the next smallest too. Without a shown total (`None`) only the small ones are hidden."""
        hidden = self.hidden_in(counts, total=total, also=also)
        return [SUPPRESSED if i in hidden else c for i, c in enumerate(counts)]

    def hidden_in(self, counts: Sequence[int], *, total: int | None = None, also: Iterable[int] = ()) -> set[int]:
        """The positions `series` hides, for callers hiding figures worked out from those counts too. `also`
        names positions another table's hidden figures could be worked back from, hidden whatever their size."""
        if self.exact:
            return set()
        hidden = {i for i, c in enumerate(counts) if self.hides(c)} | {i for i in also if counts[i]}
        if total is not None and len(hidden) == 1 and not self.hides(total):
            others = sorted((c, i) for i, c in enumerate(counts) if i not in hidden and c > 0)
            if others:
                hidden.add(others[0][1])
        return hidden

    def hidden_rows(self, rows: Sequence[Sequence[int]], *, total: bool = True) -> set[int]:
        """The rows of a table to hide whole: each with a small figure (list the complements of parts among a
        row's figures too), and, where the table's total is shown and only one row would be hidden, the next
        smallest row by its first figure. Hiding whole rows, zeros included, leaves every column with two
        unknowns or none, so no total gives a hidden figure back."""
        if self.exact:
            return set()
        hidden = {i for i, row in enumerate(rows) if any(self.hides(c) for c in row)}
        if total and len(hidden) == 1:
            others = sorted((row[0], i) for i, row in enumerate(rows) if i not in hidden and row[0] > 0)
            if others:
                hidden.add(others[0][1])
        return hidden


EXACT = Disclosure(threshold=0)


def disclosure_public() -> Disclosure:
    """For a report meant for publication, whoever prints it."""
    return Disclosure(threshold=settings.DISCLOSURE_THRESHOLD)


def disclosure_for(user) -> Disclosure:
    return EXACT if user.can("reports.exact") else disclosure_public()


def disclosure_note(rows: Iterable[Sequence]) -> str:
    """The footnote for table rows, where any figure in them is hidden."""
    hidden = any(SUPPRESSED in row for row in rows)
    return disclosure_public().note if hidden else ""


def shown_number(value: Shown) -> str:
    """A count as a page shows it, with thousands separated, or the marker."""
    return value if isinstance(value, str) else f"{value:,}"


def shown_or(value: object, hidden: bool) -> object:
    """`value`, or the marker when the figures behind it are hidden."""
    return SUPPRESSED if hidden else value
