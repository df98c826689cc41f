from django.db import models


class ReferenceSequence(models.Model):
    """The last number given out for one kind of reference (its prefix) in one year. Its row is locked while a
    number is taken (`core.references.reference_next`), so two records made at the same moment never share one."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
