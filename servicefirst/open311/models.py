from django.conf import settings
from django.db import models


class Open311Submission(models.Model):
    """What an Open311 client sent with a request beyond the request itself: where the problem is, a photo
    link, and who reported it. The location is public (Open311 clients show it on a map); the reporter's
    details are not, and stay here when they match no customer so nothing the resident gave is lost."""

    service_request = models.OneToOneField(
        "servicerequests.ServiceRequest", on_delete=models.CASCADE, related_name="open311_submission"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The user whose API key sent the request.",
    )
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField(max_length=255, blank=True)
    address_id = models.CharField(
        "UPRN", max_length=12, blank=True, help_text="The property's Unique Property Reference Number (address_id)."
    )
    description_sent = models.BooleanField(
        default=True,
        help_text="False when the partner app sent no description: the request's description was then written for "
        "officers, so it is not published as the reporter's.",
    )
    media_url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, long__isnull=True)
                | models.Q(lat__isnull=False, long__isnull=False),
                name="open311_lat_long_together",
            ),
        ]

    def __str__(self) -> str:
        return f"Open311: {self.service_request_id}"
