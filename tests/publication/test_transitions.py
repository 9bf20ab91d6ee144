"""Each way around the review found on the old design, tried again as the transition it was:
what the public sees is the reviewed publication, whatever happens after the approval."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from archive.consent.models import ConsentRecord
from archive.publication.approval import approve, review
from archive.publication.gate import PublicationBlocked
from archive.publication.models import NotIdentifying, Publication, PublishedSegment
from archive.redaction.derivatives import prepare_interview
from archive.redaction.models import RedactedAudio, RedactionSpan, SpanStatus, Verification
from archive.redaction.spans import decide, redacted_translation
from archive.testimonies.exports import FORMATS
from archive.testimonies.models import TestimonyPage
from archive.transcription.editing import editor_segments
from archive.transcription.models import Segment, Transcript

from ..conftest import (
    approve_testimony,
    create_transcript,
    draft_testimony,
    make_site_tree,
    publish_testimony,
    publishable_interview,
    readable,
    write_tone,
)

pytestmark = pytest.mark.django_db

TEXTS = [
    "My name is Daniel Ordegaris.",
    "Call me at 559 421 8037.",
    "My wife Rosa waited outside the store.",
    "We decided to tell our story.",
]
LEAKS = ("Ordegaris", "Daniel", "Rosa", "8037")


def published_story(tone, editor, **scopes):
    _home, index = make_site_tree()
    interview = publishable_interview(
        tone, editor, TEXTS, span=20, other_names=["Rosa Ortega"], redact=True, **scopes
    )
    if scopes.get("publish_audio"):
        prepare_interview(interview, alter_voice=False)
    page = publish_testimony(draft_testimony(index, interview), editor)
    return page, interview


def everything_public(page):
    """Every public response about the page, as an anonymous visitor gets it."""
    client = Client()
    bodies = [client.get(page.url).content.decode()]
    bodies += [
        client.get(f"/testimonies/{page.pk}/export.{fmt}").content.decode() for fmt in FORMATS
    ]
    for word in ("store", "story"):
        bodies.append(client.get("/search/", {"q": word}).content.decode())
    bodies.append(client.get(page.get_parent().url).content.decode())
    bodies.append(client.get("/").content.decode())
    return readable("\n".join(bodies))


def review_json(page):
    out = StringIO()
    call_command("review", page.pk, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_new_transcript_version_publishes_nothing_and_its_review_has_a_floor(tone, editor):
    page, interview = published_story(tone, editor)
    recording = interview.recordings.get()
    # What `manage.py transcribe` leaves: a new, unredacted version (the detectors run on it).
    version = create_transcript(recording, TEXTS, span=20, version=2)
    public = everything_public(page)
    assert "[name] waited" in public
    assert not any(leak in public for leak in LEAKS)
    for leak in LEAKS:
        assert "0 moments found" in Client().get("/search/", {"q": leak}).content.decode()

    result = review_json(page)
    assert result["page"] == page.pk and result["approvable"] is False
    assert any("still need a decision" in problem for problem in result["problems"])
    # Rejecting every suggestion does not get past the floor: the private names still read.
    decide(version.redactions.all(), SpanStatus.REJECTED, editor)
    with pytest.raises(CommandError) as refused:
        call_command("review", page.pk, "--approve", "--as", editor.username, "--publish")
    assert "Daniel Ortega Ruiz" in str(refused.value) and "Rosa Ortega" in str(refused.value)
    assert "private phone number" in str(refused.value)
    assert not any(leak in everything_public(page) for leak in LEAKS)


def test_an_edit_after_approval_waits_for_a_new_review(tmp_path, editor, editor_client):
    page, interview = published_story(write_tone(tmp_path / "long.wav", seconds=21), editor)
    transcript = Transcript.objects.get(recording__interview=interview)
    document = {
        "segments": editor_segments(transcript),
        "revision": transcript.latest_revision.pk,
    }
    document["segments"][3]["text"] = "We decided to tell our story to Rosa Ortega."
    response = editor_client.post(
        reverse("transcription_save", args=[transcript.pk]),
        json.dumps(document),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert "Rosa Ortega" not in everything_public(page)
    # The detectors ran on the saved revision by themselves, and found the name.
    assert transcript.redactions.filter(status=SpanStatus.SUGGESTED).exists()
    assert not review(page).approvable


def test_widening_consent_publishes_nothing_new(tone, editor, editor_client):
    page, interview = published_story(tone, editor)  # transcript only
    prepare_interview(interview, alter_voice=False)  # audio rendered anyway
    audio = RedactedAudio.objects.get()
    RedactedAudio.objects.filter(pk=audio.pk).update(verification=Verification.LEAKS)
    consent = ConsentRecord.objects.get(interview=interview)
    future = datetime.date.today() + datetime.timedelta(days=30)
    ConsentRecord.objects.filter(pk=consent.pk).update(embargo_until=future)
    publication = Publication.objects.current().get(page=page)
    assert Client().get(page.url).status_code == 404  # embargoed again: narrowed at once
    # An editor widens it all: audio allowed, embargo lifted. Nothing new is public.
    ConsentRecord.objects.filter(pk=consent.pk).update(publish_audio=True, embargo_until=None)
    html = Client().get(page.url).content.decode()
    assert "<audio" not in html
    for extension in ("ogg", "mp3"):
        url = f"/testimonies/{page.pk}/audio/{audio.pk}.{extension}"
        assert Client().get(url).status_code == 404
    assert Publication.objects.current().get(page=page) == publication
    # The review is due, and the leaking audio blocks it.
    assert any("Redacted terms still heard" in str(p) for p in review(page).problems)


def test_an_approval_carries_dates_that_a_consent_edit_cannot_extend(tone, editor):
    page, interview = published_story(tone, editor)
    consent = ConsentRecord.objects.get(interview=interview)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    ConsentRecord.objects.filter(pk=consent.pk).update(expires_on=tomorrow)
    page = TestimonyPage.objects.get(pk=page.pk)
    approve_testimony(page, editor)  # approved under an expiry of tomorrow
    ConsentRecord.objects.filter(pk=consent.pk).update(expires_on=None)  # "extended"
    publication = Publication.objects.current().get(page=page)
    assert publication.parts_shown() == ["transcript"]
    assert publication.parts_shown(tomorrow) == []
    assert not Publication.objects.in_force(tomorrow).filter(page=page).exists()


def test_narrowing_consent_to_audio_takes_the_text_out_of_search_and_exports(tone, editor):
    page, interview = published_story(tone, editor, publish_audio=True)
    client = Client()
    assert "1 moment found" in client.get("/search/", {"q": "store"}).content.decode()
    ConsentRecord.objects.filter(interview=interview).update(publish_transcript=False)
    assert client.get(f"/testimonies/{page.pk}/export.txt").status_code == 404
    assert "0 moments found" in client.get("/search/", {"q": "store"}).content.decode()
    html = client.get(page.url).content.decode()
    assert "<audio" in html and "waited" not in html


def test_speaker_labels_are_checked_and_published_only_as_reviewed(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    Segment.objects.filter(position=0).update(speaker="Daniel Ortega")
    page = draft_testimony(index, interview)
    problems = " ".join(map(str, review(page).problems))
    assert "speaker label" in problems and "Daniel" in problems
    Segment.objects.filter(position=0).update(speaker="Narrator")
    page = publish_testimony(page, editor)
    Segment.objects.filter(position=0).update(speaker="Daniel Ortega")  # after approval
    assert "Daniel Ortega" not in everything_public(page)


@pytest.mark.parametrize(
    "field, value",
    [
        ("slug", "daniel-ortega-story"),
        ("place", "Ortega Ranch"),
        ("topics", "Rosa Ortega"),
        ("body", [("pull_quote", {"quote": "Rosa said no.", "attribution": ""})]),
    ],
)
def test_the_page_s_slug_topics_place_and_story_are_read(tone, editor, field, value):
    _home, index = make_site_tree()
    interview = publishable_interview(
        tone, editor, TEXTS, span=20, other_names=["Rosa Ortega"], redact=True
    )
    page = draft_testimony(index, interview)
    if field == "topics":
        page.topics.add(value)
    else:
        setattr(page, field, value)
    page.save_revision()
    with pytest.raises(PublicationBlocked, match="private"):
        approve_testimony(page, editor)


def test_every_accepted_category_is_private_in_the_page_text(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    transcript = Transcript.objects.get(recording__interview=interview)
    RedactionSpan.objects.create(
        transcript=transcript, start=12, end=13, text="Ferreteria Lopez", category="organisation",
        status=SpanStatus.ACCEPTED, entity="ferreteria lopez",
    )  # fmt: skip
    page = draft_testimony(index, interview, summary="He worked at Ferreteria Lopez.")
    assert "Ferreteria Lopez" in " ".join(map(str, review(page).problems))


def test_a_photo_block_does_not_break_the_gate(tone, editor, tmp_path):
    from PIL import Image

    from archive.ingest.store import ingest_photo

    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    Image.new("RGB", (32, 24), "green").save(tmp_path / "p.jpg")
    ingest_photo(tmp_path / "p.jpg", interview=interview)
    page = draft_testimony(
        index,
        interview,
        body=[("photo", {"photo_number": 1, "caption": "A kitchen", "alt_text": "A kitchen"})],
    )
    page = publish_testimony(page, editor)
    assert Client().get(page.url).status_code == 200


def test_a_translation_without_word_timings_is_redacted_where_a_span_falls(tone, editor):
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    original = Transcript.objects.get(recording__interview=interview)
    translation = Transcript.objects.create(
        recording=original.recording, version=2, engine="faster-whisper", model="base",
        language="en", task="translate", translation_of=original, is_complete=True,
    )  # fmt: skip
    for position, (start, end, text) in enumerate(
        [(0, 5, "I am called Dan."), (5, 10, "Ring 5594218037 please."), (15, 20, "We spoke.")]
    ):
        Segment.objects.create(
            transcript=translation, position=position, start=start, end=end, text=text, words=[]
        )
    spans = list(original.redactions.filter(status=SpanStatus.ACCEPTED))
    texts = [s["text"] for s in redacted_translation(translation, spans, with_words=False)]
    assert texts[0] == "[name]"  # a span falls in its time: withheld whole
    assert "5594218037" not in texts[1] and "[" in texts[1]
    assert texts[2] == "We spoke."


def test_erasure_relabels_only_its_own_audit_entries_and_reindexes(tone, editor, admin_client):
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from archive.publication.management.commands.erase import erase

    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    listing = reverse("wagtailsnippets_ingest_interview:list")
    assert "private title" in admin_client.get(listing, {"q": "private"}).content.decode()
    # An entry about another model's object that happens to share the interview's id.
    unrelated = ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Group),
        object_id=str(interview.pk),
        label="Group of someone else",
        action="wagtail.edit",
        timestamp=datetime.datetime.now(datetime.UTC),
    )
    erase(interview)
    unrelated.refresh_from_db()
    assert unrelated.label == "Group of someone else"
    found = admin_client.get(listing, {"q": "private"}).content.decode()
    assert f"Erased interview {interview.pk}" not in found


def test_nothing_to_export_is_not_found(tone, editor):
    page, interview = published_story(tone, editor)
    PublishedSegment.objects.filter(publication__page=page).delete()
    assert Client().get(f"/testimonies/{page.pk}/export.vtt").status_code == 404


def test_a_withdrawn_testimony_never_published_is_not_confirmed(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    page = draft_testimony(index, interview)
    ConsentRecord.objects.filter(interview=interview).update(
        withdrawn_on=datetime.date.today(), withdrawal_reason="Asked."
    )
    assert Client().get(page.url).status_code == 404


def test_wagtail_s_image_and_document_libraries_are_not_offered(admin_client, editor_client):
    for client in (admin_client, editor_client):
        assert client.get("/admin/images/").status_code == 404
        assert client.get("/admin/images/multiple/add/").status_code == 404
        assert client.get("/admin/documents/").status_code == 404
    home = editor_client.get("/admin/").content.decode()
    assert 'href="/admin/images/"' not in home and 'href="/admin/documents/"' not in home
    from django.contrib.auth.models import Group

    for group in Group.objects.filter(name__in=["Reporters", "Editors"]):
        assert not group.permissions.filter(content_type__app_label="wagtailimages").exists()
        assert not group.collection_permissions.exists()


def test_an_approval_of_what_changed_since_it_was_read_is_refused(tone, editor):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    page = draft_testimony(index, interview)
    shown = review(page).digest
    Segment.objects.filter(position=3).update(text="We decided to tell everything.")
    with pytest.raises(PublicationBlocked, match="changed since you read it"):
        approve(page, editor, shown)
    assert not Publication.objects.exists()
    approve(page, editor, review(page).digest)
    assert Publication.objects.current().filter(page=page).exists()


def test_the_workflow_approval_needs_the_digest_it_was_shown(tone, editor, editor_client):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    page = draft_testimony(index, interview)
    page.get_workflow().start(page, editor)
    for _ in range(2):
        state = TestimonyPage.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        modal = editor_client.get(url).json()["html"]
        if "snapshot" in modal:
            assert review(page).digest in modal
            editor_client.post(url, {"comment": "", "digest": "0" * 64})
            assert not Publication.objects.exists()
            editor_client.post(url, {"comment": "", "digest": review(page).digest})
        else:
            editor_client.post(url, {"comment": ""})
    assert Publication.objects.current().filter(page=page, approved_by=editor).exists()
    assert TestimonyPage.objects.get(pk=page.pk).live


def test_an_editor_records_a_finding_as_identifying_nobody(tone, editor, editor_client):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    page = draft_testimony(index, interview, summary="Una vida en el valle.")
    finding = next(p for p in review(page).problems if "vida en el" in str(p))
    response = editor_client.post(
        reverse("publication_not_identifying", args=[page.pk]),
        {"where": finding.where, "found": finding.found, "term": finding.term},
    )
    assert response.status_code == 302
    decision = NotIdentifying.objects.get()
    assert decision.decided_by == editor and decision.found == "vida en el"
    assert review(page).approvable


def test_reporters_cannot_record_findings_or_approve(tone, editor, reporter, reporter_client):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, TEXTS, span=20, redact=True)
    page = draft_testimony(index, interview)
    response = reporter_client.post(
        reverse("publication_not_identifying", args=[page.pk]),
        {"where": "summary", "found": "x", "term": ""},
    )
    assert response.status_code in (302, 403) and not NotIdentifying.objects.exists()
    with pytest.raises(CommandError, match="may not approve"):
        call_command("review", page.pk, "--approve", "--as", reporter.username)
    assert not Publication.objects.exists()


def test_an_editor_takes_a_testimony_down_until_reviewed(tone, editor, editor_client):
    page, interview = published_story(tone, editor)
    url = reverse("publication_take_down", args=[page.pk])
    assert editor_client.get(url).status_code == 200
    editor_client.post(url)
    assert Client().get(page.url).status_code == 404
    assert not TestimonyPage.objects.get(pk=page.pk).live
    assert Publication.objects.get(page=page).end_reason == "taken_down"


def test_a_newly_accepted_span_takes_the_publication_down_at_once(tone, editor):
    page, interview = published_story(tone, editor)
    transcript = Transcript.objects.get(recording__interview=interview)
    RedactionSpan.objects.create(
        transcript=transcript, start=15, end=16, text="store", category="place",
        status=SpanStatus.ACCEPTED,
    )  # fmt: skip
    assert Client().get(page.url).status_code == 404
    assert "0 moments found" in Client().get("/search/", {"q": "story"}).content.decode()


def test_consent_narrowed_to_anonymity_takes_a_named_testimony_down_at_once(tone, editor):
    page, interview = published_story(tone, editor)  # approved with a pseudonym shown
    ConsentRecord.objects.filter(interview=interview).update(name_shown="anonymous")
    assert Client().get(page.url).status_code == 404
    assert "0 moments found" in Client().get("/search/", {"q": "store"}).content.decode()
    assert "Tomás" not in Client().get(page.get_parent().url).content.decode()
    ConsentRecord.objects.filter(interview=interview).update(name_shown="legal")  # looser
    assert Client().get(page.url).status_code == 200


def test_a_voice_that_must_now_be_altered_takes_the_natural_audio_down(tone, editor):
    page, interview = published_story(tone, editor, publish_audio=True)
    audio = Publication.objects.current().get(page=page).audio_files[0][0]
    urls = [f"/testimonies/{page.pk}/audio/{audio}.{extension}" for extension in ("ogg", "mp3")]
    assert [Client().get(url).status_code for url in urls] == [200, 200]
    ConsentRecord.objects.filter(interview=interview).update(voice_alteration_required=True)
    assert [Client().get(url).status_code for url in urls] == [404, 404]
    html = Client().get(page.url).content.decode()
    assert "<audio" not in html and "waited" in html  # the transcript stays
