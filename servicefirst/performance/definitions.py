"""Plain-English definitions of every dashboard figure, each shown at `/staff/performance/definitions/#<id>`.

The dashboard links each figure to its definition by id, so a figure and what it means cannot drift apart unseen:
the tests check every figure the dashboard shows has an entry here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    meaning: str
    counted: str


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
            "The share of contacts resolved there and then, without a referral, a service request or another contact.",
            "Contacts whose outcome is 'Resolved at first contact', divided by all contacts in the period.",
        ),
        Definition(
            "average-transaction-time",
            "Average transaction time",
            "How long a contact takes on average, from its start to its end as logged, including wrap-up.",
            "The total time of all contacts in the period divided by the number of contacts.",
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
            "The same customer contacting again about the same service within the repeat window the council sets.",
            "Contacts flagged as repeats when they were logged, divided by all contacts in the period. "
            "Anonymous contacts can never be repeats.",
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
            "raised, in working days of the service's SLA after the day it was received.",
            "Requests resolved in the period (UK dates) whose resolution day is on or before the due date, divided "
            "by all requests resolved in the period. The directorate and client service are those of the queue "
            "that holds the request; the site is that of the contact it was raised from.",
        ),
        Definition(
            "open-overdue",
            "Open service requests overdue today",
            "Requests still open today whose due date has passed. This is a snapshot of today, whatever the period.",
            "Open requests (new, assigned, in progress, awaiting the customer or reopened) due before today.",
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
