"""The interface an action came through is its `via`; `channel` is kept for how a resident got in touch."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="auditevent", old_name="channel", new_name="via"),
        migrations.AlterField(
            model_name="auditevent",
            name="via",
            field=models.CharField(
                default="web",
                help_text="The interface it came through: web (staff pages), api or portal.",
                max_length=10,
            ),
        ),
    ]
