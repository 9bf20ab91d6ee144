"""Guessing a password at the admin's sign-in page is stopped after a few tries (django-axes)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_repeated_failures_pause_sign_in_even_with_the_right_password(editor, reporter):
    editor.set_password("right-password-1")
    editor.save()
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(guesser, editor.username, "guess").status_code == 200
    locked = sign_in(guesser, editor.username, "guess")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    right = sign_in(guesser, editor.username, "right-password-1")
    assert right.status_code == 429
    assert "_auth_user_id" not in guesser.session

    # The pause is on the username wherever the guesses come from...
    assert (
        sign_in(Client(REMOTE_ADDR="198.51.100.2"), editor.username, "right-password-1").status_code
        == 429
    )
    # ...and on the guessing address, whatever name it tries next.
    reporter.set_password("right-password-2")
    reporter.save()
    assert sign_in(guesser, reporter.username, "right-password-2").status_code == 429
    # Other people elsewhere sign in as usual.
    colleague = Client(REMOTE_ADDR="198.51.100.3")
    assert sign_in(colleague, reporter.username, "right-password-2").status_code == 302

    call_command("axes_reset_username", editor.username, verbosity=0)
    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)
    assert sign_in(guesser, editor.username, "right-password-1").status_code == 302
