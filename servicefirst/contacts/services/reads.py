"""Opening contacts, referrals and agreed actions for display: the audited reads of personal data."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from servicefirst.audit.services import record_open
from servicefirst.contacts.models import Contact, Referral
from servicefirst.contacts.selectors import contact_get, contact_may_view, referral_get


@transaction.atomic
def contact_open(*, viewer: AbstractBaseUser, contact_id: int, via: str = "web", changing: bool = False) -> Contact:
    """Fetches a contact for display, refusing viewers without a need (PermissionDenied), and audits the view.
    An anonymous contact names nobody, so reading it is no read of personal data. `changing`: opened to change
    it, which writes its own event (`audit.services.record_open`)."""
    contact = contact_get(contact_id=contact_id)
    return record_open(
        viewer=viewer,
        record=contact,
        record_type="contact",
        record_id=contact.pk,
        record_label=contact.reference,
        may_view=contact_may_view(viewer=viewer, contact=contact),
        refusal="contact.view",
        via=via,
        changing=changing,
        names_nobody=contact.customer_id is None,
    )


@transaction.atomic
def referral_open(*, viewer: AbstractBaseUser, referral_id: int, changing: bool = False) -> Referral:
    """Fetches a referral for a team manager's decision and audits the view (not when deciding: the decision
    writes its own record, and the page it was made on was audited when shown)."""
    referral = referral_get(referral_id=referral_id)
    customer = referral.contact.customer
    # The page names the customer: the one event says whose record was read with the referral.
    return record_open(
        viewer=viewer,
        record=referral,
        record_type="referral",
        record_id=referral.pk,
        record_label=f"Referral {referral.pk} to {referral.client_service.name}"[:100],
        detail=f"Customer {customer.reference}" if customer else "",
        changing=changing,
    )
