"""BagIt bags of an interview (RFC 8493, with the Library of Congress's `bagit` library): the
originals byte for byte, the interview's record, every transcript version with its words, the
redactions, and the consent record with its signed form. A bag is private material: it holds
everything the archive holds about the interview, unredacted and decrypted."""

import json
import shutil
from pathlib import Path

import bagit
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict

from archive.consent.models import ConsentRecord
from archive.redaction.models import PhotoRedaction, RedactionSpan
from archive.transcription.models import Transcript


class BagError(Exception):
    pass


def _write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))


def _record(instance, exclude=()):
    return {key: value for key, value in model_to_dict(instance).items() if key not in exclude}


def write_bag(interview, destination):
    """Write and validate the bag in `destination` (new or empty). If an original cannot be
    read (a missing file, an unreachable bucket) what was written is removed, so no
    half-bag is left to be mistaken for a whole one."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BagError(f"{destination} is not empty.")
    destination.mkdir(parents=True, exist_ok=True)
    try:
        return _fill_bag(interview, destination)
    except OSError as error:
        for written in destination.iterdir():
            if written.is_dir():
                shutil.rmtree(written)
            else:
                written.unlink()
        raise BagError(f"{error}; nothing was left in {destination}.") from error


def _fill_bag(interview, destination):
    _write_json(destination / "interview.json", _record(interview))
    for original in [*interview.recordings.all(), *interview.photos.all()]:
        kind = original._meta.model_name
        target = destination / "originals" / f"{kind}-{original.pk}.{original.extension}"
        target.parent.mkdir(parents=True, exist_ok=True)
        with original.open_decrypted() as source, open(target, "xb") as copy:
            shutil.copyfileobj(source, copy)
        _write_json(target.with_suffix(".json"), _record(original, exclude=("file",)))
    for transcript in Transcript.objects.filter(recording__interview=interview):
        _write_json(
            destination / "transcripts" / f"transcript-{transcript.pk}-v{transcript.version}.json",
            {
                **_record(transcript),
                "revisions": transcript.revisions.count(),
                "segments": list(
                    transcript.segments.values("start", "end", "speaker", "text", "words")
                ),
                "redactions": list(
                    RedactionSpan.objects.filter(transcript=transcript).values(
                        "start", "end", "text", "category", "replacement", "status", "source"
                    )
                ),
            },
        )
    rectangles = PhotoRedaction.objects.filter(photo__interview=interview)
    if rectangles.exists():
        _write_json(
            destination / "photo-redactions.json",
            list(rectangles.values("photo", "x", "y", "width", "height", "fill")),
        )
    consent = ConsentRecord.objects.filter(interview=interview).first()
    if consent is not None:
        _write_json(destination / "consent" / "consent.json", _record(consent, ("signed_form",)))
        if consent.signed_form:
            extension = consent.signed_form.name.rsplit(".", 1)[-1]
            target = destination / "consent" / f"signed-form.{extension}"
            with (
                consent.signed_form.open_decrypted() as source,
                open(target, "xb") as copy,
            ):
                shutil.copyfileobj(source, copy)
    bag = bagit.make_bag(
        str(destination),
        {
            "Source-Organization": "Testimonio",
            "External-Identifier": f"interview-{interview.pk}",
            "External-Description": "Originals, record, transcripts, redactions and consent of "
            "one oral-history interview. Private: unredacted.",
        },
        checksums=["sha256", "sha512"],
    )
    bag.validate()
    return bag
