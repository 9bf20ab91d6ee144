"""Password-reset requests are limited per address and per e-mail, so the form cannot be used
to flood a colleague's inbox (or to hide a phishing mail among real reset mails)."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .addresses import client_address
from .models import PasswordResetRequest

WINDOW = timedelta(hours=1)


def _subject(kind, value):
    message = f"{kind}:{(value or '').strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def allow_password_reset(request, email):
    """Count this request; False when its address or e-mail has used up the hour's limit."""
    limits = {
        _subject("address", client_address(request)): settings.TESTIMONIO_RESETS_PER_ADDRESS,
        _subject("email", email): settings.TESTIMONIO_RESETS_PER_EMAIL,
    }
    since = timezone.now() - WINDOW
    with transaction.atomic():
        PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
        for subject, limit in limits.items():
            if PasswordResetRequest.objects.filter(subject=subject).count() >= limit:
                return False
        PasswordResetRequest.objects.bulk_create(
            PasswordResetRequest(subject=subject) for subject in limits
        )
    return True
