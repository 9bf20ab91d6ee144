"""The redact, consent and erase commands."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording

from ..conftest import (
    create_transcript,
    draft_testimony,
    give_consent,
    make_site_tree,
    private_files,
)

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def interview(tone):
    interview = Interview.objects.create(
        title="Daniel's story", narrator_legal_name="Daniel Ortega Ruiz", narrator_contact="x"
    )
    recording = ingest_recording(tone, interview=interview)
    create_transcript(recording, ["My name is Daniel Ordegaris.", "Call 5551234567 today."])
    return interview


def test_redact_suggests_as_json_then_accepts_all(interview):
    transcript = interview.recordings.get().transcripts.get()
    spans = json.loads(run("redact", transcript.pk, "--suggest", "--json"))
    by_category = {span["category"]: span for span in spans}
    assert by_category["person"]["text"] == "Daniel Ordegaris."
    assert by_category["phone"]["text"] == "5551234567"
    for span in spans:
        assert span["status"] == "suggested" and 0 <= span["start"] < span["end"]
    accepted = json.loads(run("redact", transcript.pk, "--accept-all", "--json"))
    assert {span["status"] for span in accepted} == {"accepted"}


def test_consent_show_says_whether_it_is_in_force(interview):
    give_consent(interview, publish_audio=True)
    shown = json.loads(run("consent", interview.pk, "--show", "--json"))
    assert shown["scopes"] == {"transcript": True, "audio": True, "photos": False}
    assert shown["in_force"] is True
    assert "publish the" not in run("consent", interview.pk, "--show")


def test_erase_removes_originals_and_personal_data_and_leaves_a_clean_audit_entry(
    interview, django_capture_on_commit_callbacks
):
    _home, index = make_site_tree()
    give_consent(interview)
    draft_testimony(index, interview)
    assert private_files()
    with django_capture_on_commit_callbacks(execute=True):
        run("erase", interview.pk, "--yes")
    interview.refresh_from_db()
    assert interview.narrator_legal_name == "" and "Daniel" not in interview.title
    assert not interview.recordings.exists() and not interview.testimony_pages.exists()
    assert not [p for p in private_files() if ".incoming" not in p.parts]
    entries = ModelLogEntry.objects.filter(object_id=str(interview.pk))
    assert "testimonio.erased" in set(entries.values_list("action", flat=True))
    assert not any("Daniel" in entry.label or "Daniel" in str(entry.data) for entry in entries)
