from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("servicerequests", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="servicerequest",
            index=models.Index(fields=["due_on", "priority", "id"], name="sr_due_idx"),
        ),
    ]
