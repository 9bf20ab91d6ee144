import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from archive.ingest.models import Interview, Recording

from .conftest import private_files

pytestmark = pytest.mark.django_db


def ingest(*args):
    from io import StringIO

    out = StringIO()
    call_command("ingest", *[str(a) for a in args], stdout=out, stderr=StringIO())
    return out.getvalue()


def test_ingest_prints_ids_hash_and_duration_as_json(speech_en, tmp_path):
    metadata = tmp_path / "interview.json"
    metadata.write_text(
        json.dumps(
            {
                "other_names": ["Rosa Ortega", "Julio"],
                "places": ["Fresno", "Avenida Reforma 12"],
                "narrator_contact": "rosa@example.org",
                "notes": "Recorded in a kitchen.",
            }
        )
    )
    out = ingest(
        speech_en,
        "--title",
        "Hardware store",
        "--narrator-name",
        "Daniel Ortega Ruiz",
        "--display-name",
        "Tomás",
        "--language",
        "en",
        "--date",
        "2017-03",
        "--place",
        "Fresno, CA",
        "--metadata",
        metadata,
        "--json",
    )
    result = json.loads(out)
    recording = Recording.objects.get(pk=result["recording"])
    assert result == {
        "interview": recording.interview_id,
        "recording": recording.pk,
        "sha256": recording.sha256,
        "duration": recording.duration_seconds,
    }
    assert 25 < result["duration"] < 28
    interview = recording.interview
    assert interview.narrator_legal_name == "Daniel Ortega Ruiz"
    assert interview.narrator_display_name == "Tomás"
    assert interview.other_names == ["Rosa Ortega", "Julio"]
    assert interview.places == ["Fresno", "Avenida Reforma 12"]
    assert interview.interview_date_display == "2017-03"
    assert interview.languages == ["en"]
    assert interview.revisions.count() == 1, "ingest starts the interview's history"


def test_display_name_defaults_to_initials(speech_en):
    ingest(speech_en, "--title", "t", "--narrator-name", "Daniel Ortega Ruiz")
    assert Interview.objects.get().narrator_display_name == "D.O.R."


def test_content_decides_the_type_not_the_extension(speech_en, tmp_path):
    disguised = tmp_path / "notes.txt"
    shutil.copy(speech_en, disguised)
    result = json.loads(ingest(disguised, "--title", "t", "--narrator-name", "N", "--json"))
    recording = Recording.objects.get(pk=result["recording"])
    assert recording.extension == "ogg"
    assert recording.original_filename == "notes.txt"
    assert "notes" not in recording.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("song.mp3", b"this is a text file pretending to be an mp3\n" * 50, "not audio or video"),
        ("empty.wav", b"", "not audio or video"),
        ("photo.ogg", None, "not audio or video"),
        ("corrupt.ogg", "truncated-header", "not audio or video"),
    ],
)
def test_unusable_files_are_refused_and_nothing_is_written(
    tmp_path, speech_en, name, content, message
):
    path = tmp_path / name
    if content is None:
        from PIL import Image

        Image.new("RGB", (32, 32), "red").save(path, format="PNG")
    elif content == "truncated-header":
        path.write_bytes(speech_en.read_bytes()[:60])
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        ingest(path, "--title", "t", "--narrator-name", "N")
    assert Interview.objects.count() == 0
    assert private_files() == []


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        ingest(tmp_path / "nope.wav", "--title", "t", "--narrator-name", "N")


def test_a_file_already_ingested_is_not_duplicated(speech_en):
    ingest(speech_en, "--title", "t", "--narrator-name", "N")
    with pytest.raises(CommandError, match="already ingested"):
        ingest(speech_en, "--title", "again", "--narrator-name", "N")
    assert Interview.objects.count() == 1
    assert Recording.objects.count() == 1
    assert len(private_files()) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2017-13"], "not a real date"),
        (["--language", "Spanish!"], "Not a language code"),
    ],
)
def test_bad_metadata_is_refused_before_anything_is_written(speech_en, extra, message):
    with pytest.raises(CommandError, match=message):
        ingest(speech_en, "--title", "t", "--narrator-name", "N", *extra)
    assert Interview.objects.count() == 0
    assert private_files() == []


def test_legal_name_is_required(speech_en):
    with pytest.raises(CommandError, match="narrator_legal_name is required"):
        ingest(speech_en, "--title", "t")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"favourite_colour": "red"}', "unknown field"),
        ('{"other_names": 5}', "list of strings"),
    ],
)
def test_bad_metadata_file_is_explained(speech_en, tmp_path, content, message):
    metadata = tmp_path / "m.json"
    metadata.write_text(content)
    with pytest.raises(CommandError, match=message):
        ingest(speech_en, "--title", "t", "--narrator-name", "N", "--metadata", metadata)
    assert Interview.objects.count() == 0
