"""Plain-English definitions of every dashboard figure, each shown at `/staff/performance/definitions/#<id>`.

The dashboard links each figure to its definition by id, so a figure and what it means cannot drift apart unseen:
the tests check every figure the dashboard shows has an entry here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a definition comes from, with what it says in our words; `docs/MEASURES.md` gives the reasoning."""

    name: str
    url: str
    says: str


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    meaning: str
    counted: str
    sources: tuple[Source, ...] = ()


_PRIMER = "Service First's primer on the measures councils report (docs/MEASURES.md)"
_NET_FCR = Source(
    "RingCentral, Call center management: gross and net first-call resolution",
    "https://origin-aws78.ringcentral.com/call-center-management.html",
    "Gross FCR divides the contacts resolved first time by every incoming contact; net FCR first takes away the "
    "contacts that could not be resolved on that contact, so the rate is not distorted by them.",
)
_FCR_PRIMER = Source(
    _PRIMER,
    "",
    "First-contact resolution is the contacts resolved without a referral or a follow-up, over the contacts.",
)
_REPEAT_SOURCES = (
    Source(_PRIMER, "", "A repeat contact is the same customer about the same matter again within a window."),
    Source(
        "Call Centre Helper, How do you measure repeat call rate?",
        "https://www.callcentrehelper.com/forum/how-do-you-measure-repeat-call-rate-116577.htm",
        "Repeats are found by matching contacts from the same account about the same thing within a number of "
        "days, so only contacts tied to a customer can be matched at all.",
    ),
    Source(
        "Eurogroup Consulting, The repeat rate",
        "https://www.eurogroupconsulting.com/en/publications/article/"
        "the-reiteration-rate-the-most-underestimated-indicator-of-customer-experience",
        "The repeat rate is the share of contacts from customers who had already contacted the organisation about "
        "the same subject within the previous days, measured across every channel.",
    ),
)
_TIME_SOURCES = (
    Source(_PRIMER, "", "Average transaction (handling) time is talk or desk time plus wrap-up, per contact."),
    Source(
        "conntac, What is AHT?",
        "https://www.conntac.net/en/knowhow/aht/",
        "Average handling time is worked out separately for telephone, chat and email, each from its own times "
        "and its own number of contacts.",
    ),
    Source(
        "C-Zentrix, Average handle time",
        "https://www.c-zentrix.com/glossary/average-handle-time-aht",
        "Email and other case-based contacts take longer than calls or chats, so no single benchmark fits them all.",
    ),
)


_PERIOD = "Contacts count in the period when they started, by the day in UK time."
_FILTERS = (
    "The site filter keeps contacts at that site; the directorate and client service filters keep contacts about a "
    "service that belongs to them."
)

DEFINITIONS: dict[str, Definition] = {
    d.id: d
    for d in (
        Definition(
            "contacts",
            "Contacts",
            "Every interaction with a customer on any channel that an officer or a system logged.",
            f"{_PERIOD} {_FILTERS}",
        ),
        Definition(
            "contacts-by-channel",
            "Contacts by channel",
            "How customers reached the council: phone, face to face, email, web form, letter, webchat, social media, "
            "BSL video relay or text relay.",
            f"{_PERIOD} Every channel is listed, including those with no contacts.",
        ),
        Definition(
            "contacts-by-site",
            "Contacts by site",
            "Where face-to-face (and any other site-based) contacts took place. Contacts on remote channels have no "
            "site and are counted in one row of their own.",
            _PERIOD,
        ),
        Definition(
            "contacts-by-service",
            "Contacts by service",
            "The council services contacts were about, most contacted first. The ten largest are listed; every "
            "other service is added into one row so the table adds up to all contacts. Failed contacts may name no "
            "service.",
            _PERIOD,
        ),
        Definition(
            "contacts-by-hour",
            "Contacts by hour of day",
            "When in the day contacts started, in UK time, hour by hour, to show peaks for staffing.",
            _PERIOD,
        ),
        Definition(
            "first-contact-resolution",
            "First-contact resolution",
            "The share of contacts the front office could resolve that it resolved there and then, without a "
            "referral, a service request or another contact. As councils and the contact-centre industry count it, "
            "a contact that failed or was abandoned before anyone could help (a dropped call, a caller who rang "
            "off) is left out, because no one had the chance to resolve it.",
            "Contacts whose outcome is 'Resolved at first contact', divided by the contacts in the period whose "
            "outcome is anything but 'Failed or abandoned'. Contacts referred to a client service, those that raised "
            "a service request and those signposted elsewhere stay in: the front office handled them and did not "
            "resolve them there and then, which is what this figure measures. Leaving referrals out would make the "
            "figure rise as more work is passed to the back office.",
            (_FCR_PRIMER, _NET_FCR),
        ),
        Definition(
            "first-contact-resolution-all-contacts",
            "First-contact resolution over all contacts",
            "The same resolved contacts over every contact, failed and abandoned ones included: the figure as the "
            "dashboard first reported it, kept so this year can be compared with earlier reports. It is lower than "
            "first-contact resolution by as much as contacts fail.",
            "Contacts whose outcome is 'Resolved at first contact', divided by all contacts in the period.",
            (_FCR_PRIMER, _NET_FCR),
        ),
        Definition(
            "average-transaction-time",
            "Average transaction time, all channels together",
            "How long a contact takes on average, from its start to its end as logged, including wrap-up, with every "
            "channel blended into one figure. A call, a visit to a desk and an email take very different times, so "
            "this figure moves with the mix of channels as much as with how quickly each is handled; read each "
            "channel's own under transaction time by channel.",
            "The total time of all contacts in the period divided by the number of contacts. Failed contacts count "
            "too: an officer spent that time on them.",
            _TIME_SOURCES,
        ),
        Definition(
            "transaction-time-by-channel",
            "Transaction time by channel",
            "How long a contact takes on average on each channel (phone, face to face, email and the rest), from "
            "its start to its end as logged, including wrap-up: the figure councils and contact centres compare, "
            "and the basis for staffing each channel.",
            "For each channel, the total time of its contacts in the period divided by the number of its contacts; "
            "'No data' where a channel had none. The total is in minutes to one decimal place. Failed contacts "
            "count too: an officer spent that time on them.",
            _TIME_SOURCES,
        ),
        Definition(
            "avoidable-contact",
            "Avoidable contact",
            "Contacts that need not have happened: chasing progress, not understanding a letter, information "
            "missing online, a wrong number, or a repeat because something failed (the former NI14).",
            "Contacts the officer marked avoidable, with a reason, divided by all contacts in the period.",
        ),
        Definition(
            "repeat-contact",
            "Repeat contact",
            "The share of contacts from a known customer that were the same customer contacting again about the "
            "same service within the repeat window the council sets. Only a contact with a known customer can ever "
            "be matched to an earlier one, so anonymous contacts are left out, as councils and contact centres "
            "count repeats.",
            "Contacts flagged as repeats, divided by the contacts in the period that name a customer.",
            _REPEAT_SOURCES,
        ),
        Definition(
            "repeat-contact-all-contacts",
            "Repeat contact over all contacts",
            "The same repeats over every contact, anonymous ones included: the figure as the dashboard first "
            "reported it, kept so this year can be compared with earlier reports. It falls as more contacts are "
            "anonymous, whatever happens to repeats.",
            "Contacts flagged as repeats, divided by all contacts in the period.",
            _REPEAT_SOURCES,
        ),
        Definition(
            "satisfaction",
            "Satisfaction",
            "The share of customers answering the satisfaction question who were satisfied or very satisfied "
            "(4 or 5 on the 5-point scale). Those who did not answer are not counted.",
            "Answers about contacts that started in the period, by the contact's site and service. "
            "Officers choose whom they ask on the phone, so the figure may flatter.",
        ),
        Definition(
            "sla-compliance",
            "Service requests resolved on time",
            "The share of service requests resolved by their due date. The due date is fixed when the request is "
            "raised, in working days of the service's SLA after the day it was received, and moved later by the "
            "working days the SLA was paused while the council waited for the customer.",
            "Requests resolved in the period (UK dates) whose resolution day is on or before the due date, divided "
            "by all requests resolved in the period. The directorate and client service are those of the queue "
            "that holds the request; the site is that of the contact it was raised from.",
        ),
        Definition(
            "sla-by-client-service",
            "Service requests resolved on time by client service",
            "For each client service, the share of its service requests resolved by their due date, beside the "
            "target the service agreed with the front office.",
            "Counted as service requests resolved on time, by the client service whose queue held each request when "
            "it was resolved. The target is met when the share is at least the target.",
        ),
        Definition(
            "open-overdue",
            "Open service requests overdue today",
            "Requests still open today whose due date has passed. This is a snapshot of today, whatever the period.",
            "Open requests (new, assigned, in progress or reopened) due before today. A request awaiting the "
            "customer has its SLA paused, so it is never overdue.",
        ),
        Definition(
            "open-paused",
            "Open service requests with the SLA paused today",
            "Requests awaiting the customer today. Their SLA clock is stopped until the customer answers, so they are "
            "not counted as overdue. This is a snapshot of today, whatever the period.",
            "Open requests in the status awaiting customer, out of all open requests.",
        ),
        Definition(
            "working-days-paused",
            "Working days the SLA was paused",
            "The England and Wales working days requests waited on their customers, added over the pauses that ended "
            "in the period. Each pause moved its request's due date later by its length, so resolutions are judged "
            "against the moved date.",
            "A pause counts the working days after the day it began up to the day it ended (UK dates), so a pause "
            "begun and ended on one day counts none. Counted by the day it ended; the directorate, client service "
            "and site are the request's.",
        ),
        Definition(
            "complaints-received",
            "Corporate complaints received",
            "Complaints under the council's corporate complaints procedure received in the period. Statutory adults' "
            "and children's social care complaints follow their own procedures and are reported separately. "
            "Compliments and comments are not complaints.",
            "Counted by the day received. Complaints name no site, so the site filter does not change this figure.",
        ),
        Definition(
            "complaints-on-time",
            "Complaint responses on time",
            "The share of corporate complaint responses sent by their deadline (or by the extended deadline when "
            "the complaint was extended and the customer told).",
            "Every stage responded to in the period counts once: stage 1 and stage 2 responses alike. The site "
            "filter does not change this figure.",
        ),
    )
}


def definition_get(definition_id: str) -> Definition:
    return DEFINITIONS[definition_id]


def definitions_all() -> list[Definition]:
    return list(DEFINITIONS.values())
