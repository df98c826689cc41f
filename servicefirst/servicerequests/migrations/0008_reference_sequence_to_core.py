"""Request numbering moves to the shared sequence in core under the prefix SR; each year carries on where it stood."""

from django.db import migrations


def numbering_move(apps, schema_editor):
    shared = apps.get_model("core", "ReferenceSequence")
    for row in apps.get_model("servicerequests", "ReferenceSequence").objects.all():
        shared.objects.update_or_create(prefix="SR", year=row.year, defaults={"last": row.last})


def numbering_return(apps, schema_editor):
    own = apps.get_model("servicerequests", "ReferenceSequence")
    for row in apps.get_model("core", "ReferenceSequence").objects.filter(prefix="SR"):
        own.objects.update_or_create(year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("servicerequests", "0007_queue_and_counts_one_index"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(numbering_move, numbering_return),
        migrations.DeleteModel(name="ReferenceSequence"),
    ]
