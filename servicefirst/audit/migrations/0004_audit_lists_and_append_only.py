from django.db import migrations, models

from servicefirst.audit import append_only


def install(apps, schema_editor) -> None:
    append_only.triggers_install(schema_editor.connection)


def remove(apps, schema_editor) -> None:
    append_only.triggers_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_audit_read_and_sign_in_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="query",
            field=models.CharField(blank=True, help_text="What a search asked for.", max_length=200),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="record_ids",
            field=models.TextField(blank=True, help_text="The ids of the records a list or search showed."),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="shown",
            field=models.PositiveIntegerField(
                blank=True, help_text="How many records a list or search showed.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="via",
            field=models.CharField(
                default="web",
                help_text="The interface it came through: web (staff pages), api, portal or admin (Django's admin).",
                max_length=10,
            ),
        ),
        # After the fields: adding a field on SQLite rebuilds the table, which would drop the triggers.
        migrations.RunPython(install, remove, elidable=False),
    ]
