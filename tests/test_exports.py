"""Exports of a published testimony: redacted, labelled, valid in each format."""

import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO, StringIO
from urllib.parse import urlsplit

import av
import pytest
from django.core.management import CommandError, call_command
from iiif_prezi3 import Manifest
from lxml import etree as lxml_etree

from archive.redaction.derivatives import prepare_interview
from archive.testimonies.exports import FORMATS
from archive.testimonies.models import IndexPoint
from archive.transcription.models import Segment

from .conftest import (
    add_translation,
    create_transcript,
    draft_testimony,
    make_site_tree,
    publish_testimony,
    publishable_interview,
    write_tone,
)
from .schemas import ohms_schema

pytestmark = pytest.mark.django_db
OHMS = "{https://www.weareavp.com/nunncenter/ohms}"
TEXTS = [
    "My name is Daniel Ordegaris.",
    "They said <b>call</b> us & tell --> everything.",
    "Rosa waited outside for a long time.",
    "We decided to tell our story instead.",
]


@pytest.fixture
def published(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(
        tone, editor, TEXTS, span=150, other_names=["Rosa Ortega"], redact=True, publish_audio=True
    )
    Segment.objects.filter(transcript__recording__interview=interview, position=1).update(
        speaker="Agent <one>"
    )
    page = draft_testimony(index, interview)
    IndexPoint.objects.create(
        page=page, time_seconds=75, title="The choice", title_alt="La decisión",
        synopsis="Deciding to speak.", keywords="story;family", keywords_alt="historia;familia",
    )  # fmt: skip
    prepare_interview(interview, alter_voice=False)
    return publish_testimony(page, editor)


def exported(page, fmt):
    out = StringIO()
    call_command("export", page.pk, "--format", fmt, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_is_redacted_and_labelled_as_machine_made(client, published, fmt, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    response = client.get(f"/testimonies/{published.pk}/export.{fmt}")
    assert response.status_code == 200
    body = response.content.decode()
    for secret in ("Ordegaris", "Rosa", "Daniel", "Ortega"):
        assert secret not in body, (fmt, secret)
    assert "[name]" in body
    assert "Machine transcript" in body
    assert exported(published, fmt).strip() == body.strip()


def test_webvtt_has_voice_tags_and_escaped_text(published):
    vtt = exported(published, "vtt")
    assert vtt.startswith("WEBVTT\n\n")
    assert "<v Agent one>They said &lt;b&gt;call&lt;/b&gt; us &amp; tell - -&gt; everything." in vtt
    assert "00:00:37.500 --> 00:01:15.000" in vtt


def test_srt_numbers_cues_with_comma_times(published):
    srt = exported(published, "srt")
    assert srt.startswith("1\n00:00:00,000 --> ")
    assert "00:01:15,000 --> 00:01:52,500\n[name] waited outside" in srt


def test_json_carries_words_with_times(published):
    document = json.loads(exported(published, "json"))
    assert document["machine_generated"] is True
    assert document["audio"][0].startswith("http://")
    words = document["segments"][3]["words"]
    assert words[0]["text"] == "We" and words[0]["start"] == pytest.approx(112.5)


def valid_ohms(page):
    """The OHMS export, checked against the published OHMS schema (tests/schemas/SOURCES.md)."""
    text = exported(page, "ohms")
    document = ET.fromstring(text.encode())  # noqa: S314 - our own output
    ohms_schema().assertValid(lxml_etree.fromstring(text.encode()))
    return document.find(f"{OHMS}record")


def test_ohms_xml_validates_and_syncs_word_by_word(client, published):
    record = valid_ohms(published)
    assert record.findtext(f"{OHMS}version") == "6.0"
    assert record.findtext(f"{OHMS}translate") == "0"
    point = record.find(f"{OHMS}index/{OHMS}point")
    assert point.findtext(f"{OHMS}time") == "75"
    assert point.findtext(f"{OHMS}title_alt") == "La decisión"
    assert point.findtext(f"{OHMS}keywords") == "story;family"
    assert point.findtext(f"{OHMS}partial_transcript").startswith("[name] waited")
    lines = record.findtext(f"{OHMS}transcript").split("\n")
    assert len(lines) == 4
    # One mark per whole minute: 60 s is at "tell", word 8 of line 2 counting "Agent one:";
    # 120 s is at "to", word 3 of line 4.
    assert record.findtext(f"{OHMS}sync") == "1:|2(8)|4(3)"
    assert lines[1].split()[7] == "tell" and lines[3].split()[2] == "to"
    # The OHMS Viewer's player for "Other" audio plays MP3: media_url is the MP3 rendition.
    media_url = record.findtext(f"{OHMS}media_url")
    assert media_url.endswith(".mp3")
    assert record.findtext(f"{OHMS}mediafile/{OHMS}host") == "Other"
    response = client.get(urlsplit(media_url).path)
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    with av.open(BytesIO(b"".join(response.streaming_content))) as container:
        assert container.streams.audio[0].codec_context.name.startswith("mp3")
        seconds = published.publication.audio_files[0][1]
        assert container.duration / 1e6 == pytest.approx(seconds, abs=0.05)


def test_ohms_xml_of_a_translated_testimony_without_audio_or_index_validates(tone, editor):
    from archive.consent.models import ConsentRecord
    from archive.transcription.models import Transcript

    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, ["Llegaron de noche.", "Nos fuimos."])
    ConsentRecord.objects.filter(interview=interview).update(translation_allowed=True)
    original = Transcript.objects.get(recording__interview=interview)
    add_translation(original, ["They came at night.", "We left."])
    page = publish_testimony(draft_testimony(index, interview), editor)
    record = valid_ohms(page)
    assert record.findtext(f"{OHMS}translate") == "1"
    assert record.findtext(f"{OHMS}transcript_alt_lang") == "en"
    assert record.findtext(f"{OHMS}transcript_alt").split("\n") == [
        "They came at night.",
        "We left.",
    ]
    assert record.find(f"{OHMS}media_url") is None, "no audio consent: no media"
    assert list(record.find(f"{OHMS}index")) == []


def test_ohms_xml_of_a_testimony_with_two_recordings_validates(tmp_path, tone, editor):
    from archive.ingest.store import ingest_recording

    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, ["First part."], publish_audio=True)
    second = ingest_recording(write_tone(tmp_path / "second.wav", seconds=2.0), interview=interview)
    create_transcript(second, ["Second part."])
    prepare_interview(interview, alter_voice=False)
    page = publish_testimony(draft_testimony(index, interview), editor)
    assert len(page.published_audio()) == 2
    record = valid_ohms(page)
    assert record.findtext(f"{OHMS}transcript") == "First part."
    assert record.findtext(f"{OHMS}media_url").endswith(".mp3")


def test_iiif_manifest_validates_against_presentation_3(published):
    document = json.loads(exported(published, "iiif"))
    manifest = Manifest(**document)
    assert manifest.items[0].duration == pytest.approx(150, abs=0.01)
    painting = document["items"][0]["items"][0]["items"][0]
    # Both renditions, Opus first: a viewer plays the first its browser can.
    assert painting["body"]["type"] == "Choice"
    opus, mp3 = painting["body"]["items"]
    assert (opus["type"], opus["format"]) == ("Sound", "audio/ogg")
    assert (mp3["type"], mp3["format"]) == ("Sound", "audio/mpeg")
    assert mp3["id"].endswith(".mp3") and mp3["duration"] == opus["duration"]
    captions, transcript = document["items"][0]["annotations"]
    notes = transcript["items"]
    assert notes[0]["motivation"] == "supplementing"
    assert notes[2]["target"].endswith("#t=75.000,112.500")


def test_iiif_manifest_links_the_captions_and_lists_the_index_as_ranges(client, published):
    response = client.get(f"/testimonies/{published.pk}/export.iiif")
    document = json.loads(response.content)
    Manifest(**document)
    canvas = document["items"][0]
    (captions,) = canvas["annotations"][0]["items"]
    assert captions["motivation"] == "supplementing" and captions["target"] == canvas["id"]
    assert captions["body"]["type"] == "Text" and captions["body"]["format"] == "text/vtt"
    vtt = client.get(captions["body"]["id"].removeprefix("http://testserver"))
    assert vtt.status_code == 200 and vtt.content.startswith(b"WEBVTT")
    (contents,) = document["structures"]
    (point,) = contents["items"]
    assert point["type"] == "Range"
    assert sorted(point["label"].values()) == [["La decisión"], ["The choice"]]
    assert point["items"] == [{"id": f"{canvas['id']}#t=75.000,150.000", "type": "Canvas"}]


def test_the_player_offers_opus_then_mp3_for_browsers_without_ogg(client, published):
    html = client.get(published.url, {"t": "75"}).content.decode()
    sources = re.findall(r'<source src="([^"]+)" type="([^"]+)">', html)
    assert [kind for _url, kind in sources] == ["audio/ogg; codecs=opus", "audio/mpeg"]
    for (url, kind), extension in zip(sources, ["ogg", "mp3"], strict=True):
        path, fragment = url.split("#")
        assert path.endswith(f".{extension}") and fragment == "t=75"
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == kind.split(";")[0]


def test_public_files_and_exports_are_readable_from_other_origins(client, published):
    audio_id = published.publication.audio_files[0][0]
    for url in (
        f"/testimonies/{published.pk}/export.iiif",
        f"/testimonies/{published.pk}/audio/{audio_id}.ogg",
        f"/testimonies/{published.pk}/audio/{audio_id}.mp3",
    ):
        response = client.get(url, HTTP_ORIGIN="https://viewer.example")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        preflight = client.options(
            url,
            HTTP_ORIGIN="https://viewer.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="range",
        )
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert "Range" in preflight["Access-Control-Allow-Headers"]
    ranged = client.get(
        f"/testimonies/{published.pk}/audio/{audio_id}.ogg", HTTP_RANGE="bytes=0-9",
        HTTP_ORIGIN="https://viewer.example",
    )  # fmt: skip
    assert ranged.status_code == 206
    assert "Content-Range" in ranged["Access-Control-Expose-Headers"]


def test_unpublished_testimonies_export_nothing(client, published):
    published.refresh_from_db()
    published.unpublish()
    for fmt in FORMATS:
        assert client.get(f"/testimonies/{published.pk}/export.{fmt}").status_code == 404
    with pytest.raises(CommandError):
        exported(published, "vtt")
