"""What to do next after a contact is saved: a hook the apps that do it add to in their `hooks.py` (see
`core.hooks`), so contacts never import them.

Service requests register the page that raises a request for the outcome "service request raised";
the saved-contact banner then links there with the contact, its customer and service filled in.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from servicefirst.core import hooks

CONTACT_FOLLOWUPS = "contact_followups"


@dataclass(frozen=True)
class FollowUp:
    outcome: str
    label: str
    url_name: str


def contact_followup_links(*, contact) -> list[tuple[str, str]]:
    """(label, url) of each next step for this contact's outcome."""
    params = {"contact": contact.pk}
    if contact.customer_id:
        params["customer"] = contact.customer_id
    if contact.council_service_id:
        params["service"] = contact.council_service_id
    return [
        (f.label, f"{reverse(f.url_name)}?{urlencode(params)}")
        for f in hooks.get_hooks(CONTACT_FOLLOWUPS)
        if f.outcome == contact.outcome
    ]
