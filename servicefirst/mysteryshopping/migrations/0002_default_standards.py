from django.db import migrations

ALL = ["phone", "face_to_face", "email", "web_form", "webchat"]
# The corporate customer care standards a council starts from; it rewords, reweighs or retires them in the admin.
STANDARDS = [
    ("phone-answered-20-seconds", "Phone answered within 20 seconds", ["phone"], 2, 10),
    ("officer-gave-name", "Officer gave their name", ["phone", "face_to_face", "webchat"], 1, 20),
    ("visitor-seen-15-minutes", "Visitor seen within 15 minutes", ["face_to_face"], 2, 30),
    ("email-answered-5-days", "Email answered within 5 working days", ["email", "web_form"], 2, 40),
    ("accurate-information", "Accurate information given", ALL, 3, 50),
    ("polite-and-helpful", "Polite and helpful", ALL, 2, 60),
]


def add_standards(apps, schema_editor):
    standard = apps.get_model("mysteryshopping", "Standard")
    for code, text, channels, weight, order in STANDARDS:
        standard.objects.get_or_create(
            code=code, defaults={"text": text, "channels": channels, "weight": weight, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("mysteryshopping", "0001_initial")]

    operations = [migrations.RunPython(add_standards, migrations.RunPython.noop)]
