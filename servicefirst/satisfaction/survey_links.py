"""Puts the satisfaction survey into customers' messages about a service request raised from a contact.

Templates may use ((survey_link)), the bare address, where a council writes its own wording, or
((survey_invitation)), a sentence with the address that is empty when there is nothing to survey (a request
raised through the API or the portal has no contact), so one template serves every request.
"""

from django.core.exceptions import ObjectDoesNotExist

from servicefirst.satisfaction.links import survey_link_url
from servicefirst.servicerequests.selectors import service_request_get

INVITATIONS = {
    "email": "\n\nHow did we do when you contacted us? Tell us in one click: {url}",
    "text": " How did we do? Tell us: {url}",
    "letter": "\n\nHow did we do when you contacted us? Tell us at {url}",
}
NO_SURVEY = {"survey_invitation": ""}


def survey_link_values(*, customer, channel: str, council_service_id: int | None, reference: str) -> dict[str, str]:
    if not reference.upper().startswith("SR-"):
        return NO_SURVEY
    try:
        service_request = service_request_get(reference=reference)
    except ObjectDoesNotExist:
        return NO_SURVEY
    if service_request.contact_id is None:
        return NO_SURVEY
    # The link records whether it came by email, text or letter: the channel the message will take.
    url = survey_link_url(contact_id=service_request.contact_id, medium=channel)
    invitation = INVITATIONS.get(channel, INVITATIONS["email"]).format(url=url)
    return {"survey_link": url, "survey_invitation": invitation}
