"""Which address a request came from, as far as it can be trusted.

Behind a reverse proxy every request arrives from the proxy, so throttling by REMOTE_ADDR
would pause everyone at once after one person's guesses. Each proxy appends the address it
saw to X-Forwarded-For; anything to the left of what our own proxies wrote came from the
client and can be forged. So with N proxies (TESTIMONIO_TRUSTED_PROXIES) the client is the
Nth entry from the right, and without proxies the header is ignored.
"""

from django.conf import settings


def client_address(request):
    proxies = settings.TESTIMONIO_TRUSTED_PROXIES
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
