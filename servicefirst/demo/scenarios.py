"""What the demo borough's residents contact the council about, keyed by LGSL code, and the words officers
and client services write back. Weights follow the mix a London borough's contact centre reports: council
tax, benefits, bins and parking are most of the work."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    weight: int
    reasons: tuple[str, ...]


# Services the front office answers; the weight is how often residents ask about each.
TOPICS: dict[int, Topic] = {
    57: Topic(
        14, ("Asked why this year's bill has gone up", "Bill sent in the wrong name", "Wants to pay by direct debit")
    ),
    58: Topic(12, ("Balance query after moving home", "Missed an instalment and got a reminder", "Wants a refund")),
    59: Topic(6, ("Applying for single person discount", "Partner has moved out", "Asked about the student discount")),
    60: Topic(2, ("Property empty after the owner died", "Exemption for a resident now in a care home")),
    56: Topic(2, ("Small business rate relief query", "New tenant of a shop on Mare Street")),
    63: Topic(6, ("New claim after losing their job", "Help with the council tax support form")),
    70: Topic(6, ("Change in income to report", "Asked why payments have stopped", "Landlord not paid this month")),
    524: Topic(10, ("Bin not collected on collection day", "Crew left rubbish in the street", "Bank holiday rounds")),
    526: Topic(5, ("Wheelie bin stolen", "Bin damaged by the collection lorry", "New household needs bins")),
    528: Topic(4, ("Booking a sofa and mattress collection", "Fridge freezer to collect")),
    530: Topic(2, ("Garden waste subscription", "Garden waste bin not emptied")),
    533: Topic(4, ("Recycling box not emptied", "Which plastics go in the blue bin")),
    587: Topic(3, ("Mattresses dumped in the alley", "Black bags dumped by the estate bins")),
    582: Topic(2, ("Litter along the high road", "Broken glass on the pavement")),
    584: Topic(1, ("Graffiti on the bus shelter",)),
    577: Topic(1, ("Dog fouling outside the primary school",)),
    372: Topic(1, ("Car with no tax parked for three weeks",)),
    474: Topic(8, ("Renewing a resident permit", "Buying visitor permits", "Permit not arrived in the post")),
    471: Topic(5, ("Wants to challenge a penalty charge notice", "Paid the PCN but got a charge certificate")),
    279: Topic(2, ("Asked how to apply for a Blue Badge", "Blue Badge renewal")),
    564: Topic(2, ("Street light out outside their home", "Street light on all day")),
    545: Topic(3, ("Pothole in the road", "Uneven paving stone, neighbour tripped")),
    412: Topic(2, ("Neighbour playing loud music at night", "Building work starting at 6am")),
    431: Topic(2, ("Rats in the back garden", "Wasps nest under the eaves")),
    437: Topic(2, ("Renewing library books", "Asked about the computer sessions")),
    438: Topic(1, ("Joining the library for a child",)),
    112: Topic(2, ("Served with an eviction notice", "Sofa surfing and needs housing advice")),
    225: Topic(1, ("Caring for a parent and needs support",)),
    319: Topic(2, ("Booking an appointment to register a birth",)),
    321: Topic(2, ("Booking an appointment to register a death",)),
    876: Topic(1, ("Giving notice of marriage",)),
    364: Topic(2, ("Registering to vote after moving", "Not on the electoral register")),
    4: Topic(2, ("Applying for free school meals",)),
}

# Services the council does not deliver through the front office: officers give the right number.
SIGNPOSTED: dict[int, tuple[str, ...]] = {
    141: ("Gave the ALMO repairs number for a leaking roof", "Gave the ALMO repairs number for a broken boiler"),
    120: ("Gave the ALMO rent line", "Explained how to pay rent through the ALMO"),
    116: ("Gave the ALMO income team's number",),
    487: ("Sent to the planning portal to comment on an application",),
    499: ("Gave building control's email address",),
}
# Referrals: the client services that need a team manager's authorisation are set in the demo's configuration.
REFERRED: dict[int, tuple[str, str]] = {
    63: ("specialist-advice", "Complex self-employed income: needs a benefits assessor"),
    70: ("decision-needed", "Overpayment query: only the benefits team can decide"),
    60: ("decision-needed", "Exemption needs a revenues officer's decision"),
    56: ("outside-front-office", "Business rates not yet in the front office"),
    526: ("visit-needed", "Block of flats needs its bin store assessed"),
    587: ("visit-needed", "Large fly-tip on private land: needs an enforcement visit"),
    545: ("visit-needed", "Sunken drain cover: needs an inspection"),
    564: ("visit-needed", "Column leaning after a car hit it"),
    412: ("specialist-advice", "Repeated late-night noise: needs the noise team"),
    471: ("decision-needed", "Customer disputes the PCN: parking must decide"),
    112: ("escalation", "Homeless tonight: passed to the housing advice duty officer"),
    225: ("specialist-advice", "Carer's assessment requested"),
    372: ("visit-needed", "Abandoned van: needs a check before removal"),
}

FAILED = ("Caller rang off before saying what it was about", "Webchat ended by the customer", "Line went dead")
CHASES = ("Chasing progress", "Asked when someone will get back to them", "Promised call back not received")
CALL_BACKS = ("Called back with the outcome", "Called back to confirm the arrangements", "Returned a missed call")

# Agreed actions: (what, owned by the client service rather than the officer).
ACTIONS: dict[int, tuple[str, bool]] = {
    57: ("Email the customer the direct debit form", False),
    58: ("Call back once the revenues team has confirmed the refund", False),
    59: ("Post the single person discount form", False),
    70: ("Call back with the date the next payment will be made", False),
    526: ("Deliver a replacement bin", True),
    528: ("Confirm the bulky collection date by text", True),
    530: ("Send the garden waste sticker", True),
    474: ("Post the visitor permits", True),
    431: ("Book a pest control visit", True),
    364: ("Send the voter registration form", False),
}

REQUEST_NOTES = (
    "Crew supervisor asked to check the round sheet",
    "Checked the customer's account: nothing outstanding",
    "Photos received and added to the case",
    "Spoke to the customer to confirm the details",
)
CUSTOMER_UPDATES = (
    "We have booked the work for later this week.",
    "We have checked the details and are arranging the next step.",
)
# What the client service asks the customer for, and tells them when it is done, by LGSL code.
REQUEST_WORDS: dict[int, tuple[str, str]] = {
    524: ("Please tell us if the bin was out by 7am.", "Our crew came back and emptied the bin."),
    526: ("Please send us a photo of the damaged bin.", "Your new bin has been delivered."),
    528: ("Please confirm where the items will be left.", "The items have been collected."),
    533: ("Please tell us which recycling container was missed.", "Our crew came back and emptied your recycling."),
    474: ("Please send a copy of your vehicle's V5C logbook.", "Your permit has been issued and posted to you."),
    471: ("Please send us a photo of the signs where you parked.", "We have cancelled the penalty charge notice."),
    587: ("Please tell us if the waste is on private land.", "We have cleared the waste and cleaned the area."),
    582: ("Please tell us the nearest house number.", "The street has been swept."),
}
REOPENED = ("The customer says the problem is back", "The customer says the work was not done")
DECLINES = (
    "The front office can answer this: the claim is being assessed within the normal time",
    "Not enough information yet: take proof of income first and refer again",
)
