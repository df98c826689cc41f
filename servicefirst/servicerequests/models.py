from django.conf import settings
from django.db import models
from django.utils import timezone

from servicefirst.core.channels import ContactChannel


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_CUSTOMER = "awaiting_customer", "Awaiting customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"


# Kept in one fixed order: the queue's partial indexes repeat this list, and the databases use a
# partial index only when the query's condition matches the index's condition as written.
OPEN_STATUSES: tuple[str, ...] = (
    RequestStatus.NEW,
    RequestStatus.ASSIGNED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.AWAITING_CUSTOMER,
    RequestStatus.REOPENED,
)
FINISHED_STATUSES: tuple[str, ...] = (RequestStatus.RESOLVED, RequestStatus.CLOSED)


# A request comes in on any channel a contact can, or through the residents' own portal; deriving the list
# keeps the two in step when the contact centre adds a channel.
RequestChannel = models.TextChoices(
    "RequestChannel",
    [(channel.name, (channel.value, channel.label)) for channel in ContactChannel]
    + [("PORTAL", ("portal", "Customer portal"))],
)


class RequestPriority(models.IntegerChoices):
    # Lower sorts first, so the queue's "due date, then priority" order puts urgent work on top.
    URGENT = 1, "Urgent"
    HIGH = 2, "High"
    NORMAL = 3, "Normal"


# Requests are numbered SR-<year>-<number> from the shared sequence (`core.references`).
REFERENCE_PREFIX = "SR"


class QuestionSet(models.Model):
    """The questions an officer asks when raising a request for one council service."""

    council_service = models.OneToOneField(
        "catalogue.CouncilService", on_delete=models.CASCADE, related_name="question_set"
    )
    guidance = models.TextField(blank=True, help_text="Shown to the officer above the questions.")

    class Meta:
        ordering = ["council_service__name"]

    def __str__(self) -> str:
        return f"Questions for {self.council_service}"


class QuestionKind(models.TextChoices):
    TEXT = "text", "Short text"
    TEXTAREA = "textarea", "Long text"
    CHOICE = "choice", "One choice from a list"
    DATE = "date", "Date"
    YES_NO = "yes_no", "Yes or no"
    ADDRESS = "address", "Address"


class Question(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(
        max_length=40,
        help_text="The answer's name in the API and reports, for example bin_type. Lower case letters, "
        "numbers and underscores.",
    )
    label = models.CharField(max_length=200, help_text="The question as the officer reads it out.")
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.TextField(blank=True, help_text="For a choice question: one option a line.")
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["question_set", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "key"],
                name="question_key_unique_in_set",
                violation_error_message="Each question in a set needs its own key.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="choice") | ~models.Q(choices=""),
                name="choice_question_has_choices",
                violation_error_message="A choice question needs at least one option.",
            ),
            models.CheckConstraint(
                condition=models.Q(key__regex=r"^[a-z][a-z0-9_]*$"),
                name="question_key_is_identifier",
                violation_error_message="The key must start with a letter and hold only a-z, 0-9 and _.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ServiceRequest(models.Model):
    """Work the council has agreed to do for a customer, owned by a client service's queue."""

    reference = models.CharField(max_length=20, editable=False)
    council_service = models.ForeignKey(
        "catalogue.CouncilService", on_delete=models.PROTECT, related_name="service_requests"
    )
    client_service = models.ForeignKey(
        "organisation.ClientService",
        on_delete=models.PROTECT,
        related_name="service_requests",
        help_text="The queue the request sits in; the council service's client service unless moved.",
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="service_requests"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
        help_text="The contact the request was raised from.",
    )
    site = models.ForeignKey(
        "organisation.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        help_text="The site of the contact it was raised from, kept here so figures by site need no join.",
    )
    channel = models.CharField(max_length=20, choices=RequestChannel.choices)
    description = models.TextField()
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW)
    priority = models.PositiveSmallIntegerField(choices=RequestPriority.choices, default=RequestPriority.NORMAL)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField()
    due_on = models.DateField(
        help_text="Working days of the service's SLA after the day received, moved later by the working days the "
        "SLA was paused while the council waited for the customer."
    )
    # Kept on the request as well as in its pauses, so the queue and the counts tell a paused request without
    # a join; the pauses keep the exact history.
    sla_paused_since = models.DateTimeField(
        null=True, blank=True, help_text="When the SLA clock stopped to await the customer, while it waits."
    )
    sla_paused_working_days = models.PositiveIntegerField(
        default=0, db_default=0, help_text="Working days the SLA was paused, every finished pause added together."
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, so a change based on an old copy is refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="service_request_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | models.Q(status__in=FINISHED_STATUSES),
                name="service_request_resolved_at_only_when_finished",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RequestStatus.ASSIGNED) | models.Q(assigned_officer__isnull=False),
                name="service_request_assigned_has_officer",
                violation_error_message="An assigned request needs an officer.",
            ),
            models.CheckConstraint(
                condition=models.Q(status=RequestStatus.AWAITING_CUSTOMER, sla_paused_since__isnull=False)
                | (~models.Q(status=RequestStatus.AWAITING_CUSTOMER) & models.Q(sla_paused_since__isnull=True)),
                name="service_request_paused_while_awaiting_customer",
                violation_error_message="The SLA is paused exactly while the request awaits the customer.",
            ),
        ]
        indexes = [
            # The queue: one client service's open requests, soonest due first.
            models.Index(
                fields=["client_service", "due_on", "priority", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="sr_open_queue_idx",
            ),
            # Every client service's open requests, for managers who look across services, in the queue's order;
            # the columns after it let the dashboard count open and overdue requests by client service and site
            # from this index alone. One index, not two: SQLite chose a second one led by status for the queue
            # too, then sorted every open request to find the first page.
            models.Index(
                fields=["due_on", "priority", "id", "status", "client_service", "site"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="sr_open_due_idx",
            ),
            # Requests of any status in the queue's order, for a manager looking back across services.
            models.Index(fields=["due_on", "priority", "id"], name="sr_due_idx"),
            models.Index(fields=["client_service", "status", "due_on"], name="sr_service_status_due_idx"),
            models.Index(fields=["assigned_officer", "status", "due_on"], name="sr_officer_status_due_idx"),
            models.Index(fields=["customer", "received_at"], name="sr_customer_idx"),
            # A client service's monthly statement: received in the month, and still open at its end. Each carries
            # the columns its count reads, so the count never visits the table.
            models.Index(fields=["client_service", "received_at"], name="sr_service_received_idx"),
            models.Index(
                fields=["client_service", "resolved_at", "received_at", "due_on"], name="sr_service_resolved_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def sla_paused(self) -> bool:
        return self.sla_paused_since is not None

    @property
    def breached(self) -> bool:
        """Past its due date: resolved after the due date, or still unresolved after it. Never while the SLA is
        paused: the due date is not known until the customer answers.
        A request can only be closed once resolved, so a finished request always has `resolved_at`."""
        if self.resolved_at is not None:
            return timezone.localdate(self.resolved_at) > self.due_on
        if self.sla_paused:
            return False
        return timezone.localdate() > self.due_on


class ServiceRequestPause(models.Model):
    """One stretch of time the SLA clock stood still while the council waited for the customer. When it ends the
    due date moves later by the working days it lasted, so pauses add up and history shows each one."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    working_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="England & Wales working days after the day paused, up to the day resumed."
    )
    due_on_before = models.DateField(help_text="The due date when the pause began.")
    due_on_after = models.DateField(null=True, blank=True, help_text="The due date once the pause ended.")

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True, working_days__isnull=True, due_on_after__isnull=True)
                | models.Q(ended_at__isnull=False, working_days__isnull=False, due_on_after__isnull=False),
                name="sr_pause_ended_has_length",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="sr_pause_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(ended_at__isnull=True), name="sr_one_open_pause"
            ),
        ]
        indexes = [models.Index(fields=["request", "started_at"], name="sr_pause_request_idx")]

    def __str__(self) -> str:
        return f"{self.request}: paused from {self.started_at:%Y-%m-%d}"


class ServiceRequestEvent(models.Model):
    """One change to a request, or a note on it: the request's full history."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        STATUS = "status", "Status changed"
        ASSIGNMENT = "assignment", "Assigned"
        QUEUE = "queue", "Moved to another queue"
        PRIORITY = "priority", "Priority changed"
        NOTE = "note", "Note"

    class Visibility(models.TextChoices):
        INTERNAL = "internal", "Internal: staff only"
        PUBLIC = "public", "Update the customer sees"

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    field = models.CharField(max_length=40, blank=True)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["request", "at"], name="sr_event_request_idx")]

    def __str__(self) -> str:
        return f"{self.request}: {self.get_kind_display()}"

    def _display(self, value: str) -> str:
        if self.field == "status" and value in RequestStatus.values:
            return RequestStatus(value).label
        return value

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)
