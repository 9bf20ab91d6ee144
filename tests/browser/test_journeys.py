"""Real Chromium journeys: an editor through the progress bar, transcript editor and redaction,
then the same pages with the admin in Spanish (axe-core checks them); then a reader through the
public pages (player, synced transcript, captions from the WebVTT export, links to moments,
keyboard, Spanish, no JavaScript) with axe-core's accessibility rules; then a IIIF viewer
(Mirador) on another site playing the testimony from its manifest.

One test holds both journeys: a transactional test ends with a flush that also empties what the
data migrations made (root page, groups, workflow), so a second one would start without them."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.derivatives import render_audio
from archive.redaction.models import RedactedAudio, RedactionSpan, SpanStatus, Verification
from archive.redaction.spans import decide
from archive.testimonies.models import HomePage, IndexPoint, TestimonyIndexPage
from archive.transcription.models import JobStatus, TranscriptionJob

from ..conftest import create_transcript, draft_testimony, give_consent, publish_testimony

pytestmark = [
    pytest.mark.browser,
    # Committed data, so the live server's thread sees it.
    pytest.mark.django_db(transaction=True),
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


def wait_until(page, condition):
    # Playwright re-evaluates a bare expression with eval() while it polls, which the public
    # pages' Content-Security-Policy refuses (so the wait failed whenever the condition was not
    # already true at the first look); a function is polled without eval().
    page.wait_for_function(f"() => {condition}")


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
    # As an editor would: the tab is chosen, not trusted to the address's fragment alone (on a
    # loaded machine the fragment was seen to leave the tab closed).
    page.get_by_role("tab", name="Recordings and photos").click()
    bar = page.locator("[data-job-bar]")
    bar.wait_for(state="visible")
    assert float(bar.get_attribute("value")) < 0.1

    TranscriptionJob.objects.filter(pk=job.pk).update(processed_seconds=13.25)
    wait_until(page, "document.querySelector('[data-job-bar]').value > 0.45")
    transcript.job = job
    transcript.save()
    TranscriptionJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    page.wait_for_selector("a:has-text('Open the transcript')")
    assert page.evaluate("document.querySelector('[data-job-bar]').value") == 1
    assert page.url.endswith("#tab-recordings_and_photos"), "the page was never reloaded"


def editor_journey(page, editor, transcript):
    """An editor follows a job's progress, then corrects and redacts the transcript it made."""
    follow_progress(page, transcript)
    page.goto(reverse("transcription_editor", args=[transcript.pk]))
    rows = page.locator(".segment")
    assert rows.count() == 3
    assert page.locator("mark.low-confidence").first.inner_text() == "Daniel"
    wait_until(page, "document.querySelector('[data-player]').readyState >= 1")

    page.evaluate("document.querySelector('[data-player]').currentTime = 9.5")
    page.wait_for_selector(".segment:nth-child(2).is-current")
    assert page.locator(".segment.is-current").count() == 1

    page.locator(".segment:nth-child(3) .segment__time").click()
    wait_until(page, "Math.abs(document.querySelector('[data-player]').currentTime - 16) < 1")
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

    # Name the speaker once, by keyboard, for every turn of theirs.
    page.reload()
    page.get_by_label("Narrator", exact=True).fill("Tomás")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Speakers renamed throughout the transcript.")
    assert page.locator(".segment").nth(0).locator("input").input_value() == "Tomás"
    assert set(transcript.segments.values_list("speaker", flat=True)) == {"Tomás", ""}
    assert transcript.revisions.count() == 3

    # Select two words in the saved transcript and redact them from the editor itself.
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
    # Saving ran the detectors by themselves ("Daniel"); the editor's own span is accepted.
    assert RedactionSpan.objects.filter(status="suggested", text__contains="Daniel").exists()
    span = RedactionSpan.objects.get(source="editor")
    assert (span.text, span.category, span.status) == ("agents stopped", "other", "accepted")
    assert span.start == pytest.approx(saved[2].words[2][0], abs=0.01)
    assert "transcripts" in page.url


def spanish_admin_journey(page, editor, transcript):
    """The editor switches the admin to Spanish in their account: the transcript editor (its
    script's strings too) and the redaction page are in Spanish, and axe-core finds nothing."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    try:
        page.goto(reverse("transcription_editor", args=[transcript.pk]))
        assert page.locator("html").get_attribute("lang") == "es"
        page.wait_for_selector(".segment")
        assert (
            page.locator(".segment__time")
            .first.get_attribute("title")
            .startswith("Reproducir desde")
        )
        assert page.get_by_role("button", name="Guardar", exact=True).is_visible()
        page.locator(".segment__text").first.click()
        page.keyboard.type(" ")
        page.wait_for_selector("[data-save-status]:has-text('Cambios sin guardar')")
        assert accessibility_violations(page) == []

        page.goto(reverse("redaction_interview", args=[transcript.recording.interview_id]))
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.get_by_role("heading", name="Lectura y escucha final").is_visible()
        assert accessibility_violations(page) == []
    finally:
        profile.preferred_language = ""
        profile.save()


AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def testimony(speech_es, editor):
    """A published testimony with redacted audio, transcript and an index point (its own
    recording: the same file cannot be ingested twice)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Testimonio", slug="home-browser"))
    Site.objects.update(root_page=home)
    index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
    index.save_revision().publish()
    interview = Interview.objects.create(title="t", narrator_legal_name="Narrator Example")
    recording = ingest_recording(speech_es, interview=interview)
    transcript = create_transcript(recording, TEXTS, span=24.0)
    # "Daniel" is this story's pseudonym: the editor decides the suggestion identifies nobody.
    decide(transcript.redactions.all(), SpanStatus.REJECTED, editor)
    give_consent(interview, publish_audio=True)
    # The reader's journey is under test here, not Whisper's listening check (that has its
    # own tests): the rendered audio counts as listened to.
    audio = render_audio(recording, alter_voice=False)
    RedactedAudio.objects.filter(pk=audio.pk).update(verification=Verification.CLEAN)
    page = draft_testimony(index, interview)
    IndexPoint.objects.create(page=page, time_seconds=8, title="Stopped by agents")
    page.save_revision()
    publish_testimony(page, editor)
    return page.specific_class.objects.get(pk=page.pk)


def player(page, expression):
    return page.evaluate(f"document.querySelector('[data-player]').{expression}")


def accessibility_violations(page):
    # Served as a same-origin file, since the pages' Content-Security-Policy refuses inline
    # scripts (and the test should not switch that policy off).
    page.route("**/__axe__.js", lambda route: route.fulfill(path=str(AXE)))
    page.add_script_tag(url="/__axe__.js")
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )


def reader_journey(browser, live_server, testimony):
    """A reader listens, follows links to moments, finds words, by mouse and keyboard, in both
    languages and without JavaScript; axe-core finds no violation on any public page."""
    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(15_000)

    page.goto(testimony.url + "?t=9")
    wait_until(page, "document.querySelector('[data-player]').readyState >= 1")
    wait_until(page, "Math.abs(document.querySelector('[data-player]').currentTime - 9) < 1")
    assert page.locator("[data-segments] li.is-current").inner_text().startswith("0:08")

    # Captions come from the redacted WebVTT export, one cue per segment.
    wait_until(page, "document.querySelector('[data-player]').textTracks[0].cues?.length === 3")
    first_cue = player(page, "textTracks[0].cues[0].text")
    assert first_cue == TEXTS[0]

    # A click on a segment's time seeks there and makes the address a link to that moment.
    page.locator(".transcript__time", has_text="0:16").click()
    wait_until(page, "Math.abs(document.querySelector('[data-player]').currentTime - 16) < 1")
    assert page.url.endswith("?t=16")
    player(page, "pause()")

    # By keyboard: Tab to a time link, Enter seeks.
    page.locator(".contents a").focus()
    page.keyboard.press("Enter")
    wait_until(page, "Math.abs(document.querySelector('[data-player]').currentTime - 8) < 1")
    assert page.locator("li.is-current").count() == 1

    page.fill("[data-find]", "agents")
    page.wait_for_selector("[data-find-status]:has-text('1 found')")
    page.locator("[data-find]").press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "0:08"

    for language in ("en", "es"):
        if language == "es":
            page.locator("button[lang=es]").click()
            page.wait_for_selector("html[lang=es]")
        for path in ("/", "/testimonies/", testimony.url, "/search/?q=agents"):
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            assert accessibility_violations(page) == [], (language, path)

    # Without JavaScript the transcript reads and the audio starts at the linked moment.
    page = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
    page.goto(testimony.url + "?t=16")
    assert page.locator("[data-segments] li").count() == 3
    for source in page.locator("[data-player] source").all():
        assert source.get_attribute("src").endswith("#t=16")
    assert page.locator("[data-share]").is_hidden()


MIRADOR = Path(__file__).resolve().parent / "vendor" / "mirador-4.0.0" / "mirador.min.js"
VIEWER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another archive's viewer</title></head>
<body><div id="viewer" style="width: 1200px; height: 800px"></div>
<script src="mirador.min.js"></script>
<script>
Mirador.viewer({{id: "viewer", windows: [{{manifestId: "{manifest}", sideBarOpen: true}}]}});
</script>
</body></html>"""


def iiif_viewer_journey(browser, live_server, testimony, folder):
    """Mirador, served from another origin (127.0.0.1 against the site's localhost), opens the
    manifest as another archive's viewer would: it plays the audio and lists the index."""
    manifest = f"{live_server.url}/testimonies/{testimony.pk}/export.iiif"
    (folder / "index.html").write_text(VIEWER_PAGE.format(manifest=manifest))
    (folder / "mirador.min.js").write_bytes(MIRADOR.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
        page.wait_for_selector("audio")
        page.get_by_role("tab", name="Index").click()
        assert page.get_by_text("Stopped by agents").is_visible(), "the index as contents"
        page.evaluate("document.querySelector('audio').play()")
        wait_until(page, "document.querySelector('audio').currentTime > 0.5")
        assert "localhost" in page.evaluate("document.querySelector('audio').currentSrc")
    finally:
        server.shutdown()


def test_an_editor_then_a_reader_then_another_archive_s_viewer(
    logged_in_page, browser, live_server, editor, transcript, testimony, tmp_path
):
    editor_page = logged_in_page(editor)
    editor_journey(editor_page, editor, transcript)
    spanish_admin_journey(editor_page, editor, transcript)
    reader_journey(browser, live_server, testimony)
    iiif_viewer_journey(browser, live_server, testimony, tmp_path)
