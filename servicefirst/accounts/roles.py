"""Staff roles and what each may do.

Pages and API endpoints ask for a capability, never a role, so a council can
change who does what here without touching views.
"""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Customer service officer"
    TEAM_MANAGER = "team_manager", "Team manager"
    CLIENT_SERVICE_OFFICER = "client_service_officer", "Client service officer"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    HEAD_OF_SERVICE = "head_of_customer_services", "Head of customer services"
    COUNCILLOR = "councillor", "Councillor"
    ADMINISTRATOR = "administrator", "Administrator"


ALL_ROLES = frozenset(Role)
# Roles that deal with residents and so may see personal data across services.
FRONT_OFFICE = frozenset(
    {Role.OFFICER, Role.TEAM_MANAGER, Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
)

CAPABILITIES: dict[str, frozenset[Role]] = {
    "dashboard.view": ALL_ROLES,
    "catalogue.view": ALL_ROLES,
    "organisation.view": ALL_ROLES,
    "customer.search": FRONT_OFFICE,
    # Client service officers may open a customer only where that customer has work for their service.
    "customer.view": FRONT_OFFICE | {Role.CLIENT_SERVICE_OFFICER},
    "customer.edit": FRONT_OFFICE,
    # Everything held about one person, for a subject access request: the head of service answers those.
    "customer.export": frozenset({Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    "clientservice.work": frozenset(
        {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR, Role.CLIENT_SERVICE_OFFICER}
    ),
    "contact.log": FRONT_OFFICE,
    "referral.authorise": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}),
    "request.raise": FRONT_OFFICE,
    # Aggregate reports only: no personal data, so councillors may read them.
    "reports.view": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.COUNCILLOR, Role.ADMINISTRATOR}),
    # Exact small counts in those reports: for managers who may open the records behind them anyway. Everyone
    # else, councillors included, sees counts below DISCLOSURE_THRESHOLD as [c] (core.disclosure).
    "reports.exact": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    # The outbox holds messages with personal data.
    "notification.view": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    # Any officer takes down a complaint, compliment or comment from any channel, or keys a phone survey.
    "complaint.record": FRONT_OFFICE,
    "satisfaction.record": FRONT_OFFICE,
    # Working complaints (caseloads, responses, outcomes, extensions) is the complaints team's job.
    "complaint.handle": frozenset({Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    # Kiosks sit in public areas: only managers bind one to a site.
    "kiosk.manage": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    "mysteryshopping.manage": frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}),
    "catalogue.manage": frozenset({Role.ADMINISTRATOR}),
    "organisation.manage": frozenset({Role.ADMINISTRATOR}),
    "audit.view": frozenset({Role.ADMINISTRATOR}),
    # Lifting a sign-in lockout before its cool-off ends (signin: the lockouts page).
    "signin.unlock": frozenset({Role.ADMINISTRATOR}),
    # Adding staff, changing their roles, resetting their passwords and second factors, and their API tokens.
    "staff.manage": frozenset({Role.ADMINISTRATOR}),
}


def role_can(role: str, capability: str) -> bool:
    return role in CAPABILITIES[capability]
