"""The message telling a complainant the response date agreed with them (adults' social care), changed earlier
or later. Values as for the other complaint messages, with ((new_due_date)) the date agreed."""

from django.db import migrations

TEMPLATES = {
    "email": (
        "The date we agreed for our response: ((reference))",
        "Dear ((name))\n\nThank you for talking to us about how we will look into your complaint.\n\n((message))\n\n"
        "As we agreed, we will send you our response by ((new_due_date)).\n\nYour reference is ((reference)). "
        "Quote it if you contact us about this complaint.\n\n((council_name))",
    ),
    "text": ("", "((council_name)): as agreed, we will respond to your complaint ((reference)) by ((new_due_date))."),
    "letter": (
        "The date we agreed for our response: ((reference))",
        "Dear ((name))\n\nThank you for talking to us about how we will look into your complaint.\n\n((message))\n\n"
        "As we agreed, we will send you our response by ((new_due_date)).\n\nYour reference is ((reference)). "
        "Quote it if you contact us about this complaint.\n\nYours sincerely\n\nComplaints team\n((council_name))",
    ),
}
EVENT = "complaint.plan_agreed"


def forwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for channel, (subject, body) in TEMPLATES.items():
        MessageTemplate.objects.get_or_create(
            event=EVENT, channel=channel, council_service=None, defaults={"subject": subject, "body": body}
        )


def backwards(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(event=EVENT, council_service=None).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_complaint_templates_survey_invitation")]

    operations = [migrations.RunPython(forwards, backwards)]
