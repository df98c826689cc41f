"""What an administrator sets up in the admin before the contact centre opens: question sets for the services
that take requests, the client service whose referrals a team manager must authorise, and one service's own
message wording. None of these has a service function (the admin saves them as they are), so neither does the
demo. The plain-English wording residents read for each service is the exception: it goes through the catalogue's
service, as the admin's form keeps the same rules."""

from servicefirst.catalogue.models import CouncilService
from servicefirst.catalogue.selectors import council_services_by_lgsl_code
from servicefirst.catalogue.services import council_service_update
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

# What residents read on the portal, in place of the LGSL's wording: LGSL code: (name residents see, summary,
# description). The council edits these in the catalogue admin.
SERVICE_WORDING: dict[int, tuple[str, str, str]] = {
    57: (
        "Council tax bills",
        "Understand your council tax bill, what band your home is in and when to pay.",
        "We send every household its council tax bill in March for the year from April.\n\n"
        "Contact us if your bill looks wrong, you have not had one or you want to pay in 12 instalments instead of 10.",
    ),
    58: (
        "Council tax: your account",
        "Check your balance, change how you pay or tell us you are moving home.",
        "Tell us when you move in or out of the borough, or if you are having trouble paying, so we can help "
        "before the amount you owe grows.",
    ),
    59: (
        "Council tax discounts",
        "Get 25% off your council tax if you live alone, and other discounts.",
        "If you are the only adult (18 or over) living in your home you can get a single person discount of 25%.\n\n"
        "There are other discounts for homes where someone is disabled, a student or a carer.",
    ),
    60: (
        "Council tax exemptions",
        "Find out if you do not have to pay council tax, for example if everyone at home is a student.",
        "Some homes pay no council tax: where everyone is a full-time student, the home is empty after a death, or "
        "the person who lived there has gone into care.",
    ),
    56: (
        "Business rates",
        "Pay your business rates or ask about your bill.",
        "Business rates are the tax on shops, offices and other business premises. Contact us about your bill, "
        "paying in instalments or rate relief for small businesses.",
    ),
    63: (
        "Council tax reduction",
        "Apply for help to pay your council tax if you are on a low income or benefits.",
        "If you are on a low income or get benefits you may pay less council tax. You will need proof of your "
        "income, savings and who lives with you.",
    ),
    70: (
        "Housing benefit",
        "Ask about your housing benefit claim or tell us about a change.",
        "Tell us straight away if your income, rent or who lives with you changes, so you are paid the right amount.",
    ),
    524: (
        "Report a missed bin",
        "Tell us if we did not empty your bin on collection day, and find out when your bins are collected.",
        "Report a missed bin collection if your bin was out by 7am on collection day and we did not empty it.\n\n"
        "Rounds can change in weeks with a bank holiday, so check your collection day first.",
    ),
    526: (
        "Order a new or replacement bin",
        "Ask for a new, replacement or extra wheelie bin or recycling box.",
        "Ask for a bin if yours is lost, stolen or broken, or you have moved into a new home without one.",
    ),
    528: (
        "Book a bulky waste collection",
        "Book a collection of large items such as furniture, mattresses or fridges. There is a charge.",
        "We collect up to 5 large items from outside your home. You pay when you book.\n\n"
        "Our crew cannot come into your home, so leave the items outside by 7am on the day.",
    ),
    530: (
        "Garden waste collections",
        "Sign up for fortnightly collections of grass, leaves and hedge cuttings.",
        "Put grass, leaves, branches and plants in your green garden waste bin. No food, soil or plastic bags.",
    ),
    533: (
        "Recycling collections",
        "What goes in your recycling bin, and how to report a missed recycling collection.",
        "Put paper, card, cans, glass and plastic bottles and tubs in your blue recycling bin, loose, not in bags.",
    ),
    587: (
        "Report fly-tipping",
        "Tell us about rubbish dumped in the street, a park or an alleyway.",
        "Tell us exactly where the rubbish is and what has been dumped. Do not touch it: it may be dangerous.",
    ),
    582: (
        "Report a dirty street",
        "Tell us about litter, broken glass or a street that needs sweeping.",
        "We sweep every street on a regular round. Tell us about litter, spills or broken glass between sweeps.",
    ),
    584: (
        "Report graffiti",
        "Ask us to remove graffiti from a public place. We remove offensive graffiti within a day.",
        "We remove graffiti from council property and public places. Tell us where it is and what it says if it "
        "is offensive.",
    ),
    577: (
        "Report dog fouling",
        "Tell us where dog mess is a problem so we can clean it up and patrol there.",
        "Tell us the street or park and the times you see it happen. Our officers can fine people who do not clear "
        "up after their dog.",
    ),
    372: (
        "Report an abandoned vehicle",
        "Tell us about a car or van that looks abandoned in the street.",
        "Tell us the registration, make, colour and where it is. A vehicle with no tax is reported to the DVLA.",
    ),
    474: (
        "Parking permits",
        "Apply for or renew a resident, visitor, business or carer parking permit.",
        "You need a parking permit to park in a controlled parking zone in the times on the signs.\n\n"
        "You will need proof of your address and your vehicle's logbook (V5C).",
    ),
    471: (
        "Parking fines",
        "Pay or challenge a parking fine (penalty charge notice, or PCN).",
        "Pay within 14 days to pay half the fine. If you think the fine is wrong you can challenge it online or "
        "in writing: have your PCN number ready.",
    ),
    279: (
        "Blue Badge",
        "Apply for or renew a Blue Badge so you can park closer to where you are going if you are disabled.",
        "A Blue Badge lets you park closer to where you need to go if you have a disability or health condition "
        "that makes walking difficult. You can use it as a driver or a passenger.\n\n"
        "Apply or renew on GOV.UK, or call us and we will help you apply.",
    ),
    564: (
        "Report a broken street light",
        "Tell us about a street light that is out, flickering or on during the day.",
        "Each street light has a number on its post: tell us the number, or the nearest house number.",
    ),
    545: (
        "Report a pothole or broken pavement",
        "Tell us about potholes, broken paving slabs or other damage to roads and pavements.",
        "Tell us exactly where the damage is. If it is dangerous, for example a deep hole in the road, call us "
        "straight away.",
    ),
    550: (
        "Report something blocking a road or pavement",
        "Tell us about skips, scaffolding or building materials blocking a road or pavement.",
        "Skips and scaffolding on the road or pavement need our licence. Tell us where it is and how long it has "
        "been there.",
    ),
    487: (
        "Planning applications",
        "Apply for planning permission, or comment on a neighbour's application.",
        "You may need planning permission to build, extend or change the use of a building.",
    ),
    499: (
        "Building regulations",
        "Get building regulations approval for building work.",
        "Most building work must meet the building regulations, for example for safety, insulation and drainage.",
    ),
    412: (
        "Report noise",
        "Tell us about noise from a neighbour, a party, a business or building work.",
        "Our noise team can visit while the noise is happening on Thursday to Sunday nights.",
    ),
    431: (
        "Pest control",
        "Book pest control for rats, mice, cockroaches, bedbugs or wasps in your home.",
        "We treat homes for rats, mice, cockroaches, bedbugs, fleas and wasps. There is a charge, except for "
        "council tenants.",
    ),
    437: (
        "Libraries",
        "Find a library, its opening times, and renew or reserve books.",
        "Our libraries lend books, e-books and audiobooks and have free computers and wifi.",
    ),
    438: (
        "Join the library",
        "Get a free library card.",
        "Anyone who lives, works or studies in the borough can join. Bring proof of your address.",
    ),
    112: (
        "Homelessness: get help",
        "Get help if you are homeless or might lose your home.",
        "Contact us as soon as you think you might lose your home, for example if you have been told to leave.\n\n"
        "If you have nowhere to stay tonight, call us or come to a customer service centre straight away.",
    ),
    312: (
        "Adult social care out of hours",
        "Get urgent help for an adult at risk in the evening, at night or at the weekend.",
        "If someone is in danger now, call 999.",
    ),
    225: (
        "Help for carers",
        "Get support if you look after someone who is ill, disabled or older.",
        "If you look after someone, you can ask us for a carer's assessment to see what help you can get.",
    ),
    319: (
        "Register a birth",
        "Book an appointment to register a baby's birth. You must do this within 42 days.",
        "You must register a birth within 42 days. Book an appointment at the register office.",
    ),
    321: (
        "Register a death",
        "Book an appointment to register a death. You should do this within 5 days.",
        "At the appointment we can also tell other government services for you (Tell Us Once).",
    ),
    876: (
        "Give notice of marriage or civil partnership",
        "Book an appointment to give notice before you get married or form a civil partnership.",
        "You must give notice at least 29 days before your ceremony. Both of you need to come, with proof of your "
        "identity and address.",
    ),
    364: (
        "Register to vote",
        "Register to vote or change your details on the electoral register.",
        "You can register online on GOV.UK. Tell us if someone has moved out or died.",
    ),
    4: (
        "Free school meals",
        "Apply for free school meals if you get certain benefits.",
        "Your child may get free school meals if you get benefits such as Universal Credit.",
    ),
    12: (
        "Nursery places",
        "Find and apply for a nursery place and free early education.",
        "All 3 and 4 year olds, and some 2 year olds, can get free hours of early education.",
    ),
    141: (
        "Council housing repairs",
        "Report a repair in a council home, such as a leak, broken heating or damp.",
        "If you rent your home from the council, report repairs to the housing repairs team. Call straight away "
        "about a gas leak, flooding or no heating.",
    ),
    120: (
        "Pay your council rent",
        "Pay the rent on your council home or check your rent account.",
        "You can pay your rent by direct debit, online or by phone.",
    ),
    116: (
        "Help with rent arrears",
        "Get help if you are behind with the rent on your council home.",
        "Contact us as soon as you fall behind with your rent, so we can agree a plan with you.",
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


def demo_service_wording_load() -> None:
    services = council_services_by_lgsl_code(codes=set(SERVICE_WORDING))
    for code, (public_name, summary, description) in SERVICE_WORDING.items():
        if code in services:
            council_service_update(
                council_service=services[code], public_name=public_name, summary=summary, description=description
            )


def demo_configuration_load(*, services: dict[int, CouncilService]) -> None:
    demo_service_wording_load()
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
