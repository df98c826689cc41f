"""What residents complain about, service by service (by LGSL code), each with the theme it is recorded under, so
a complaint's summary always fits the service it names. Any service may also draw the general ones."""

# (theme code, summary)
GENERAL: tuple[tuple[str, str], ...] = (
    ("staff-conduct", "Officer was rude on the phone"),
    ("staff-conduct", "Kept waiting at the desk then turned away"),
    ("communication", "Promised call back never came"),
    ("communication", "Nobody answers my emails"),
    ("delay", "Still waiting for a reply after three weeks"),
)

BY_SERVICE: dict[int, tuple[tuple[str, str], ...]] = {
    57: (("charges", "Charged twice for council tax"), ("charges", "Bill is wrong after moving")),
    58: (("charges", "Refund not received"), ("wrong-decision", "Summons issued though I had paid")),
    59: (("wrong-decision", "Single person discount wrongly removed"), ("delay", "Discount form not processed")),
    60: (("wrong-decision", "Exemption refused for an empty property"),),
    63: (("delay", "Still waiting for a council tax support decision"), ("communication", "Letter was confusing")),
    70: (("delay", "Housing benefit stopped without warning"), ("wrong-decision", "Overpayment decision is wrong")),
    524: (
        ("missed-collection", "Bin missed again"),
        ("missed-collection", "Assisted collection missed"),
        ("quality", "Street left dirty after collection"),
    ),
    526: (("delay", "Replacement bin never delivered"), ("quality", "Bin damaged by the crew")),
    528: (
        ("missed-collection", "Bulky waste not collected on the day"),
        ("charges", "Charged for a collection not made"),
    ),
    530: (("missed-collection", "Garden waste not collected"), ("charges", "Paid for garden waste but no sticker")),
    533: (
        ("missed-collection", "Recycling not collected for two weeks"),
        ("policy", "Object to the recycling rules"),
    ),
    587: (("delay", "Fly-tip reported twice and still there"),),
    582: (("quality", "Street not swept for weeks"),),
    474: (("wrong-decision", "Refused a permit unfairly"), ("delay", "Permit not arrived in the post")),
    471: (("wrong-decision", "Disagree with the penalty charge"), ("policy", "Disagree with the parking zone")),
    545: (("quality", "Poor quality pavement repair"), ("delay", "Pothole reported months ago")),
    564: (("delay", "Street light out for a month"),),
    412: (("delay", "Noise team never came out"),),
    431: (("charges", "Charged for a pest control visit that failed"),),
    437: (("policy", "Unhappy with the library's opening hours"),),
    112: (("delay", "No housing advice appointment for weeks"), ("staff-conduct", "Not listened to at housing advice")),
    141: (("delay", "Repair not done after six weeks"), ("quality", "Poor quality repair")),
    364: (("communication", "Voter registration letter was confusing"),),
    4: (("delay", "Free school meals application not processed"),),
    319: (("delay", "No birth registration appointment within six weeks"),),
    321: (("staff-conduct", "Registrar was insensitive at a death registration"),),
}
