"""Engines come from TESTIMONIO_TRANSCRIPTION_ENGINES: a third one is added in settings alone,
and the job, the CLI and the admin all offer and run it. Here the third engine is faster-whisper
again with greedy decoding (OPTIONS beam_size=1), run for real on the Spanish demo speech."""

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.transcription.engines import get_engine
from archive.transcription.jobs import start_job
from archive.transcription.models import TranscriptionJob

from ..conftest import DEMO_AUDIO
from .conftest import word_error_rate

pytestmark = pytest.mark.django_db
THREE = {
    "faster-whisper": {"CLASS": "archive.transcription.engines.FasterWhisperEngine"},
    "openai-whisper": {"CLASS": "archive.transcription.engines.OpenAIWhisperEngine"},
    "faster-whisper-greedy": {
        "CLASS": "archive.transcription.engines.FasterWhisperEngine",
        "OPTIONS": {"beam_size": 1},
    },
}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def recording():
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    return ingest_recording(DEMO_AUDIO / "demo-es.ogg", interview=interview)


@override_settings(TESTIMONIO_TRANSCRIPTION_ENGINES=THREE)
def test_an_engine_added_in_settings_runs_a_job_with_its_options(recording):
    engine = get_engine("faster-whisper-greedy")
    assert engine.options == {"beam_size": 1}
    transcript = start_job(recording, engine="faster-whisper-greedy").transcripts.get()
    assert transcript.engine == "faster-whisper-greedy"
    assert transcript.is_complete
    assert word_error_rate(transcript.text, "es") < 0.35


@override_settings(TESTIMONIO_TRANSCRIPTION_ENGINES=THREE, TASKS=DUMMY_TASKS)
def test_the_cli_and_the_admin_offer_every_configured_engine(recording, reporter_client):
    call_command("transcribe", recording.pk, "--engine", "faster-whisper-greedy", stdout=StringIO())
    assert TranscriptionJob.objects.get().engine == "faster-whisper-greedy"
    edit = reverse("wagtailsnippets_ingest_interview:edit", args=[recording.interview_id])
    page = reporter_client.get(edit).content.decode()
    assert '<option value="faster-whisper-greedy">faster-whisper-greedy (fast)</option>' in page
    assert '<option value="openai-whisper">openai-whisper (reference)</option>' in page


def test_an_unknown_or_misconfigured_engine_is_refused_with_what_to_fix(recording, settings):
    with pytest.raises(ValueError, match="choose one of faster-whisper, openai-whisper"):
        start_job(recording, engine="cloud-whisper")
    settings.TESTIMONIO_TRANSCRIPTION_ENGINES = {"broken": {"CLASS": "archive.nowhere.Engine"}}
    with pytest.raises(ImproperlyConfigured, match=r"TESTIMONIO_TRANSCRIPTION_ENGINES\['broken'\]"):
        get_engine("broken")
    settings.TESTIMONIO_TRANSCRIPTION_ENGINES = {
        "odd": {"CLASS": "archive.ingest.models.Recording"}
    }
    with pytest.raises(ImproperlyConfigured, match="does not derive from Engine"):
        get_engine("odd")
    assert not TranscriptionJob.objects.exists()
