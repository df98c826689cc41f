"""What an administrator sets up in the admin before the contact centre opens: question sets for the services
that take requests, the client service whose referrals a team manager must authorise, and one service's own
message wording. None of these has a service function (the admin saves them as they are), so neither does the
demo."""

from servicefirst.catalogue.models import CouncilService
from servicefirst.contacts.models import ReferralRule
from servicefirst.notifications.models import MessageChannel, MessageTemplate
from servicefirst.organisation.selectors import client_services_by_code
from servicefirst.servicerequests.models import Question, QuestionKind, QuestionSet

# The benefits team asked for calls put through to it to be authorised by a team manager first.
AUTHORISED_REFERRALS = "benefits"

BIN_TYPES = "Refuse (black)\nRecycling (blue)\nGarden waste (green)\nFood waste"
PERMIT_TYPES = "Resident\nVisitor\nBusiness\nCarer"
ZONES = "Zone A\nZone B\nZone C\nZone D"
FLY_TIPS = "Household bags\nFurniture or mattresses\nBuilding rubble\nFridge or white goods\nOther"

# LGSL code: (guidance, [(key, label, kind, choices, required)])
QUESTION_SETS: dict[int, tuple[str, list[tuple[str, str, str, str, bool]]]] = {
    524: (
        "Check the collection calendar for the street before raising a missed bin; rounds change on bank holiday "
        "weeks.",
        [
            ("address", "Address of the missed collection", QuestionKind.ADDRESS, "", True),
            ("bin_type", "Which bin was missed?", QuestionKind.CHOICE, BIN_TYPES, True),
            ("collection_day", "When should it have been collected?", QuestionKind.DATE, "", True),
            ("bin_out_by_7", "Was the bin out by 7am?", QuestionKind.YES_NO, "", False),
        ],
    ),
    528: (
        "Take payment before booking. The crew cannot enter homes.",
        [
            ("address", "Collection address", QuestionKind.ADDRESS, "", True),
            ("items", "What are the items?", QuestionKind.TEXTAREA, "", True),
            ("left_at", "Where will the items be left?", QuestionKind.TEXT, "", True),
        ],
    ),
    474: (
        "Residents need proof of address and the vehicle's V5C logbook.",
        [
            ("permit_type", "Which permit?", QuestionKind.CHOICE, PERMIT_TYPES, True),
            ("vehicle_registration", "Vehicle registration", QuestionKind.TEXT, "", True),
            ("zone", "Parking zone", QuestionKind.CHOICE, ZONES, True),
        ],
    ),
    471: (
        "Challenges must be in writing or online; log what the customer says and the PCN number.",
        [
            ("pcn_number", "Penalty charge notice number", QuestionKind.TEXT, "", True),
            ("vehicle_registration", "Vehicle registration", QuestionKind.TEXT, "", True),
            ("grounds", "Why does the customer challenge it?", QuestionKind.TEXTAREA, "", True),
        ],
    ),
    587: (
        "Ask for the exact location and what has been dumped. Do not ask the caller to move anything.",
        [
            ("location", "Exactly where is it?", QuestionKind.TEXT, "", True),
            ("what", "What has been dumped?", QuestionKind.CHOICE, FLY_TIPS, True),
            ("blocking", "Is it blocking the pavement or road?", QuestionKind.YES_NO, "", True),
        ],
    ),
}

MISSED_BIN_RESOLVED = {
    MessageChannel.EMAIL: (
        "Your missed bin has been collected: ((reference))",
        "Dear ((name))\n\nOur crew has been back to collect your bin.\n\n((message))\n\nIf it is still not "
        "emptied, reply to this email quoting ((reference)) and we will send the crew again today.\n\n"
        "((council_name)) waste and recycling",
    ),
    MessageChannel.TEXT: (
        "",
        "((council_name)): your missed bin ((reference)) has been collected. ((message)) Still not emptied? "
        "Call 020 7946 0202 quoting ((reference)).",
    ),
}


def demo_configuration_load(*, services: dict[int, CouncilService]) -> None:
    for code, (guidance, questions) in QUESTION_SETS.items():
        question_set = QuestionSet.objects.create(council_service=services[code], guidance=guidance)
        Question.objects.bulk_create(
            Question(
                question_set=question_set,
                order=order,
                key=key,
                label=label,
                kind=kind,
                choices=choices,
                required=required,
            )
            for order, (key, label, kind, choices, required) in enumerate(questions, start=1)
        )
    benefits = client_services_by_code(codes={AUTHORISED_REFERRALS})[AUTHORISED_REFERRALS]
    ReferralRule.objects.create(client_service=benefits, needs_authorisation=True)
    for channel, (subject, body) in MISSED_BIN_RESOLVED.items():
        MessageTemplate.objects.create(
            event="service_request.resolved",
            council_service=services[524],
            channel=channel,
            subject=subject,
            body=body,
        )
