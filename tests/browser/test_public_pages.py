"""The public pages in a real Chromium: the player and its synced transcript, links to moments,
captions from the WebVTT export, keyboard use, and axe-core's accessibility rules."""

from pathlib import Path

import pytest
from wagtail.models import Page, Site

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.derivatives import render_audio
from archive.redaction.review import approve
from archive.testimonies.models import HomePage, IndexPoint, TestimonyIndexPage

from ..conftest import create_transcript, draft_testimony, give_consent

pytestmark = [
    pytest.mark.browser,
    # Committed data for the live server's thread; serialized_rollback restores what the data
    # migrations made (root page, groups, workflow) for the tests that come after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TEXTS = [
    "My name is Daniel and I have lived here twelve years.",
    "One morning in March two agents stopped me.",
    "They told me to call them with my neighbours names.",
]


@pytest.fixture
def testimony(speech_en, editor):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Testimonio", slug="home-browser"))
    Site.objects.update(root_page=home)
    index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
    index.save_revision().publish()
    interview = Interview.objects.create(title="t", narrator_legal_name="Daniel Ortega Ruiz")
    recording = ingest_recording(speech_en, interview=interview)
    create_transcript(recording, TEXTS, span=24.0)
    consent = give_consent(interview, publish_audio=True)
    render_audio(recording, alter_voice=False)
    approve(interview, consent.voice_alteration_required, editor)
    page = draft_testimony(index, interview)
    IndexPoint.objects.create(page=page, time_seconds=8, title="Stopped by agents")
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def player(page, expression):
    return page.evaluate(f"document.querySelector('[data-player]').{expression}")


def accessibility_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )


def test_a_reader_listens_follows_links_and_finds_words(browser, live_server, testimony):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(15_000)

    page.goto(testimony.url + "?t=9")
    page.wait_for_function("document.querySelector('[data-player]').readyState >= 1")
    page.wait_for_function("Math.abs(document.querySelector('[data-player]').currentTime - 9) < 1")
    assert page.locator("[data-segments] li.is-current").inner_text().startswith("0:08")

    # Captions come from the redacted WebVTT export, one cue per segment.
    page.wait_for_function(
        "document.querySelector('[data-player]').textTracks[0].cues?.length === 3"
    )
    first_cue = player(page, "textTracks[0].cues[0].text")
    assert first_cue == TEXTS[0]

    # A click on a segment's time seeks there and makes the address a link to that moment.
    page.locator(".transcript__time", has_text="0:16").click()
    page.wait_for_function("Math.abs(document.querySelector('[data-player]').currentTime - 16) < 1")
    assert page.url.endswith("?t=16")
    player(page, "pause()")

    # By keyboard: Tab to a time link, Enter seeks.
    page.locator(".contents a").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("Math.abs(document.querySelector('[data-player]').currentTime - 8) < 1")
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


def test_without_javascript_the_transcript_reads_and_the_audio_starts_at_the_moment(
    browser, live_server, testimony
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(testimony.url + "?t=16")
    assert page.locator("[data-segments] li").count() == 3
    assert page.locator("[data-player]").get_attribute("src").endswith("#t=16")
    assert page.locator("[data-share]").is_hidden()
