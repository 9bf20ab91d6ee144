"""Sequences of real actions against the publication's invariants.

Hypothesis chooses the actions (transcribe again, edit text or a speaker label, decide, add or
remove a span, widen or narrow consent, embargo, expiry, the clock moving, withdrawal, render,
approve, publish, take down); after every step an anonymous visitor fetches every public URL of
the testimony. Nothing may appear that the live publication does not hold, no word of the
private record may appear at all, and after withdrawal nothing of the testimony answers.

Transcript versions are written as an engine writes them (this tests the gate, not Whisper), and
Whisper's listening verdict on rendered audio is chosen by Hypothesis rather than computed:
the verdict's effect on the review is what is under test here. Each example runs in a
transaction rolled back at its end. Examples are derandomised so CI runs the same sequences.
"""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PIL import Image

from archive.consent.models import ConsentRecord
from archive.ingest.models import Interview
from archive.ingest.store import ingest_photo, ingest_recording
from archive.publication.approval import approve, review
from archive.publication.gate import PublicationBlocked
from archive.publication.models import EndReason, Publication
from archive.publication.withdrawal import take_down_until_reviewed
from archive.redaction.derivatives import render_audio, render_photo
from archive.redaction.models import RedactedAudio, RedactedPhoto, SpanStatus, Verification
from archive.redaction.spans import add_span, current_transcript, decide, words_of
from archive.testimonies.exports import FORMATS
from archive.testimonies.models import TestimonyPage
from archive.transcription.editing import apply_edit, editor_segments

from ..conftest import (
    create_transcript,
    draft_testimony,
    give_consent,
    make_site_tree,
    readable,
    write_tone,
)

pytestmark = pytest.mark.django_db

# Words of the private record: none may ever reach the public, in any spelling Whisper gives.
LEGAL_NAME = "Quorvashent Bellamire"
FAMILY = "Tavishondre"
CANARIES = ("quorvash", "bellamir", "tavishon", "8037")
SPOKEN = [
    "My name is Quorvashent Bellamire {m}.",
    "Call me at 559 421 8037 {m}.",
    "My sister Tavishondre waited {m}.",
    "We told our story {m}.",
]
EDITS = [
    "Quorvashen came back {m}.",
    "Tavishondra said nothing {m}.",
    "The store was closed {m}.",
]
LABELS = ["Narrator", "Tavishondre", "Bellamire", ""]
MARKER = re.compile(r"\b(?:mark|edit)\d+\b")
COMMON_WORDS = ("story", "waited", "store", "called")


class PublicationMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.today = datetime.date(2026, 6, 1)
        self.clock = mock.patch("django.utils.timezone.localdate", lambda *a, **k: self.today)
        self.clock.start()
        self.editor = User.objects.create_user("machine-editor")
        self.editor.groups.add(Group.objects.get(name="Editors"))
        _home, index = make_site_tree()
        self.interview = Interview.objects.create(
            title="t", narrator_legal_name=LEGAL_NAME, other_names=[FAMILY],
            narrator_contact="(559) 421-8037",
        )  # fmt: skip
        folder = self.folder
        self.recording = ingest_recording(
            write_tone(folder / "tone.wav", seconds=8), interview=self.interview
        )
        Image.new("RGB", (32, 24), "blue").save(folder / "photo.jpg")
        self.photo = ingest_photo(folder / "photo.jpg", interview=self.interview)
        self.version = 1
        self.edits = 0
        create_transcript(self.recording, self.spoken(), span=8)
        self.consent = give_consent(self.interview)
        self.page = draft_testimony(index, self.interview)
        self.client = Client()

    folder = None  # set by the test: a temporary folder

    def teardown(self):
        self.clock.stop()
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def spoken(self):
        return [text.format(m=f"mark{self.version}") for text in SPOKEN]

    @property
    def transcript(self):
        return current_transcript(self.recording)

    def change_consent(self, **fields):
        """An editor's edit of the record: refused whole when the record would not be valid."""
        try:
            with transaction.atomic():
                ConsentRecord.objects.filter(pk=self.consent.pk).update(**fields)
                self.consent.refresh_from_db()
                self.consent.save_revision(user=self.editor)
        except ValidationError:
            pass
        self.consent.refresh_from_db()

    # Actions -------------------------------------------------------------------------------

    @rule()
    def transcribe_again(self):
        self.version += 1
        create_transcript(self.recording, self.spoken(), span=8, version=self.version)

    @rule(position=st.integers(0, 3), text=st.sampled_from(EDITS))
    def edit_text(self, position, text):
        self.edits += 1
        segments = editor_segments(self.transcript)
        segments[position]["text"] = text.format(m=f"edit{self.edits}")
        document = {"segments": segments, "revision": self.transcript.latest_revision.pk}
        with transaction.atomic():
            apply_edit(self.transcript, document, self.editor)

    @rule(position=st.integers(0, 3), label=st.sampled_from(LABELS))
    def edit_speaker(self, position, label):
        segments = editor_segments(self.transcript)
        segments[position]["speaker"] = label
        document = {"segments": segments, "revision": self.transcript.latest_revision.pk}
        with transaction.atomic():
            apply_edit(self.transcript, document, self.editor)

    @rule(
        status=st.sampled_from([SpanStatus.ACCEPTED, SpanStatus.REJECTED]),
        then_approve=st.booleans(),
    )
    def decide_suggestions(self, status, then_approve):
        """An editor decides every suggestion, and often goes straight on to approve."""
        suggested = self.transcript.redactions.filter(status=SpanStatus.SUGGESTED)
        decide(suggested, status, self.editor)
        if then_approve:
            self.approve_review(then_publish=True)

    @rule()
    def remove_a_span(self):
        accepted = self.transcript.redactions.filter(status=SpanStatus.ACCEPTED)
        decide(accepted.filter(pk__in=accepted.values("pk")[:1]), SpanStatus.REJECTED, self.editor)

    @rule(word=st.integers(0, 40))
    def add_a_span(self, word):
        words = words_of(self.transcript)
        at = word % len(words)
        add_span(self.transcript, at, at, "person", self.editor)

    @rule(
        field=st.sampled_from(
            ["publish_transcript", "publish_audio", "publish_photos", "translation_allowed"]
        ),
        value=st.booleans(),
    )
    def change_a_part(self, field, value):
        self.change_consent(**{field: value})

    @rule(days=st.sampled_from([None, -5, 10]))
    def embargo(self, days):
        until = None if days is None else self.today + datetime.timedelta(days=days)
        self.change_consent(embargo_until=until)

    @rule(days=st.sampled_from([None, 3, 30]))
    def expiry(self, days):
        on = None if days is None else self.today + datetime.timedelta(days=days)
        self.change_consent(expires_on=on)

    @rule(days=st.sampled_from([1, 7, 40]))
    def time_passes(self, days):
        self.today += datetime.timedelta(days=days)

    @precondition(lambda self: not self.consent.is_withdrawn)
    @rule()
    def withdraw(self):
        with transaction.atomic():
            self.consent.refresh_from_db()
            self.consent.withdrawn_on = self.today
            self.consent.withdrawn_recorded_by = self.editor
            self.consent.withdrawal_reason = "Asked."
            self.consent.save()

    @rule(verdict=st.sampled_from([Verification.CLEAN, Verification.LEAKS]))
    def prepare(self, verdict):
        if self.consent.is_withdrawn:
            return
        with transaction.atomic():
            audio = render_audio(self.recording, self.consent.voice_alteration_required)
            RedactedAudio.objects.filter(pk=audio.pk).update(verification=verdict)
            render_photo(self.photo)

    @rule(then_publish=st.booleans())
    def approve_review(self, then_publish):
        """The workflow's last step: approve the review as shown, and usually publish."""
        current = review(self.page)
        if current.approvable:
            approve(self.page, self.editor, current.digest)
        else:
            with pytest.raises(PublicationBlocked):
                approve(self.page, self.editor, current.digest)
        if then_publish:
            self.publish()

    @rule()
    def publish(self):
        try:
            with transaction.atomic():
                self.page.get_latest_revision().publish()
        except PublicationBlocked:
            pass

    @rule()
    def take_down(self):
        take_down_until_reviewed(
            Publication.objects.filter(page=self.page), EndReason.TAKEN_DOWN, self.editor
        )

    # What the public gets ------------------------------------------------------------------

    def public_responses(self):
        page = TestimonyPage.objects.get(pk=self.page.pk)
        responses = {"page": self.client.get(page.url or f"/testimonies/{page.slug}/")}
        for fmt in FORMATS:
            responses[fmt] = self.client.get(f"/testimonies/{page.pk}/export.{fmt}")
        for audio in RedactedAudio.objects.filter(recording=self.recording):
            for extension in ("ogg", "mp3"):
                responses[f"audio {audio.pk} {extension}"] = self.client.get(
                    f"/testimonies/{page.pk}/audio/{audio.pk}.{extension}"
                )
        for photo in RedactedPhoto.objects.filter(photo=self.photo):
            responses[f"photo {photo.pk}"] = self.client.get(
                f"/testimonies/{page.pk}/photos/{photo.pk}.jpg"
            )
        for word in COMMON_WORDS:
            responses[f"search {word}"] = self.client.get("/search/", {"q": word})
        responses["browse"] = self.client.get(page.get_parent().url)
        responses["home"] = self.client.get("/")
        return responses

    @invariant()
    def the_public_sees_only_the_live_publication(self):
        page = TestimonyPage.objects.get(pk=self.page.pk)
        live = Publication.objects.in_force().filter(page=page).first() if page.live else None
        approved = set()
        if live is not None and "transcript" in live.parts_shown():
            approved = {m for s in live.segments.all() for m in MARKER.findall(s.text)}
        responses = self.public_responses()
        seen = set()
        for name, response in responses.items():
            if response.status_code != 200 or name.startswith(("audio", "photo")):
                continue
            body = readable(response.content.decode()).lower()
            for canary in CANARIES:
                assert canary not in body, (name, canary)
            seen |= set(MARKER.findall(body))
        assert seen <= approved, (seen, approved)
        shown = live.parts_shown() if live else []
        for name, response in responses.items():
            kind, _space, pk = name.partition(" ")
            pk = pk.split(" ")[0]
            if kind == "audio":
                allowed = "audio" in shown and int(pk) in [a for a, _s in live.audio_files]
                assert (response.status_code == 200) == allowed, name
            if kind == "photo":
                allowed = "photos" in shown and int(pk) in live.photo_files
                assert (response.status_code == 200) == allowed, name
        if self.consent.is_withdrawn:
            assert responses["page"].status_code in (404, 410)
            assert all(
                response.status_code == 404
                for name, response in responses.items()
                if name in FORMATS or name.startswith(("audio", "photo"))
            )
            assert not seen


def test_no_sequence_of_actions_shows_the_public_what_no_editor_reviewed(tmp_path):
    PublicationMachine.folder = tmp_path
    run_state_machine_as_test(
        PublicationMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
