"""The publication gate on every way of publishing, parts outside consent, and withdrawal."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.log_actions import registry as log_registry
from wagtail.models import Workflow

from archive.consent.models import ConsentRecord
from archive.ingest.models import Interview
from archive.ingest.store import ingest_photo, ingest_recording
from archive.publication.approval import review
from archive.publication.gate import PublicationBlocked
from archive.publication.models import NotIdentifying
from archive.redaction.derivatives import prepare_interview
from archive.redaction.models import PhotoRedaction, RedactedAudio, RedactedPhoto, RedactionSpan
from archive.testimonies.models import TestimonyPage

from ..conftest import (
    EMPTY_INDEX,
    approve_testimony,
    create_transcript,
    draft_testimony,
    give_consent,
    make_site_tree,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(tone, tmp_path):
    """An interview with a transcript naming the narrator, a photo with GPS, and a draft page."""
    _home, index = make_site_tree()
    interview = Interview.objects.create(
        title="private title", narrator_legal_name="Daniel Ortega Ruiz", other_names=["Rosa"]
    )
    recording = ingest_recording(tone, interview=interview)
    transcript = create_transcript(recording, ["My name is Daniel Ordegaris.", "Rosa waited."])
    photo_path = tmp_path / "kitchen.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 44.0, 0.0)})
    Image.new("RGB", (64, 48), "blue").save(photo_path, exif=exif)
    ingest_photo(photo_path, interview=interview)
    page = draft_testimony(index, interview)
    return interview, transcript, page


def redact_and_approve(interview, transcript, page, editor, **scopes):
    consent = give_consent(interview, **scopes)
    call_command("redact", transcript.pk, "--suggest", "--accept-all", verbosity=0)
    prepare_interview(interview, consent.voice_alteration_required)
    approve_testimony(page, editor)
    return consent


def is_live(page):
    return TestimonyPage.objects.get(pk=page.pk).live


def test_no_consent_blocks_revision_publish_and_save(story):
    interview, transcript, page = story
    with pytest.raises(PublicationBlocked, match="no consent record"):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    page.live = True
    with pytest.raises(PublicationBlocked):
        page.save()
    assert not is_live(page)


def test_consent_without_an_approved_redaction_review_blocks_publishing(story):
    interview, transcript, page = story
    give_consent(interview)
    with pytest.raises(PublicationBlocked, match="redaction review"):
        page.get_latest_revision().publish()
    assert not is_live(page)


def test_admin_publish_shows_the_reason_and_saves_a_draft(story, editor_client):
    interview, transcript, page = story
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "narrator_display_name": "Tomás",
            "summary": page.summary,
            "interview": interview.pk,
            "place": "",
            "interview_when": "",
            "languages": "",
            "topics": "",
            "body-count": "0",
            **EMPTY_INDEX,
            "action-publish": "publish",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "no consent record" in response.content.decode()
    assert not is_live(page)


def test_scheduled_publishing_is_held_not_published(story):
    interview, transcript, page = story
    give_consent(interview)
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert not is_live(page)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_bulk_publish_is_refused_without_a_server_error(story, editor_client):
    interview, transcript, page = story
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={page.pk}&next=/admin/"
    )
    response = editor_client.post(url, {}, follow=True)
    assert response.status_code == 200
    assert not is_live(page)


def test_workflow_tasks_refuse_approval_until_consent_and_review_allow(
    story, editor, editor_client
):
    interview, transcript, page = story
    workflow = Workflow.objects.get(name="Testimony review")
    assert workflow.tasks.count() == 2
    assert page.get_workflow() == workflow
    workflow.start(page, editor)
    state = page.current_workflow_task_state.specific
    task = state.task.specific
    assert [a[0] for a in task.get_actions(page, editor)] == ["reject"]
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    editor_client.post(url)
    state.refresh_from_db()
    assert state.status == "in_progress"
    with pytest.raises(PublicationBlocked):
        task.on_action(state, editor, "approve")


def test_approved_testimony_publishes_only_what_consent_allows(story, editor, client):
    interview, transcript, page = story
    redact_and_approve(interview, transcript, page, editor, publish_photos=True)
    page.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert "[name]" in html and "waited" in html
    assert "Ordegaris" not in html and "Rosa" not in html
    assert "<audio" not in html  # audio was not consented
    audio = RedactedAudio.objects.get()  # rendered for the review, never for the public
    for extension in ("ogg", "mp3"):
        assert client.get(f"/testimonies/{page.pk}/audio/{audio.pk}.{extension}").status_code == 404
    photo = page.published_photos()[0]
    response = client.get(photo.url)
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    assert (
        b"Exif" not in served and Image.open(RedactedPhoto.objects.get().file.path).getexif() == {}
    )


def test_a_removed_redaction_changes_nothing_public_and_cannot_be_approved_while_readable(
    story, editor, client
):
    interview, transcript, page = story
    redact_and_approve(interview, transcript, page, editor)
    page.get_latest_revision().publish()
    assert client.get(page.url).status_code == 200
    RedactionSpan.objects.filter(text__contains="Rosa").update(status="rejected")
    html = client.get(page.url).content.decode()
    assert "Rosa" not in html and "[name] waited" in html  # still what was reviewed
    problems = " ".join(map(str, review(page).problems))
    assert "Rosa" in problems
    with pytest.raises(PublicationBlocked, match="Rosa"):
        approve_testimony(page, editor)


def test_withdrawal_removes_every_public_trace(story, editor, client):
    interview, transcript, page = story
    consent = redact_and_approve(interview, transcript, page, editor, publish_photos=True)
    page.get_latest_revision().publish()
    photo_url = page.published_photos()[0].url
    derivative = RedactedPhoto.objects.get()
    assert client.get(photo_url).status_code == 200
    assert TestimonyPage.objects.live().search("inform").count() == 1

    consent.withdrawn_on = datetime.date.today()
    consent.withdrawn_recorded_by = editor
    consent.withdrawal_reason = "Narrator asked by phone."
    consent.save()

    response = client.get(page.url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "withdrawn at the narrator's request" in html
    assert page.title not in html and "Tomás" not in html and "neighbours" not in html
    assert client.get(photo_url).status_code == 404
    assert client.get(f"/testimonies/{page.pk}/export.vtt").status_code == 404
    assert not RedactedPhoto.objects.exists()
    assert not Path(derivative.file.path).exists()
    assert not is_live(page)
    assert TestimonyPage.objects.live().search("inform").count() == 0
    actions = set(log_registry.get_logs_for_instance(consent).values_list("action", flat=True))
    assert "testimonio.consent_withdrawn" in actions
    with pytest.raises(PublicationBlocked, match="withdrawn"):
        page.get_latest_revision().publish()


def test_consent_records_are_never_deleted(story, admin_client):
    interview, transcript, page = story
    consent = give_consent(interview)
    with pytest.raises(Exception, match="never deleted"):
        consent.delete()
    url = reverse("wagtailsnippets_consent_consentrecord:delete", args=[consent.pk])
    assert admin_client.post(url).status_code in (302, 403)
    assert ConsentRecord.objects.filter(pk=consent.pk).exists()


def test_photo_rectangles_are_covered_in_the_public_copy(story, editor):
    interview, transcript, page = story
    photo = interview.photos.get()
    PhotoRedaction.objects.create(photo=photo, x=0, y=0, width=0.5, height=1)
    redact_and_approve(interview, transcript, page, editor, publish_photos=True)
    clean = Image.open(RedactedPhoto.objects.get().file.path).convert("RGB")
    assert clean.getpixel((5, 5)) == (0, 0, 0)
    assert clean.getpixel((60, 5))[2] > 200


def test_editors_preview_the_redacted_text_before_the_review(story, editor_client):
    interview, transcript, page = story
    give_consent(interview)
    call_command("redact", transcript.pk, "--suggest", "--accept-all", verbosity=0)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    editor_client.post(
        url,
        {
            "title": page.title,
            "slug": page.slug,
            "narrator_display_name": "Tomás",
            "summary": page.summary,
            "interview": interview.pk,
            "body-count": "0",
            **EMPTY_INDEX,
        },
    )
    html = editor_client.get(url).content.decode()
    assert "[name]" in html and "waited" in html
    assert "Ordegaris" not in html


def test_a_consent_that_expires_while_live_takes_the_page_and_its_card_down(story, editor, client):
    interview, transcript, page = story
    consent = redact_and_approve(interview, transcript, page, editor)
    page.get_latest_revision().publish()
    index = page.get_parent()
    assert page.title in client.get(index.url).content.decode()
    ConsentRecord.objects.filter(pk=consent.pk).update(expires_on=datetime.date.today())
    assert client.get(page.url).status_code == 404
    assert page.title not in client.get(index.url).content.decode()


def test_the_page_s_own_text_may_not_name_private_people(story, editor):
    interview, transcript, page = story
    redact_and_approve(interview, transcript, page, editor)
    page.summary = "Rosa waited for him."
    page.save_revision()
    with pytest.raises(PublicationBlocked, match="Rosa"):
        page.get_latest_revision().publish()
    # A sound-alike blocks too, until an editor records that it identifies nobody.
    page.summary = "Una vida en el valle, de una familia."
    revision = page.save_revision()
    with pytest.raises(PublicationBlocked, match="vida en el"):
        revision.publish()
    NotIdentifying.objects.create(
        interview=interview, where="summary", found="vida en el", term="", decided_by=editor
    )
    revision.publish()
    assert is_live(page)
