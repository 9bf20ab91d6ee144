"""The password-reset form cannot be used to flood a colleague's inbox, and behind our reverse
proxy throttling counts each client, not the proxy (archive/accounts)."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from archive.accounts.models import PasswordResetRequest

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
LOGIN = "/admin/login/"


def ask_reset(client, email):
    return client.post(RESET, {"email": email})


def test_reset_requests_are_limited_per_e_mail_and_per_address(editor, reporter):
    editor.email, reporter.email = "editor@example.org", "reporter@example.org"
    editor.save()
    reporter.save()
    flooder = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.TESTIMONIO_RESETS_PER_EMAIL):
        assert ask_reset(flooder, "Editor@example.org").status_code == 302
    assert len(mail.outbox) == settings.TESTIMONIO_RESETS_PER_EMAIL
    paused = ask_reset(Client(REMOTE_ADDR="198.51.100.9"), "editor@example.org")
    assert paused.status_code == 429
    assert "Too many password reset requests" in paused.content.decode()
    assert len(mail.outbox) == settings.TESTIMONIO_RESETS_PER_EMAIL

    # The flooding address is stopped whatever e-mail it tries next; a colleague is not.
    for n in range(settings.TESTIMONIO_RESETS_PER_ADDRESS - settings.TESTIMONIO_RESETS_PER_EMAIL):
        assert ask_reset(flooder, f"nobody{n}@example.org").status_code == 302
    assert ask_reset(flooder, "reporter@example.org").status_code == 429
    assert ask_reset(Client(REMOTE_ADDR="198.51.100.3"), "reporter@example.org").status_code == 302
    assert mail.outbox[-1].to == ["reporter@example.org"]

    # What is kept to count requests names no address and no e-mail.
    kept = " ".join(PasswordResetRequest.objects.values_list("subject", flat=True))
    for word in ("203.0.113.7", "198.51.100", "example.org", "editor"):
        assert word not in kept


@override_settings(TESTIMONIO_TRUSTED_PROXIES=1)
def test_behind_the_proxy_a_guesser_is_paused_by_the_address_the_proxy_saw(editor, reporter):
    """Every request arrives from the proxy; pausing by that address would lock everyone out,
    and trusting the whole header would let a guesser pick a new address each time."""
    reporter.set_password("right-password-2")
    reporter.save()

    def via_proxy(client_sent, client_address):
        forwarded = ", ".join([*client_sent, client_address])
        return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    for n in range(settings.AXES_FAILURE_LIMIT):
        forged = [f"192.0.2.{n}"]  # a fresh "address" the guesser claims each time
        guesser = via_proxy(forged, "203.0.113.7")
        guesser.post(LOGIN, {"username": f"someone{n}", "password": "guess"})
    assert (
        via_proxy(["192.0.2.99"], "203.0.113.7")
        .post(LOGIN, {"username": reporter.username, "password": "right-password-2"})
        .status_code
        == 429
    )
    colleague = via_proxy([], "198.51.100.3")
    signed_in = colleague.post(
        LOGIN, {"username": reporter.username, "password": "right-password-2"}
    )
    assert signed_in.status_code == 302
