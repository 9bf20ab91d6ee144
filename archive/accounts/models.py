from django.db import models


class PasswordResetRequest(models.Model):
    """A recent password-reset request, counted towards the hour's limit and deleted by the first
    request after that hour (accounts/throttling.py). Holds keyed digests, never the address or
    e-mail itself."""

    subject = models.CharField(max_length=64, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"password reset request at {self.requested_at:%Y-%m-%d %H:%M}"
