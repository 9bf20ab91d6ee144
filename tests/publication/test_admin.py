"""Consent and review as editors do them in the admin, and what strangers get from those URLs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from archive.consent.models import ConsentRecord
from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.publication.approval import review
from archive.publication.models import Publication
from archive.testimonies.models import TestimonyPage

from ..conftest import create_transcript, draft_testimony, make_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(tone):
    interview = Interview.objects.create(title="t", narrator_legal_name="Daniel Ortega Ruiz")
    create_transcript(ingest_recording(tone, interview=interview), ["We were told to inform."])
    return interview


def consent_form(interview, **changes):
    fields = {
        "interview": interview.pk,
        "method": "signed",
        "given_on": "2024-05-01",
        "name_shown": "pseudonym",
        "publish_transcript": "on",
        "witness": "",
        "form_language": "es",
        "restrictions": "",
        "withdrawal_reason": "",
        "withdrawn_on": "",
        "withdrawn_recorded_by": "",
        "verbal_at_seconds": "",
        "embargo_until": "",
        "expires_on": "",
    }
    fields.update(changes)
    return fields


def test_consent_recorded_in_the_admin_keeps_its_form_private_and_every_change(
    interview, editor_client
):
    add = reverse("wagtailsnippets_consent_consentrecord:add")
    form = SimpleUploadedFile(
        "Daniel Ortega Ruiz consent.pdf", b"%PDF-1.4 signed", "application/pdf"
    )
    response = editor_client.post(add, consent_form(interview, signed_form=form))
    assert response.status_code == 302
    consent = ConsentRecord.objects.get()
    assert "Daniel" not in consent.signed_form.name
    served = editor_client.get(reverse("consent_signed_form", args=[consent.pk]))
    assert b"".join(served.streaming_content) == b"%PDF-1.4 signed"
    assert "no-store" in served["Cache-Control"]
    stranger = Client()
    assert stranger.get(reverse("consent_signed_form", args=[consent.pk])).status_code in (302, 404)

    edit = reverse("wagtailsnippets_consent_consentrecord:edit", args=[consent.pk])
    assert editor_client.get(edit).status_code == 200
    editor_client.post(edit, consent_form(interview, publish_audio="on"))
    assert consent.revisions.count() == 2
    consent.refresh_from_db()
    assert consent.publish_audio and consent.signed_form


def test_a_signed_method_without_a_form_is_refused_with_a_message(interview, editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_consent_consentrecord:add"), consent_form(interview)
    )
    assert response.status_code == 200
    assert "Upload the signed form." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_withdrawal_recorded_in_the_admin_takes_the_page_down(interview, editor, editor_client):
    _home, index = make_site_tree()
    verbal = {"method": "verbal", "verbal_at_seconds": "12.5"}
    editor_client.post(
        reverse("wagtailsnippets_consent_consentrecord:add"), consent_form(interview, **verbal)
    )
    consent = ConsentRecord.objects.get()
    page = draft_testimony(index, interview)
    workflow = page.get_workflow()
    workflow.start(page, editor)
    for _ in range(2):
        state = TestimonyPage.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        # The approval form carries the digest of the snapshot the review showed.
        editor_client.post(url, {"comment": "", "digest": review(page).digest})
    assert TestimonyPage.objects.get(pk=page.pk).live
    assert Publication.objects.current().filter(page=page, approved_by=editor).exists()
    assert Client().get(page.url).status_code == 200

    edit = reverse("wagtailsnippets_consent_consentrecord:edit", args=[consent.pk])
    editor_client.post(
        edit,
        consent_form(
            interview,
            **verbal,
            withdrawn_on=datetime.date.today().isoformat(),
            withdrawn_recorded_by=editor.pk,
            withdrawal_reason="Asked by phone.",
        ),
    )
    assert not TestimonyPage.objects.get(pk=page.pk).live
    assert Client().get(page.url).status_code == 410
    assert Workflow.objects.get(name="Testimony review").active


@pytest.mark.parametrize(
    "name, args",
    [
        ("redaction_interview", [1]),
        ("redaction_derivative", ["audio", 1]),
        ("redaction_derivative", ["photo", 1]),
        ("consent_signed_form", [1]),
        ("wagtailsnippets_consent_consentrecord:list", []),
    ],
)
def test_strangers_reach_nothing_of_consent_or_redaction(client, interview, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code in (302, 404)
    assert b"Daniel" not in response.content


def test_the_redaction_page_shows_suggestions_photos_and_the_final_check(
    interview, editor_client, tmp_path
):
    from django.core.management import call_command
    from PIL import Image

    from archive.ingest.store import ingest_photo
    from archive.redaction.models import PhotoRedaction

    transcript = interview.recordings.get().transcripts.get()
    transcript.segments.filter(position=0).update(
        text="Daniel Ordegaris called 5551234567.",
        words=[[0.0, 0.2, "Daniel", 0.9], [0.2, 0.4, "Ordegaris", 0.3],
               [0.4, 0.6, "called", 0.9], [0.6, 0.9, "5551234567.", 0.9]],
    )  # fmt: skip
    call_command("redact", transcript.pk, "--suggest", verbosity=0)
    Image.new("RGB", (40, 30), "green").save(tmp_path / "p.jpg")
    photo = ingest_photo(tmp_path / "p.jpg", interview=interview)
    PhotoRedaction.objects.create(photo=photo, x=0.1, y=0.1, width=0.5, height=0.5)
    html = editor_client.get(reverse("redaction_interview", args=[interview.pk])).content.decode()
    assert "2 suggestions still need a decision" in html
    assert 'class="is-suggested"> Ordegaris</span>' in html
    assert "Suggestions are aids, not a guarantee" in html
    assert 'class="redaction__box"' in html
    assert "is missing or out of date" in html  # nothing rendered yet: the final check says so


def test_reporters_record_consent_and_withdrawal_but_cannot_widen_it(interview, reporter, editor):
    reporter_client, editor_client = Client(), Client()  # the *_client fixtures share one client
    reporter_client.force_login(reporter)
    editor_client.force_login(editor)
    add = reverse("wagtailsnippets_consent_consentrecord:add")
    verbal = {"method": "verbal", "verbal_at_seconds": "3"}
    assert reporter_client.post(add, consent_form(interview, **verbal)).status_code == 302
    consent = ConsentRecord.objects.get()
    edit = reverse("wagtailsnippets_consent_consentrecord:edit", args=[consent.pk])
    future = (datetime.date.today() + datetime.timedelta(days=9)).isoformat()
    wider = consent_form(interview, **verbal, publish_audio="on", publish_photos="on")
    reporter_client.post(edit, {**wider, "name_shown": "legal", "expires_on": future})
    consent.refresh_from_db()
    assert not consent.publish_audio and not consent.publish_photos
    assert consent.name_shown == "pseudonym" and consent.expires_on is None
    assert "Only an editor may change this." in reporter_client.get(edit).content.decode()
    # A withdrawal is theirs to record, and nobody can undo it by editing the record.
    withdrawal = {"withdrawn_on": datetime.date.today().isoformat(), "withdrawal_reason": "Asked."}
    reporter_client.post(edit, {**consent_form(interview, **verbal), **withdrawal})
    consent.refresh_from_db()
    assert consent.is_withdrawn
    response = editor_client.post(edit, consent_form(interview, **verbal))
    assert "cannot be undone" in response.content.decode()
    consent.refresh_from_db()
    assert consent.is_withdrawn
    # Editors change what a record allows, through the same form.
    other = Interview.objects.create(title="o", narrator_legal_name="Other Person")
    editor_client.post(add, consent_form(other, **verbal))
    edit_other = reverse(
        "wagtailsnippets_consent_consentrecord:edit",
        args=[ConsentRecord.objects.get(interview=other).pk],
    )
    editor_client.post(edit_other, consent_form(other, **verbal, publish_audio="on"))
    assert ConsentRecord.objects.get(interview=other).publish_audio


def test_the_consent_command_lets_reporters_withdraw_and_only_editors_widen(
    interview, reporter, editor
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from ..conftest import give_consent

    give_consent(interview)
    with pytest.raises(CommandError, match="may not change what a consent record allows"):
        call_command("consent", interview.pk, "--allow", "audio", "--as", reporter.username)
    assert not ConsentRecord.objects.get().publish_audio
    out = StringIO()
    call_command(
        "consent", interview.pk, "--allow", "audio", "--disallow", "transcript",
        "--as", editor.username, "--json", stdout=out,
    )  # fmt: skip
    assert '"audio": true' in out.getvalue() and '"transcript": false' in out.getvalue()
    consent = ConsentRecord.objects.get()
    assert consent.revisions.count() == 1
    with pytest.raises(CommandError, match="Record why"):
        call_command("consent", interview.pk, "--withdraw", "--as", reporter.username)
    call_command(
        "consent", interview.pk, "--withdraw", "--reason", "By phone.", "--as", reporter.username,
        stdout=StringIO(),
    )  # fmt: skip
    consent.refresh_from_db()
    assert consent.is_withdrawn and consent.withdrawn_recorded_by == reporter
