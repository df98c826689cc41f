"""How a resident got in touch: the one vocabulary of channels every app counts and reports by (the contact
itself, the request it raised, a complaint, a mystery shop, the dashboard's figures). It sits on the ground
floor so that any app's models may use it without importing another app.

Not to be confused with the interface a change was made through (a staff page, the API, the portal), which the
audit log records as the `via` of an `AuditEvent`, and services take as `via`.
"""

from django.db import models


class ContactChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    FACE_TO_FACE = "face_to_face", "Face to face"
    EMAIL = "email", "Email"
    WEB_FORM = "web_form", "Web form"
    LETTER = "letter", "Letter"
    WEBCHAT = "webchat", "Webchat"
    SOCIAL_MEDIA = "social_media", "Social media"
    BSL_VIDEO_RELAY = "bsl_video_relay", "BSL video relay (for example SignVideo)"
    TEXT_RELAY = "text_relay", "Text relay (Relay UK, Type Talk)"
