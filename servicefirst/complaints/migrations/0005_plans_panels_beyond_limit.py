"""The adults' social care response by a plan agreed with the complainant, the children's review panel's report and
the council's response to it, and extensions beyond the limit with good reason; open stages take the new terms."""

from django.conf import settings
from django.db import migrations, models

CHILDREN_PANEL = {"panel_report_days": 5, "panel_response_days": 15}


def rules_update(apps, schema_editor):
    """The 2006 Regulations' panel report (5 working days after the meeting) and the council's response (15 after
    the report); the 2009 Regulations' plan agreed with the complainant. Stages already open follow too, since
    their customers were told only the first date, which stands."""
    rule_model = apps.get_model("complaints", "DeadlineRule")
    stage_model = apps.get_model("complaints", "ComplaintStage")
    rule_model.objects.filter(procedure="children_statutory", stage=3).update(
        name="Stage 3: review panel", **CHILDREN_PANEL
    )
    rule_model.objects.filter(procedure="adults_statutory", stage=1).update(by_agreement=True)
    stage_model.objects.filter(complaint__procedure="children_statutory", stage=3).update(**CHILDREN_PANEL)
    stage_model.objects.filter(complaint__procedure="adults_statutory", stage=1).update(by_agreement=True)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_reference_sequence_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="complaintstage",
            name="agreed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="agreed_due",
            field=models.DateField(blank=True, help_text="The response date agreed with the complainant.", null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="agreement_note",
            field=models.TextField(blank=True, db_default=""),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="beyond_limit_reason",
            field=models.TextField(
                blank=True, db_default="", help_text="The good reason the extension goes beyond the procedure's limit."
            ),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="by_agreement",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_met_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_report_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_report_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_report_on",
            field=models.DateField(blank=True, help_text="When the panel's report was received.", null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_response_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaintstage",
            name="panel_response_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="deadlinerule",
            name="beyond_limit_allowed",
            field=models.BooleanField(
                default=True,
                help_text="Allow an extension beyond that limit when the officer records the good reason for it (the Complaint Handling Code allows more time 'with good reason'). Untick to refuse any date beyond the limit.",
            ),
        ),
        migrations.AddField(
            model_name="deadlinerule",
            name="by_agreement",
            field=models.BooleanField(
                default=False,
                help_text="The response date is a plan agreed with the complainant, changed by agreement earlier or later, in place of extensions (adults' social care). The time above stands until a plan is agreed.",
            ),
        ),
        migrations.AddField(
            model_name="deadlinerule",
            name="panel_report_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="A review panel stage: working days after the panel meets for its report, the time above being for the meeting. Blank: no panel.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="deadlinerule",
            name="panel_response_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="A review panel stage: working days after the panel's report is received for the council's response.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="complaintevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("recorded", "Recorded"),
                    ("acknowledged", "Acknowledged"),
                    ("assigned", "Assigned"),
                    ("extended", "Response extended"),
                    ("plan_agreed", "Plan agreed"),
                    ("panel", "Review panel"),
                    ("customer_told", "Customer told"),
                    ("responded", "Responded"),
                    ("escalated", "Escalated"),
                    ("ombudsman", "Ombudsman"),
                    ("closed", "Closed"),
                    ("reopened", "Reopened"),
                    ("learning", "Learning action"),
                    ("note", "Note"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddConstraint(
            model_name="complaintstage",
            constraint=models.CheckConstraint(
                condition=models.Q(("beyond_limit_reason", ""), ("extended_to__isnull", False), _connector="OR"),
                name="complaint_stage_beyond_limit_is_an_extension",
            ),
        ),
        migrations.AddConstraint(
            model_name="complaintstage",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("agreed_due__isnull", True), models.Q(("agreement_note", ""), _negated=True), _connector="OR"
                ),
                name="complaint_stage_plan_says_what_was_agreed",
                violation_error_message="Say what was agreed with the complainant.",
            ),
        ),
        migrations.AddConstraint(
            model_name="complaintstage",
            constraint=models.CheckConstraint(
                condition=models.Q(("panel_report_on__isnull", True), ("panel_met_on__isnull", False), _connector="OR"),
                name="complaint_stage_panel_report_after_meeting",
            ),
        ),
        migrations.AddConstraint(
            model_name="deadlinerule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("panel_report_days__isnull", True), ("panel_response_days__isnull", True)),
                    models.Q(("panel_report_days__isnull", False), ("panel_response_days__isnull", False)),
                    _connector="OR",
                ),
                name="deadline_rule_panel_both_or_neither",
                violation_error_message="A review panel needs both the days for its report and for the response.",
            ),
        ),
        migrations.RunPython(rules_update, migrations.RunPython.noop),
    ]
