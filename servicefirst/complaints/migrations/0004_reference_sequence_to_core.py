"""Complaint numbering moves to the shared sequence in core; each prefix and year carries on where it stood."""

from django.db import migrations


def numbering_move(apps, schema_editor):
    shared = apps.get_model("core", "ReferenceSequence")
    for row in apps.get_model("complaints", "ReferenceSequence").objects.all():
        shared.objects.update_or_create(prefix=row.prefix, year=row.year, defaults={"last": row.last})


def numbering_return(apps, schema_editor):
    own = apps.get_model("complaints", "ReferenceSequence")
    for row in apps.get_model("core", "ReferenceSequence").objects.filter(prefix__in=("CMP", "CPL", "CMT")):
        own.objects.update_or_create(prefix=row.prefix, year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_dashboard_count_indexes"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(numbering_move, numbering_return),
        migrations.RemoveConstraint(model_name="referencesequence", name="complaint_sequence_unique"),
        migrations.DeleteModel(name="ReferenceSequence"),
    ]
