from django.db import migrations

CHC = "LGSCO and Housing Ombudsman joint Complaint Handling Code"
CHILDREN = "Children Act 1989 Representations Procedure (England) Regulations 2006"
ADULTS = "Local Authority Social Services and NHS Complaints (England) Regulations 2009"

# (procedure, stage, name, acknowledge_days, respond_days, respond_unit, from_acknowledgement, max_extension, source)
RULES = [
    ("corporate", 1, "Stage 1", 5, 10, "working_days", True, 10, f"{CHC}, paras 6.2-6.5"),
    ("corporate", 2, "Stage 2", 5, 20, "working_days", True, 20, f"{CHC}, stage 2"),
    ("children_statutory", 1, "Stage 1: local resolution", None, 10, "working_days", False, 10, f"{CHILDREN}, reg 14"),
    ("children_statutory", 2, "Stage 2: investigation", None, 25, "working_days", False, 40, f"{CHILDREN}, reg 17"),
    ("children_statutory", 3, "Stage 3: review panel", None, 30, "working_days", False, None, f"{CHILDREN}, reg 19"),
    ("adults_statutory", 1, "Response to the agreed plan", 3, 6, "months", False, None, f"{ADULTS}, regs 13-14"),
]

TEAMS = [
    ("Corporate complaints team", "corporate"),
    ("Adults' social care complaints team", "adults_statutory"),
    ("Children's social care complaints team", "children_statutory"),
]

THEMES = [
    ("missed-collection", "Missed or late collection"),
    ("delay", "Delay in providing a service"),
    ("staff-conduct", "Staff conduct or attitude"),
    ("wrong-decision", "Disagree with a decision"),
    ("communication", "Poor or no communication"),
    ("policy", "Disagree with a council policy"),
    ("quality", "Quality of the service"),
    ("charges", "Charges, bills or payments"),
]


def add_defaults(apps, schema_editor):
    rule_model = apps.get_model("complaints", "DeadlineRule")
    for procedure, stage, name, ack, respond, unit, from_ack, extension, source in RULES:
        rule_model.objects.get_or_create(
            procedure=procedure,
            stage=stage,
            defaults={
                "name": name,
                "acknowledge_days": ack,
                "respond_days": respond,
                "respond_unit": unit,
                "from_acknowledgement": from_ack,
                "max_extension_days": extension,
                "source": source,
            },
        )
    team_model = apps.get_model("complaints", "ComplaintsTeam")
    for name, procedure in TEAMS:
        team_model.objects.get_or_create(name=name, defaults={"procedure": procedure, "is_default": True})
    theme_model = apps.get_model("complaints", "ComplaintTheme")
    for code, label in THEMES:
        theme_model.objects.get_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
