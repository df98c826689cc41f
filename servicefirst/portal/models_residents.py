from django.db import models


class SignInLinkUse(models.Model):
    """A sign-in link that has been followed; the link carries a random nonce, and its row here makes it
    single use."""

    nonce = models.CharField(max_length=40)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nonce"], name="portal_sign_in_nonce_unique")]

    def __str__(self) -> str:
        return f"Sign-in link used at {self.used_at:%Y-%m-%d %H:%M}"
