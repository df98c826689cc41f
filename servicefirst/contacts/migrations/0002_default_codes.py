from django.db import migrations

WRAP_UP_CODES = [
    ("information-given", "Information given"),
    ("payment-taken", "Payment taken"),
    ("form-completed", "Form completed with the customer"),
    ("booking-made", "Appointment or booking made"),
    ("transferred", "Transferred to a client service"),
    ("call-dropped", "Call dropped or abandoned"),
    ("complaint-logged", "Complaint logged"),
]
AVOIDABLE_REASONS = [
    ("chasing-progress", "Chasing progress"),
    ("unclear-letter", "Unclear letter or form"),
    ("wrong-number", "Wrong number or wrong organisation"),
    ("duplicate", "Duplicate of a contact already made"),
    ("not-called-back", "Promised call back not made"),
    ("information-online", "Information available online"),
]
REFERRAL_REASONS = [
    ("specialist-advice", "Needs specialist advice"),
    ("outside-front-office", "Service not handled by the front office"),
    ("decision-needed", "Decision only the service can make"),
    ("visit-needed", "Needs a visit or inspection"),
    ("escalation", "Escalated by the customer"),
]


def add_codes(apps, schema_editor):
    for model_name, rows in (
        ("WrapUpCode", WRAP_UP_CODES),
        ("AvoidableReason", AVOIDABLE_REASONS),
        ("ReferralReason", REFERRAL_REASONS),
    ):
        model = apps.get_model("contacts", model_name)
        for code, label in rows:
            model.objects.get_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(add_codes, migrations.RunPython.noop)]
