"""Search across published, redacted transcripts: per-moment hits, nothing redacted, nothing
withdrawn or unconsented."""

import datetime

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from archive.publication.models import PublishedSegment

from .conftest import draft_testimony, make_site_tree, publish_testimony, publishable_interview

pytestmark = pytest.mark.django_db

TEXTS = [
    "My name is Daniel Ordegaris.",
    "The agents waited outside the hardware store.",
    "Rosa said we would tell our story <script>alert(1)</script>.",
]


@pytest.fixture
def published(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(
        tone, editor, TEXTS, span=30, other_names=["Rosa Ortega"], redact=True
    )
    page = publish_testimony(draft_testimony(index, interview), editor)
    return page, interview.consent


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_hit_shows_its_moment_marked_and_links_to_it(client, published):
    page, _consent = published
    html = search(client, "hardware")
    assert "1 moment found" in html
    assert "<mark>hardware</mark>" in html
    assert f"{page.url}?t=10#t-10" in html


def test_redacted_words_are_not_searchable(client, published):
    for query in ("Ordegaris", "Rosa", "Daniel"):
        assert "0 moments found" in search(client, query), query


def test_transcript_text_is_escaped_in_results(client, published):
    html = search(client, "story")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_withdrawn_and_expired_testimonies_leave_search(client, published, editor):
    page, consent = published
    consent.expires_on = datetime.date.today()
    consent.save()
    assert "0 moments found" in search(client, "hardware")
    consent.expires_on = None
    consent.withdrawn_on = datetime.date.today()
    consent.withdrawn_recorded_by = editor
    consent.withdrawal_reason = "Asked."
    consent.save()
    assert not PublishedSegment.objects.filter(publication__page=page).exists()
    assert "0 moments found" in search(client, "hardware")


def test_on_postgresql_search_is_postgresql_full_text_search(client, published):
    if connection.vendor != "postgresql":
        pytest.skip("runs under `make test-postgres`")
    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"
    # Stemming, which only a real full-text engine does: "waiting" finds "waited".
    assert "hardware store" in search(client, "waiting agents")
