"""An archive whose every private thing carries a canary: a made-up word found nowhere else.

The words share no prefix or suffix, so the gate's spelling match never takes one for another.

If a canary shows up in a response, something private reached whoever made that request. The
words are spelt so that no redaction or translation step could produce them by accident, and
checked case-insensitively, since views may change case.
"""

import datetime
import struct
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from archive.consent.models import ConsentRecord
from archive.ingest.models import Interview
from archive.ingest.store import ingest_photo, ingest_recording
from archive.publication.management.commands.erase import erase
from archive.redaction.derivatives import prepare_interview

from ..conftest import (
    create_transcript,
    draft_testimony,
    give_consent,
    make_site_tree,
    publish_testimony,
    write_tone,
)

# Private to the narrator: nobody outside the archive's staff may see them.
PRIVATE = {
    "title": "Brindlewick",
    "legal_name": "Quorvashent",
    "contact": "zelmokrat",
    "family": "Tavishondre",
    "notes": "Plomberix",
    "spoken_name": "Jexadrubin",
    "file_name": "wumbletorq",
    "audio_tag": "Fizzardoon",
    "exif": "Glaptonique",
    "consent_form": "Snorvelbaum",
    "consent_restrictions": "Trebbleshaw",
    "draft": "Yarnikovsk",
    "unpublished_revision": "Kelpistrand",
    "withdrawn_page": "Mubblethorn",
    "withdrawn_transcript": "Ospreygault",
}
# Typed into text fields, public and private: it must reach every HTML page (and WebVTT cue)
# escaped, never as markup a browser would run.
MARKUP = '<script>alert("testimonio")</script><img src=x onerror=alert(1)>'
# Gone for everyone: erased on the narrator's request, or another person's account details.
NOBODY = {
    "erased_name": "Drevnastok",
    "erased_transcript": "Hulvagrint",
    "staff_email": "pemmicanzorb",
}


@dataclass
class World:
    published: object
    draft: object
    withdrawn: object
    ids: dict = field(default_factory=dict)


def tagged_wav(path, tag):
    """A WAV whose RIFF INFO chunk names the recording: bytes that must never leave the
    private tree (published audio is re-encoded from samples, with no tags)."""
    write_tone(path, seconds=3.0)
    text = tag.encode() + b"\0"
    text += b"\0" * (len(text) % 2)
    info = b"INFO" + b"INAM" + struct.pack("<I", len(text)) + text
    data = path.read_bytes() + b"LIST" + struct.pack("<I", len(info)) + info
    data = data[:4] + struct.pack("<I", len(data) - 8) + data[8:]
    path.write_bytes(data)
    return path


def photo_with_exif(path, description):
    exif = Image.Exif()
    exif[0x010E] = description  # ImageDescription
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 44.0, 0.0)})  # GPS
    Image.new("RGB", (96, 64), "green").save(path, exif=exif)
    return path


def interview_with_transcript(tmp_path, name, texts, seconds, **fields):
    interview = Interview.objects.create(title=f"Interview {name}", **fields)
    recording = ingest_recording(
        write_tone(tmp_path / f"{name}.wav", seconds=seconds),
        interview=interview,
        original_filename=f"{name}.wav",
    )
    return interview, create_transcript(recording, texts)


def publish(page, interview, transcript, editor, **scopes):
    consent = give_consent(interview, **scopes)
    call_command("redact", transcript.pk, "--suggest", "--accept-all", verbosity=0)
    if scopes:  # audio or photos: their redacted derivatives are part of the review
        prepare_interview(interview, consent.voice_alteration_required)
    page.save_revision()
    publish_testimony(page, editor)
    return consent


def seed(tmp_path, editor):
    User.objects.create_superuser(
        "chief", email=f"{NOBODY['staff_email']}@example.org", password="pw-chief"
    )
    _home, index = make_site_tree()

    # A published testimony with audio and photos, every private field filled in.
    interview = Interview.objects.create(
        title=f"{PRIVATE['title']} interview",
        narrator_legal_name=f"Omar {PRIVATE['legal_name']}",
        narrator_contact=f"{PRIVATE['contact']}@example.org, 559 421 8037",
        other_names=[PRIVATE["family"], PRIVATE["spoken_name"]],
        places=["Plaza Zaragoza"],
        notes=f"Met at the church. {PRIVATE['notes']}. {MARKUP}",
    )
    recording = ingest_recording(
        tagged_wav(tmp_path / "interview.wav", PRIVATE["audio_tag"]),
        interview=interview,
        original_filename=f"{PRIVATE['file_name']}.wav",
    )
    transcript = create_transcript(
        recording,
        [
            f"My brother {PRIVATE['spoken_name']} was stopped.",
            f"{PRIVATE['family']} waited for us.",
            "They told me to inform on my neighbours.",
            f"I wrote {MARKUP} on the wall.",
        ],
    )
    ingest_photo(
        photo_with_exif(tmp_path / "kitchen.jpg", PRIVATE["exif"]),
        interview=interview,
        original_filename=f"{PRIVATE['file_name']}.jpg",
        caption=MARKUP,
    )
    published = draft_testimony(
        index, interview, title="Told to inform", summary=f"A man is told to inform. {MARKUP}"
    )
    consent = publish(
        published, interview, transcript, editor, publish_audio=True, publish_photos=True
    )
    ConsentRecord.objects.filter(pk=consent.pk).update(
        restrictions=f"Not before the trial. {PRIVATE['consent_restrictions']} {MARKUP}"
    )
    consent.refresh_from_db()
    consent.signed_form.save(
        "form.pdf", ContentFile(f"%PDF-1.4 {PRIVATE['consent_form']}".encode()), save=True
    )
    # An edit saved but not published.
    draft_edit = published.get_latest_revision_as_object()
    draft_edit.summary = f"Draft summary naming {PRIVATE['unpublished_revision']}."
    draft_edit.save_revision(user=editor)

    # A testimony never published.
    unpublished, _ = interview_with_transcript(tmp_path, "draft", ["Nothing public here."], 2.0)
    draft = draft_testimony(index, unpublished, title=f"{PRIVATE['draft']} story")

    # A testimony published, then withdrawn by its narrator.
    withdrawing, spoken = interview_with_transcript(
        tmp_path, "withdrawn", [f"We lived near {PRIVATE['withdrawn_transcript']} street."], 2.5
    )
    withdrawn = draft_testimony(
        index, withdrawing, title="Withdrawn", summary=f"About {PRIVATE['withdrawn_page']}."
    )
    withdrawal = publish(withdrawn, withdrawing, spoken, editor)
    withdrawal.withdrawn_on = datetime.date.today()
    withdrawal.withdrawn_recorded_by = editor
    withdrawal.withdrawal_reason = "Asked by phone."
    withdrawal.save()

    # An interview erased on request: nothing of it may remain anywhere.
    erasing, _ = interview_with_transcript(
        tmp_path,
        "erased",
        [f"I am {NOBODY['erased_transcript']}."],
        1.5,
        narrator_legal_name=NOBODY["erased_name"],
    )
    erase(erasing)
    return World(published=published, draft=draft, withdrawn=withdrawn)
