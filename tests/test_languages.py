"""The public site in Spanish and English."""

import pytest

from .conftest import draft_testimony, make_site_tree, publishable_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def testimony(tone, editor):
    _home, index = make_site_tree()
    page = draft_testimony(index, publishable_interview(tone, editor), languages=["es"])
    page.save_revision().publish()
    return page


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
