"""Errors are logged and reported without the text they were about."""

import io
import logging

import pytest
from django.core import mail

from archive.testimonies.models import TestimonyPage

pytestmark = pytest.mark.django_db

NAME = "Daniel Ortega Ruiz"  # the narrator's legal name (tests/conftest.py)


@pytest.fixture
def failing_page(published_testimony, monkeypatch):
    """The testimony page breaks while rendering, with a name and a line of its transcript in
    the exception's message and in the failing frame's variables."""
    render = TestimonyPage.get_context

    def get_context(page, request, *args, **kwargs):
        render(page, request, *args, **kwargs)
        legal_name = page.interview.narrator_legal_name
        first_line = page.interview.recordings.get().transcripts.get().segments.first().text
        raise ValueError(f"cannot lay out {first_line!r} for {legal_name}")

    monkeypatch.setattr(TestimonyPage, "get_context", get_context)
    return published_testimony


def test_a_crash_on_a_testimony_logs_where_it_happened_and_nothing_it_was_about(
    client, failing_page, settings
):
    settings.ADMINS = [("Archive admin", "admin@example.org")]
    client.raise_request_exception = False
    console = next(h for h in logging.getLogger("django").handlers if h.name == "console")
    log = io.StringIO()
    previous = console.setStream(log)
    try:
        response = client.get(f"{failing_page.url}?q=inform+Daniel")
    finally:
        console.setStream(previous)
    assert response.status_code == 500
    logged = log.getvalue()
    report = mail.outbox[0]
    written = logged + report.subject + report.body
    assert "Internal Server Error" in logged and "ValueError" in logged
    assert "get_context" in logged and failing_page.url in report.subject
    for private in (NAME, "Daniel", "we were told"):
        assert private.lower() not in written.lower(), private
    assert NAME not in response.content.decode()
