"""Browsing testimonies by topic, place, year and language, a page at a time."""

import datetime

import pytest

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.testimonies import models as testimony_models

from .conftest import (
    create_transcript,
    draft_testimony,
    give_consent,
    make_site_tree,
    publish_testimony,
    write_tone,
)

pytestmark = pytest.mark.django_db

STORIES = [
    ("The store", "Fresno", 2017, "en", ["family"]),
    ("La carretera", "Santa Ana", 2019, "es", ["familia", "work"]),
    ("The field", "Fresno", 2019, "en", ["work"]),
]


@pytest.fixture
def index(tmp_path, editor):
    _home, index = make_site_tree()
    for number, (title, place, year, language, topics) in enumerate(STORIES):
        interview = Interview.objects.create(title=title, narrator_legal_name=f"N{number}")
        audio = write_tone(tmp_path / f"{number}.wav", seconds=1 + number)
        create_transcript(ingest_recording(audio, interview=interview), ["Words were said."])
        give_consent(interview)
        page = draft_testimony(
            index, interview, title=title, slug=f"story-{number}", place=place,
            interview_date=datetime.date(year, 1, 1), languages=[language],
        )  # fmt: skip
        page.topics.add(*topics)
        page.save_revision()
        publish_testimony(page, editor)
    unconsented = Interview.objects.create(title="Hidden", narrator_legal_name="H")
    draft_testimony(index, unconsented, title="Hidden draft", slug="hidden")
    return index


def titles(client, index, **filters):
    html = client.get(index.url, filters).content.decode()
    return {title for title, *_ in STORIES if f">{title}</a>" in html}, html


def test_filters_narrow_the_testimonies(client, index):
    assert titles(client, index)[0] == {"The store", "La carretera", "The field"}
    assert titles(client, index, place="Fresno")[0] == {"The store", "The field"}
    assert titles(client, index, year="2019")[0] == {"La carretera", "The field"}
    assert titles(client, index, language="es")[0] == {"La carretera"}
    assert titles(client, index, topic="work", year="2019", place="Fresno")[0] == {"The field"}
    found, html = titles(client, index, topic="nothing-like-this")
    assert not found and "0 testimonies" in html


def test_cards_show_duration_and_filters_offer_only_what_exists(client, index):
    _found, html = titles(client, index)
    assert "0:02" in html and "0:03" in html
    assert '<option value="Santa Ana"' in html and '<option value="2017"' in html
    assert "Hidden" not in html


def test_pages_of_testimonies_keep_the_filters(client, index, monkeypatch):
    monkeypatch.setattr(testimony_models, "TESTIMONIES_PER_PAGE", 1)
    first, html = titles(client, index, place="Fresno")
    assert len(first) == 1 and "Page 1 of 2" in html
    assert "place=Fresno&amp;page=2" in html
    second, _ = titles(client, index, place="Fresno", page="2")
    assert len(second) == 1 and second != first
