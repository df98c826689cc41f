"""The SLA pauses while a request awaits the customer. A request already awaiting the customer is paused from the
last time it was put there, so it stops counting as overdue and its due date moves once it is answered."""

import django.db.models.deletion
from django.db import migrations, models


def pauses_open(apps, schema_editor):
    ServiceRequest = apps.get_model("servicerequests", "ServiceRequest")
    ServiceRequestEvent = apps.get_model("servicerequests", "ServiceRequestEvent")
    ServiceRequestPause = apps.get_model("servicerequests", "ServiceRequestPause")
    for service_request in ServiceRequest.objects.filter(status="awaiting_customer").iterator():
        latest = (
            ServiceRequestEvent.objects.filter(request=service_request, field="status", new_value="awaiting_customer")
            .order_by("-at", "-id")
            .values_list("at", flat=True)
            .first()
        )
        started_at = latest or service_request.updated_at
        ServiceRequestPause.objects.create(
            request=service_request, started_at=started_at, due_on_before=service_request.due_on
        )
        ServiceRequest.objects.filter(pk=service_request.pk).update(sla_paused_since=started_at)


class Migration(migrations.Migration):
    dependencies = [
        ("servicerequests", "0008_reference_sequence_to_core"),
    ]

    operations = [
        migrations.CreateModel(
            name="ServiceRequestPause",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField()),
                ("ended_at", models.DateTimeField(blank=True, null=True)),
                (
                    "working_days",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="England & Wales working days after the day paused, up to the day resumed.",
                        null=True,
                    ),
                ),
                ("due_on_before", models.DateField(help_text="The due date when the pause began.")),
                (
                    "due_on_after",
                    models.DateField(blank=True, help_text="The due date once the pause ended.", null=True),
                ),
            ],
            options={
                "ordering": ["started_at", "id"],
            },
        ),
        migrations.AddField(
            model_name="servicerequest",
            name="sla_paused_since",
            field=models.DateTimeField(
                blank=True, help_text="When the SLA clock stopped to await the customer, while it waits.", null=True
            ),
        ),
        migrations.AddField(
            model_name="servicerequest",
            name="sla_paused_working_days",
            field=models.PositiveIntegerField(
                db_default=0,
                default=0,
                help_text="Working days the SLA was paused, every finished pause added together.",
            ),
        ),
        migrations.AlterField(
            model_name="servicerequest",
            name="due_on",
            field=models.DateField(
                help_text="Working days of the service's SLA after the day received, moved later by the working days the SLA was paused while the council waited for the customer."
            ),
        ),
        migrations.AddField(
            model_name="servicerequestpause",
            name="request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="pauses", to="servicerequests.servicerequest"
            ),
        ),
        migrations.AddIndex(
            model_name="servicerequestpause",
            index=models.Index(fields=["request", "started_at"], name="sr_pause_request_idx"),
        ),
        migrations.AddConstraint(
            model_name="servicerequestpause",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("due_on_after__isnull", True), ("ended_at__isnull", True), ("working_days__isnull", True)
                    ),
                    models.Q(
                        ("due_on_after__isnull", False), ("ended_at__isnull", False), ("working_days__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="sr_pause_ended_has_length",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicerequestpause",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_at__isnull", True), ("ended_at__gte", models.F("started_at")), _connector="OR"
                ),
                name="sr_pause_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicerequestpause",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ended_at__isnull", True)), fields=("request",), name="sr_one_open_pause"
            ),
        ),
        migrations.RunPython(pauses_open, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="servicerequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("sla_paused_since__isnull", False), ("status", "awaiting_customer")),
                    models.Q(
                        models.Q(("status", "awaiting_customer"), _negated=True), ("sla_paused_since__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="service_request_paused_while_awaiting_customer",
                violation_error_message="The SLA is paused exactly while the request awaits the customer.",
            ),
        ),
    ]
