import hashlib

import pytest
from django.db import IntegrityError

from archive.ingest.models import Interview, Recording
from archive.ingest.store import ingest_recording
from archive.testimonies.models import TestimonyPage

from .conftest import draft_testimony, make_site_tree, publish_testimony, publishable_interview

pytestmark = pytest.mark.django_db


def test_public_name_defaults_to_initials_of_the_legal_name():
    interview = Interview.objects.create(title="t", narrator_legal_name="María Elena Castillo-Ruiz")
    assert interview.narrator_display_name == "M.E.C.R."


def test_a_given_public_name_is_kept():
    interview = Interview.objects.create(
        title="t", narrator_legal_name="Daniel Ortega Ruiz", narrator_display_name="Tomás"
    )
    assert interview.narrator_display_name == "Tomás"


def test_recording_keeps_probe_facts_and_exact_bytes(speech_en):
    interview = Interview(title="t", narrator_legal_name="N")
    recording = ingest_recording(speech_en, interview=interview)
    recording.refresh_from_db()
    assert recording.codec == "opus"
    assert recording.channels == 1
    assert recording.sample_rate == 48000
    assert 25 < recording.duration_seconds < 28
    assert not recording.has_video
    with recording.open_decrypted() as stored:
        plaintext = stored.read()
    assert plaintext == speech_en.read_bytes()
    assert recording.sha256 == hashlib.sha256(plaintext).hexdigest()
    assert recording.size_bytes == len(plaintext)


def test_an_interview_can_hold_several_recordings(speech_en, speech_es):
    interview = ingest_recording(
        speech_en, interview=Interview(title="t", narrator_legal_name="N")
    ).interview
    ingest_recording(speech_es, interview=interview)
    assert interview.recordings.count() == 2


def test_the_same_bytes_cannot_be_recorded_twice(speech_en):
    recording = ingest_recording(speech_en, interview=Interview(title="t", narrator_legal_name="N"))
    with pytest.raises(IntegrityError):
        Recording.objects.create(
            interview=recording.interview,
            sha256=recording.sha256,
            size_bytes=1,
            extension="ogg",
            duration_seconds=1,
            container_format="ogg",
            codec="opus",
            sample_rate=1,
            channels=1,
        )


def test_interview_edits_are_kept_as_revisions():
    interview = Interview.objects.create(title="first", narrator_legal_name="N")
    interview.save_revision()
    interview.title = "second"
    interview.save()
    interview.save_revision()
    titles = [rev.as_object().title for rev in interview.revisions.order_by("created_at")]
    assert titles == ["first", "second"]


def test_testimony_page_shows_the_public_name_never_the_legal_name(client, tone, editor):
    _home, index = make_site_tree()
    page = draft_testimony(index, publishable_interview(tone, editor))
    page.topics.add("family")
    page.save_revision()
    publish_testimony(page, editor)
    html = client.get(page.url).content.decode()
    assert "Tomás" in html and "family" in html and "We were told to inform." in html
    for secret in ("Daniel", "Ortega", "559 421", "private title"):
        assert secret not in html


def test_testimony_pages_only_live_under_the_browse_page():
    home, index = make_site_tree()
    assert TestimonyPage.can_create_at(index)
    assert not TestimonyPage.can_create_at(home)
