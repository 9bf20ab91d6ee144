"""The transcript editor and the live progress bar, in a real Chromium."""

import pytest
from django.urls import reverse

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.models import RedactionSpan
from archive.transcription.models import JobStatus, TranscriptionJob

from ..conftest import create_transcript

pytestmark = [
    pytest.mark.browser,
    # Committed data, so the live server's thread sees it. The flush after a transactional test
    # also empties what the data migrations made (groups, root page); serialized_rollback puts
    # it back first. One journey: an editor follows a job's progress, then corrects and redacts
    # the transcript it made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXTS = [
    "My name is Daniel and I have lived here twelve years.",
    "One morning in March two agents stopped me.",
    "They told me to call them with my neighbours names.",
]


@pytest.fixture
def transcript(speech_en):
    recording = ingest_recording(
        speech_en, interview=Interview(title="Hardware store", narrator_legal_name="N")
    )
    return create_transcript(
        recording, TEXTS, span=24.0, confidence=lambda word: 0.2 if word == "Daniel" else 0.95
    )


def player_time(page):
    return page.evaluate("document.querySelector('[data-player]').currentTime")


def follow_progress(page, transcript):
    job = TranscriptionJob.objects.create(
        recording=transcript.recording,
        engine="faster-whisper",
        model="base",
        status=JobStatus.RUNNING,
        duration_seconds=26.5,
        processed_seconds=2,
    )
    url = reverse("wagtailsnippets_ingest_interview:edit", args=[transcript.recording.interview_id])
    page.goto(url + "#tab-recordings_and_photos")
    bar = page.locator("[data-job-bar]")
    assert float(bar.get_attribute("value")) < 0.1

    TranscriptionJob.objects.filter(pk=job.pk).update(processed_seconds=13.25)
    page.wait_for_function("document.querySelector('[data-job-bar]').value > 0.45")
    transcript.job = job
    transcript.save()
    TranscriptionJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    page.wait_for_selector("a:has-text('Open the transcript')")
    assert page.evaluate("document.querySelector('[data-job-bar]').value") == 1
    assert page.url.endswith("#tab-recordings_and_photos"), "the page was never reloaded"


def test_editor_follows_a_job_then_corrects_its_transcript(logged_in_page, editor, transcript):
    page = logged_in_page(editor)
    follow_progress(page, transcript)
    page.goto(reverse("transcription_editor", args=[transcript.pk]))
    rows = page.locator(".segment")
    assert rows.count() == 3
    assert page.locator("mark.low-confidence").first.inner_text() == "Daniel"
    page.wait_for_function("document.querySelector('[data-player]').readyState >= 1")

    page.evaluate("document.querySelector('[data-player]').currentTime = 9.5")
    page.wait_for_selector(".segment:nth-child(2).is-current")
    assert page.locator(".segment.is-current").count() == 1

    page.locator(".segment:nth-child(3) .segment__time").click()
    page.wait_for_function("Math.abs(document.querySelector('[data-player]').currentTime - 16) < 1")
    page.wait_for_selector(".segment:nth-child(3).is-current")

    page.evaluate("document.querySelector('[data-player]').pause()")
    before = player_time(page)
    page.keyboard.press("Alt+j")
    assert player_time(page) == pytest.approx(max(0, before - 5), abs=0.6)

    first_text = page.locator(".segment__text").nth(0)
    first_text.click()
    page.keyboard.press("End")
    page.keyboard.type(" Really.")
    second_text = page.locator(".segment__text").nth(1)
    second_text.click()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("Control+ArrowRight")
    page.locator(".segment:nth-child(2) button", has_text="Split").click()
    assert page.locator(".segment").count() == 4
    page.locator(".segment").nth(0).locator("input").fill("Narrator")
    page.keyboard.press("Control+s")
    page.wait_for_selector("[data-save-status]:has-text('Saved at')")

    saved = list(transcript.segments.all())
    assert len(saved) == 4
    assert saved[0].text.endswith("Really.")
    assert saved[0].speaker == "Narrator"
    assert saved[1].text == "One morning in"
    assert saved[2].text == "March two agents stopped me."
    assert saved[1].end == saved[2].start == pytest.approx(8.0 + 3 * 8.0 / 8, abs=0.01)
    transcript.refresh_from_db()
    assert transcript.revisions.count() == 2
    assert transcript.latest_revision.user == editor

    # Select two words in the saved transcript and redact them from the editor itself.
    page.reload()
    page.evaluate(
        """() => {
            const text = document.querySelectorAll('.segment__text')[2];
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf('agents');
                if (at >= 0) range.setStart(node, at);
                const end = node.textContent.indexOf('stopped');
                if (end >= 0) range.setEnd(node, end + 'stopped'.length);
            }
            document.getSelection().removeAllRanges();
            document.getSelection().addRange(range);
        }"""
    )
    page.wait_for_selector("[data-redact-status]:has-text('Selected: agents stopped')")
    page.select_option("[data-redact-selection] select", "other")
    page.locator("[data-redact-button]").click()
    page.wait_for_selector("text=Redaction added.")
    span = RedactionSpan.objects.get()
    assert (span.text, span.category, span.status) == ("agents stopped", "other", "accepted")
    assert span.start == pytest.approx(saved[2].words[2][0], abs=0.01)
    assert "transcripts" in page.url
