"""The public site in Spanish and English."""

import pytest
from django.core.management import call_command

from .conftest import (
    add_translation,
    draft_testimony,
    make_site_tree,
    publish_testimony,
    publishable_interview,
    readable,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def testimony(published_testimony):
    return published_testimony


def test_a_reader_switches_the_interface_to_spanish_and_back(client, testimony):
    english = client.get(testimony.url).content.decode()
    assert "Download the transcript" in english and '<html lang="en">' in english
    response = client.post("/language/setlang/", {"language": "es", "next": testimony.url})
    assert response.status_code == 302 and response["Location"] == testimony.url
    spanish = client.get(testimony.url).content.decode()
    assert '<html lang="es">' in spanish
    for text in ("Descargar la transcripción", "Transcripción automática", "Contado por Tomás"):
        assert text in spanish
    assert "Download the transcript" not in spanish
    assert 'lang="en">English</button>' in spanish
    client.post("/language/setlang/", {"language": "en", "next": "/"})
    assert "Download the transcript" in client.get(testimony.url).content.decode()


def test_the_browser_s_language_is_honoured(client, testimony):
    html = client.get("/search/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    assert "Buscar en los testimonios" in html


def test_testimony_text_keeps_the_language_it_was_told_in(client, testimony):
    html = client.get(testimony.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<article class="testimony" lang="es">' in html


@pytest.mark.parametrize("allowed", [True, False])
def test_an_english_translation_is_published_redacted_only_where_consent_allows(
    client, tone, editor, allowed
):
    from archive.consent.models import ConsentRecord
    from archive.transcription.models import Transcript

    _home, index = make_site_tree()
    interview = publishable_interview(
        tone, editor, texts=("Me llamo Daniel Ordegaris.", "Llamen al 5551234567.")
    )
    ConsentRecord.objects.filter(interview=interview).update(translation_allowed=allowed)
    original = Transcript.objects.get(recording__interview=interview)
    call_command("redact", original.pk, "--suggest", "--accept-all", verbosity=0)
    add_translation(original, ["My name is Daniel Ordegaris.", "Call 555 123 4567."])
    page = publish_testimony(draft_testimony(index, interview), editor)
    html = readable(client.get(page.url).content.decode())
    assert ("English translation" in html) is allowed
    assert "Ordegaris" not in html and "Daniel" not in html and "4567" not in html
    if allowed:
        assert "My name" in html and "[name]" in html and "555" not in html
    # Spanish and English text are both searchable, each hit in its own language.
    assert "1 moment found" in client.get("/search/", {"q": "llamen"}).content.decode()
    english = client.get("/search/", {"q": "call"}).content.decode()
    assert ("1 moment found" in english) is allowed


def test_withdrawing_the_translation_from_consent_hides_it_from_search_at_once(
    client, tone, editor
):
    from archive.consent.models import ConsentRecord
    from archive.transcription.models import Transcript

    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, texts=("Llegaron de noche.",))
    ConsentRecord.objects.filter(interview=interview).update(translation_allowed=True)
    original = Transcript.objects.get(recording__interview=interview)
    add_translation(original, ["They came at night."])
    page = publish_testimony(draft_testimony(index, interview), editor)
    assert "1 moment found" in client.get("/search/", {"q": "night"}).content.decode()
    ConsentRecord.objects.filter(interview=interview).update(translation_allowed=False)
    assert "0 moments found" in client.get("/search/", {"q": "night"}).content.decode()
    assert "1 moment found" in client.get("/search/", {"q": "noche"}).content.decode()
    assert "night" not in client.get(page.url).content.decode()
