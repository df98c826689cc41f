"""API tokens expire and carry scopes. Tokens issued before keep working for 90 days from this upgrade, with every
scope (what they could do before), so an integration has time to be given a scoped token of its own."""

import datetime

from django.db import migrations, models
from django.utils import timezone

# accounts.scopes.ALL_SCOPES when this was written, copied so later areas do not change what this grants.
EVERY_SCOPE = [
    "customers:read",
    "customers:write",
    "catalogue:read",
    "catalogue:write",
    "contacts:read",
    "contacts:write",
    "requests:read",
    "requests:write",
    "complaints:read",
    "complaints:write",
    "satisfaction:read",
    "satisfaction:write",
    "open311:read",
    "open311:write",
]


def existing_tokens(apps, schema_editor):
    token_model = apps.get_model("accounts", "ApiToken")
    token_model.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + datetime.timedelta(days=90), scopes=EVERY_SCOPE
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(
                default=list, help_text="What it may do, as <area>:read or <area>:write (accounts/scopes.py)."
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="After this the token is refused; issue a new one before then."),
        ),
    ]
