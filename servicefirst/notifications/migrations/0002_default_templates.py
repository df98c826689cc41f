"""The wording every service uses until a council changes it in the admin or adds a service's own.

Values the service requests app gives: ((due_date)) when a request is raised; ((status)) and ((message)), the
officer's note to the customer, when it is updated or resolved. Notifications adds ((name)), ((reference)),
((service)) and ((council_name)).
"""

from django.db import migrations

SIGN_OFF_EMAIL = "\n\n((council_name))"
SIGN_OFF_LETTER = "\n\nYours sincerely\n\nCustomer services\n((council_name))"
QUOTE = "Your reference is ((reference)). Quote it if you contact us about this request."

TEMPLATES = {
    "service_request.raised": {
        "email": (
            "We have received your request: ((reference))",
            "Dear ((name))\n\nWe have received your request about ((service)).\n\n"
            f"{QUOTE}\n\nWe aim to deal with it by ((due_date)). We will email you when it is done." + SIGN_OFF_EMAIL,
        ),
        "text": (
            "",
            "((council_name)): we have received your request about ((service)). Your reference is "
            "((reference)). We aim to deal with it by ((due_date)).",
        ),
        "letter": (
            "Your request about ((service))",
            "Dear ((name))\n\nWe have received your request about ((service)).\n\n"
            f"{QUOTE}\n\nWe aim to deal with it by ((due_date)). We will write to you when it is done."
            + SIGN_OFF_LETTER,
        ),
    },
    "service_request.updated": {
        "email": (
            "Update on your request: ((reference))",
            "Dear ((name))\n\nThere is news about your request about ((service)). It is now: ((status)).\n\n((message))\n\n"
            + QUOTE
            + SIGN_OFF_EMAIL,
        ),
        "text": (
            "",
            "((council_name)): your request ((reference)) about ((service)) is now: ((status)). ((message))",
        ),
        "letter": (
            "Update on your request about ((service))",
            "Dear ((name))\n\nThere is news about your request about ((service)). It is now: ((status)).\n\n((message))\n\n"
            + QUOTE
            + SIGN_OFF_LETTER,
        ),
    },
    "service_request.resolved": {
        "email": (
            "We have dealt with your request: ((reference))",
            "Dear ((name))\n\nWe have dealt with your request about ((service)).\n\n((message))\n\n"
            "If the problem is not sorted out, contact us and quote your reference, ((reference))." + SIGN_OFF_EMAIL,
        ),
        "text": (
            "",
            "((council_name)): we have dealt with your request ((reference)) about ((service)). ((message))",
        ),
        "letter": (
            "We have dealt with your request about ((service))",
            "Dear ((name))\n\nWe have dealt with your request about ((service)).\n\n((message))\n\n"
            "If the problem is not sorted out, contact us and quote your reference, ((reference))." + SIGN_OFF_LETTER,
        ),
    },
}


def add_default_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for event, channels in TEMPLATES.items():
        for channel, (subject, body) in channels.items():
            MessageTemplate.objects.get_or_create(
                event=event, channel=channel, council_service=None, defaults={"subject": subject, "body": body}
            )


def remove_default_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(event__in=TEMPLATES, council_service=None).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(add_default_templates, remove_default_templates)]
