"""Messages for complaints, and the satisfaction survey in the acknowledgement of a request.

Values the complaints app gives: ((summary)), ((stage)), ((due_date)), ((message)) (the officer's note, reason or
response), ((new_due_date)) on an extension and ((outcome)) on a response. Satisfaction gives
((survey_invitation)), a sentence with the survey's address, or nothing when there is no contact to ask about.

The invitation is added only to acknowledgements still worded as shipped, so a council's own wording is kept.
"""

from django.db import migrations

SIGN_OFF_EMAIL = "\n\n((council_name))"
SIGN_OFF_LETTER = "\n\nYours sincerely\n\nComplaints team\n((council_name))"
QUOTE = "Your reference is ((reference)). Quote it if you contact us about this complaint."
NEXT = (
    "If you are not happy with our response, tell us why and quote your reference. We will look at it again, "
    "and after that you can ask the Ombudsman to look at it."
)


def _three(subject: str, email: str, text: str, letter: str | None = None) -> dict[str, tuple[str, str]]:
    return {
        "email": (subject, f"Dear ((name))\n\n{email}" + SIGN_OFF_EMAIL),
        "text": ("", "((council_name)): " + text),
        "letter": (subject, f"Dear ((name))\n\n{letter or email}" + SIGN_OFF_LETTER),
    }


TEMPLATES = {
    "complaint.acknowledged": _three(
        "We have received your complaint: ((reference))",
        "Thank you for telling us about ((summary)). We are looking into your complaint.\n\n"
        f"{QUOTE}\n\nWe will send you our response by ((due_date)).",
        "we have received your complaint, reference ((reference)). We will respond by ((due_date)).",
    ),
    "complaint.extended": _three(
        "We need more time to respond to your complaint: ((reference))",
        "We are sorry, but we need more time to look into your complaint properly.\n\n((message))\n\n"
        f"We will now send you our response by ((new_due_date)).\n\n{QUOTE}",
        "we need more time to respond to your complaint ((reference)). We will respond by ((new_due_date)).",
    ),
    "complaint.responded": _three(
        "Our response to your complaint: ((reference))",
        f"We have looked into your complaint about ((summary)). Our decision: ((outcome)).\n\n((message))\n\n{NEXT}",
        "we have sent our response to your complaint ((reference)). Our decision: ((outcome)).",
    ),
    "complaint.escalated": _three(
        "Your complaint is being looked at again: ((reference))",
        "You asked us to look at your complaint again. It is now at stage ((stage)) and a different officer will "
        f"review it.\n\n{QUOTE}\n\nWe will send you our response by ((due_date)).",
        "your complaint ((reference)) is now at stage ((stage)). We will respond by ((due_date)).",
    ),
}

ACKNOWLEDGEMENT = "service_request.raised"
# The shipped acknowledgement's last sentence before the sign-off, per channel.
SURVEY_AFTER = {
    "email": "We will email you when it is done.",
    "text": "We aim to deal with it by ((due_date)).",
    "letter": "We will write to you when it is done.",
}


def forwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for event, channels in TEMPLATES.items():
        for channel, (subject, body) in channels.items():
            MessageTemplate.objects.get_or_create(
                event=event, channel=channel, council_service=None, defaults={"subject": subject, "body": body}
            )
    for template in MessageTemplate.objects.filter(event=ACKNOWLEDGEMENT, council_service=None):
        anchor = SURVEY_AFTER.get(template.channel)
        if anchor and "((survey_" not in template.body and template.body.count(anchor) == 1:
            template.body = template.body.replace(anchor, anchor + "((survey_invitation))")
            template.save(update_fields=["body"])


def backwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(event__in=TEMPLATES, council_service=None).delete()
    for template in MessageTemplate.objects.filter(event=ACKNOWLEDGEMENT, council_service=None):
        template.body = template.body.replace("((survey_invitation))", "")
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_default_templates")]

    operations = [migrations.RunPython(forwards, backwards)]
