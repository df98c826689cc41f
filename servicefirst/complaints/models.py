"""Complaints, compliments and comments, with the stages and deadlines complaints go through.

Deadlines are data (`DeadlineRule`), so a council changes a number in the admin, not in code. Each
stage copies the dates it was given when it opened, so editing a rule never moves a deadline that a
customer has already been told.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from servicefirst.core.channels import ContactChannel


class FeedbackKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment or suggestion"


class Procedure(models.TextChoices):
    CORPORATE = "corporate", "Corporate complaints procedure"
    ADULTS = "adults_statutory", "Adults' social care (statutory)"
    CHILDREN = "children_statutory", "Children's social care (statutory)"


# Statutory social care complaints are handled and reported apart from the corporate procedure.
STATUTORY_PROCEDURES: tuple[str, ...] = (Procedure.ADULTS, Procedure.CHILDREN)


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Awaiting acknowledgement"
    INVESTIGATING = "investigating", "Acknowledged, being investigated"
    RESPONDED = "responded", "Responded"
    WITH_OMBUDSMAN = "with_ombudsman", "With the Ombudsman"
    CLOSED = "closed", "Closed"


OPEN_STATUSES: tuple[str, ...] = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.INVESTIGATING,
    ComplaintStatus.RESPONDED,
    ComplaintStatus.WITH_OMBUDSMAN,
)
# Statuses in which the council owes the customer something by a deadline.
AWAITING_COUNCIL: tuple[str, ...] = (ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING)


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Ombudsman(models.TextChoices):
    LGSCO = "lgsco", "Local Government and Social Care Ombudsman"
    HOUSING = "housing", "Housing Ombudsman (landlord matters)"


class OmbudsmanDecision(models.TextChoices):
    UPHELD = "upheld", "Upheld: fault found"
    UPHELD_SATISFACTORY = "upheld_satisfactory", "Upheld: council had already offered a satisfactory remedy"
    NOT_UPHELD = "not_upheld", "Not upheld: no fault"
    NOT_INVESTIGATED = "not_investigated", "Closed after initial enquiries (not investigated)"
    PREMATURE = "premature", "Referred back to the council (premature)"


class RespondUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "Working days"
    MONTHS = "months", "Calendar months"


class DeadlineRule(models.Model):
    """How long one stage of one procedure allows, as the council has adopted it."""

    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    stage = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100, help_text="For example 'Stage 1' or 'Stage 3: review panel'.")
    acknowledge_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days after the day received (or the day escalation was asked for) to acknowledge. "
        "Blank: no acknowledgement deadline.",
    )
    respond_days = models.PositiveSmallIntegerField(help_text="How long the response may take, in the unit below.")
    respond_unit = models.CharField(max_length=12, choices=RespondUnit.choices, default=RespondUnit.WORKING_DAYS)
    from_acknowledgement = models.BooleanField(
        default=True,
        help_text="Count the response time from the acknowledgement (the Complaint Handling Code) rather than "
        "from the day received.",
    )
    max_extension_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Most working days the response may be extended beyond its first deadline. "
        "Blank: no fixed limit (a date agreed with the complainant).",
    )
    beyond_limit_allowed = models.BooleanField(
        default=True,
        help_text="Allow an extension beyond that limit when the officer records the good reason for it (the "
        "Complaint Handling Code allows more time 'with good reason'). Untick to refuse any date beyond the limit.",
    )
    by_agreement = models.BooleanField(
        default=False,
        help_text="The response date is a plan agreed with the complainant, changed by agreement earlier or later, "
        "in place of extensions (adults' social care). The time above stands until a plan is agreed.",
    )
    panel_report_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A review panel stage: working days after the panel meets for its report, the time above being "
        "for the meeting. Blank: no panel.",
    )
    panel_response_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A review panel stage: working days after the panel's report is received for the council's response.",
    )
    source = models.CharField(max_length=300, blank=True, help_text="The code or regulation the numbers come from.")

    class Meta:
        ordering = ["procedure", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "stage"], name="deadline_rule_one_per_stage"),
            models.CheckConstraint(condition=models.Q(stage__gte=1), name="deadline_rule_stage_positive"),
            models.CheckConstraint(
                condition=models.Q(panel_report_days__isnull=True, panel_response_days__isnull=True)
                | models.Q(panel_report_days__isnull=False, panel_response_days__isnull=False),
                name="deadline_rule_panel_both_or_neither",
                violation_error_message="A review panel needs both the days for its report and for the response.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()}: {self.name}"


class ComplaintTheme(models.Model):
    """What a complaint is about (missed collection, staff conduct, delay…), as the council codes it."""

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True, help_text="Only active themes are offered to officers.")

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ComplaintsTeam(models.Model):
    """A team that handles one procedure's complaints. Statutory complaints are seen only by their team."""

    name = models.CharField(max_length=100, unique=True)
    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    is_default = models.BooleanField(
        default=False, help_text="New complaints under this procedure go to this team unless another is chosen."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="complaints_teams")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(is_default=True),
                name="complaints_team_one_default_per_procedure",
                violation_error_message="Another team is already the default for this procedure.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    """One piece of customer feedback: a complaint (with stages and deadlines), a compliment or a comment."""

    reference = models.CharField(max_length=20, editable=False)
    kind = models.CharField(max_length=12, choices=FeedbackKind.choices, default=FeedbackKind.COMPLAINT)
    procedure = models.CharField(max_length=20, choices=Procedure.choices, default=Procedure.CORPORATE)
    team = models.ForeignKey(ComplaintsTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        help_text="The contact the feedback was taken on.",
    )
    channel = models.CharField(max_length=20, choices=ContactChannel.choices)
    received_at = models.DateTimeField()
    council_service = models.ForeignKey(
        "catalogue.CouncilService", on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    client_service = models.ForeignKey(
        "organisation.ClientService", on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    theme = models.ForeignKey(ComplaintTheme, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    summary = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED)
    current_stage = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Blank for compliments.")
    # Copied from the current stage by the services so lists and reports need no join.
    due_on = models.DateField(null=True, blank=True, help_text="When the council next owes the customer something.")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, help_text="The latest stage's.")
    closed_at = models.DateTimeField(null=True, blank=True)
    ombudsman = models.CharField(max_length=10, choices=Ombudsman.choices, blank=True)
    ombudsman_referred_on = models.DateField(null=True, blank=True)
    ombudsman_reference = models.CharField(max_length=40, blank=True)
    ombudsman_decision = models.CharField(max_length=20, choices=OmbudsmanDecision.choices, blank=True)
    ombudsman_decided_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, so a change based on an old copy is refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="complaint_reference_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind=FeedbackKind.COMPLAINT)
                | (models.Q(customer__isnull=False) & models.Q(current_stage__isnull=False)),
                name="complaint_has_customer_and_stage",
                violation_error_message="A complaint needs a customer to answer.",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(status=ComplaintStatus.CLOSED),
                name="complaint_closed_at_only_when_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(ombudsman="") | models.Q(ombudsman_referred_on__isnull=False),
                name="complaint_ombudsman_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on", "id"], condition=models.Q(status__in=OPEN_STATUSES), name="complaint_open_due_idx"
            ),
            models.Index(fields=["kind", "procedure", "received_at"], name="complaint_kind_received_idx"),
            models.Index(fields=["team", "status", "due_on"], name="complaint_team_status_idx"),
            models.Index(fields=["customer", "received_at"], name="complaint_customer_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_statutory(self) -> bool:
        return self.procedure in STATUTORY_PROCEDURES

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_COUNCIL and self.due_on is not None and timezone.localdate() > self.due_on


class ComplaintStage(models.Model):
    """One stage of a complaint, with the deadlines it was given when it opened."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    stage = models.PositiveSmallIntegerField()
    opened_at = models.DateTimeField(help_text="When the complaint, or the request to escalate it, was received.")
    acknowledge_due = models.DateField(null=True, blank=True)
    respond_due = models.DateField(help_text="The first deadline for the response, before any extension.")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    beyond_limit_reason = models.TextField(
        blank=True, db_default="", help_text="The good reason the extension goes beyond the procedure's limit."
    )
    customer_told_at = models.DateTimeField(
        null=True, blank=True, help_text="When the customer was told of the extension."
    )
    # A plan agreed with the complainant (adults' social care): the date, when it was last agreed and how.
    agreed_due = models.DateField(null=True, blank=True, help_text="The response date agreed with the complainant.")
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreement_note = models.TextField(blank=True, db_default="")
    # A review panel (children's social care stage 3): `respond_due` is the meeting's deadline, then its report's
    # and the council's response's follow from the days the panel actually met and its report arrived.
    panel_met_on = models.DateField(null=True, blank=True)
    panel_report_due = models.DateField(null=True, blank=True)
    panel_report_on = models.DateField(null=True, blank=True, help_text="When the panel's report was received.")
    panel_response_due = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    response = models.TextField(blank=True, help_text="What the council told the customer.")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The rule's terms when the stage opened, so a later edit to the rule does not change this stage.
    respond_days = models.PositiveSmallIntegerField()
    respond_unit = models.CharField(max_length=12, choices=RespondUnit.choices, default=RespondUnit.WORKING_DAYS)
    from_acknowledgement = models.BooleanField(default=True)
    max_extension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    by_agreement = models.BooleanField(default=False, db_default=False)
    panel_report_days = models.PositiveSmallIntegerField(null=True, blank=True)
    panel_response_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["complaint", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="complaint_stage_unique"),
            models.CheckConstraint(
                condition=models.Q(responded_at__isnull=True) | ~models.Q(outcome=""),
                name="complaint_stage_response_has_outcome",
                violation_error_message="A response needs an outcome.",
            ),
            models.CheckConstraint(
                condition=models.Q(extended_to__isnull=True) | ~models.Q(extension_reason=""),
                name="complaint_stage_extension_has_reason",
                violation_error_message="Give the reason for the extension.",
            ),
            models.CheckConstraint(
                condition=models.Q(beyond_limit_reason="") | models.Q(extended_to__isnull=False),
                name="complaint_stage_beyond_limit_is_an_extension",
            ),
            models.CheckConstraint(
                condition=models.Q(agreed_due__isnull=True) | ~models.Q(agreement_note=""),
                name="complaint_stage_plan_says_what_was_agreed",
                violation_error_message="Say what was agreed with the complainant.",
            ),
            models.CheckConstraint(
                condition=models.Q(panel_report_on__isnull=True) | models.Q(panel_met_on__isnull=False),
                name="complaint_stage_panel_report_after_meeting",
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "opened_at"], name="complaint_stage_opened_idx"),
            # Reports count the responses given in a period.
            models.Index(fields=["responded_at"], name="complaint_stage_responded_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} stage {self.stage}"

    @property
    def has_panel(self) -> bool:
        return self.panel_report_days is not None

    @property
    def response_due(self) -> datetime.date | None:
        """The deadline in force for the response: the agreed plan's date, else the extended date, else the first;
        for a review panel, 15 working days (as the rule says) after its report, unknown until the report comes."""
        if self.has_panel:
            return self.panel_response_due
        return self.agreed_due or self.extended_to or self.respond_due

    @property
    def due_on(self) -> datetime.date:
        """What the council next owes by: the response, or a review panel's meeting and then its report."""
        if self.has_panel and self.panel_met_on is None:
            return self.respond_due
        if self.has_panel and self.panel_report_on is None:
            return self.panel_report_due
        return self.response_due

    @property
    def panel_met_on_time(self) -> bool | None:
        return None if self.panel_met_on is None else self.panel_met_on <= self.respond_due

    @property
    def panel_report_on_time(self) -> bool | None:
        return None if self.panel_report_on is None else self.panel_report_on <= self.panel_report_due

    @property
    def acknowledged_on_time(self) -> bool | None:
        if self.acknowledged_at is None or self.acknowledge_due is None:
            return None
        return timezone.localdate(self.acknowledged_at) <= self.acknowledge_due

    @property
    def responded_on_time(self) -> bool | None:
        """Within the deadline in force (an extension within the rules counts as on time); None while unanswered."""
        if self.responded_at is None or self.response_due is None:
            return None
        return timezone.localdate(self.responded_at) <= self.response_due


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    FINANCIAL = "financial", "Financial remedy"
    PUT_RIGHT = "put_right", "Service put right"
    EXPLANATION = "explanation", "Explanation given"
    DECISION_CHANGED = "decision_changed", "Decision changed"
    OTHER = "other", "Other"


class ComplaintRemedy(models.Model):
    """Something the council did to put a complaint right, given with a stage's response."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="remedies")
    stage = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "complaint remedies"
        ordering = ["complaint", "stage", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=RemedyKind.FINANCIAL) | models.Q(amount__gt=0),
                name="complaint_financial_remedy_has_amount",
                violation_error_message="Give the amount of the financial remedy.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class LearningAction(models.Model):
    """What the council will change because of a complaint, who owns it and by when."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="learning_actions")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=150, help_text="The person or team who will do it.")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.action


class ComplaintEvent(models.Model):
    """One change to a complaint or a note on it: its full history."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", "Recorded"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ASSIGNED = "assigned", "Assigned"
        EXTENDED = "extended", "Response extended"
        PLAN_AGREED = "plan_agreed", "Plan agreed"
        PANEL = "panel", "Review panel"
        CUSTOMER_TOLD = "customer_told", "Customer told"
        RESPONDED = "responded", "Responded"
        ESCALATED = "escalated", "Escalated"
        OMBUDSMAN = "ombudsman", "Ombudsman"
        CLOSED = "closed", "Closed"
        REOPENED = "reopened", "Reopened"
        LEARNING = "learning", "Learning action"
        NOTE = "note", "Note"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    stage = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_event_idx")]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.get_kind_display()}"
