import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.ingest.models import Interview, Recording

from .conftest import private_files, write_tone

pytestmark = pytest.mark.django_db

HEADER = "file,title,narrator_name,display_name,languages,date,place,other_names\n"


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out, stderr=err)
    finally:
        run.err = err.getvalue()
    return out.getvalue()


@pytest.fixture
def recordings(tmp_path, speech_en, speech_es):
    shutil.copy(speech_en, tmp_path / "en.ogg")
    shutil.copy(speech_es, tmp_path / "es.ogg")
    write_tone(tmp_path / "tone.wav")
    return tmp_path


def write_manifest(folder, rows, header=HEADER, name="interviews.csv"):
    path = folder / name
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_manifest_ingests_every_row_with_its_metadata(recordings):
    manifest = write_manifest(
        recordings,
        [
            "en.ogg,Hardware store,Daniel Ortega Ruiz,Tomás,en,2017-03,"
            '"Fresno, CA",Rosa Ortega;Julio',
            "es.ogg,La llamada,María Elena Castillo,,es,2019,Santa Ana,",
        ],
    )
    out = run("--manifest", manifest)
    assert "ingested 2, skipped 0" in out
    daniel = Interview.objects.get(narrator_legal_name="Daniel Ortega Ruiz")
    assert daniel.other_names == ["Rosa Ortega", "Julio"]
    assert daniel.interview_place == "Fresno, CA"
    assert Interview.objects.get(title="La llamada").narrator_display_name == "M.E.C."
    assert len(private_files()) == 2


def test_rerunning_a_manifest_skips_what_is_already_in(recordings):
    manifest = write_manifest(recordings, ["en.ogg,A,N,,,,,", "es.ogg,B,M,,,,,"])
    run("--manifest", manifest)
    out = run("--manifest", manifest, "--json")
    assert json.loads(out)["skip"] == [
        {"line": 2, "interview": Recording.objects.get(interview__title="A").interview_id},
        {"line": 3, "interview": Recording.objects.get(interview__title="B").interview_id},
    ]
    assert Recording.objects.count() == 2


def test_bad_rows_are_reported_by_line_and_nothing_is_written(recordings):
    (recordings / "fake.mp3").write_text("not audio at all " * 100)
    manifest = write_manifest(
        recordings,
        [
            "en.ogg,Good row,Daniel,,,,,",
            "missing.ogg,No file,N,,,,,",
            "fake.mp3,Fake,N,,,,,",
            "es.ogg,,N,,,,,",
            "tone.wav,Bad date,N,,,2017-02-30,,",
            "en.ogg,Same file again,N,,,,,",
        ],
    )
    with pytest.raises(CommandError, match="5 bad row"):
        run("--manifest", manifest)
    errors = run.err
    assert "line 3: file not found: missing.ogg" in errors
    assert "line 4: fake.mp3: This file is not audio or video" in errors
    assert "line 5: title is required" in errors
    assert "line 6:" in errors and "not a real date" in errors
    assert "line 7: same file as line 2" in errors
    assert "line 2" not in errors.replace("same file as line 2", "")
    assert Interview.objects.count() == 0
    assert private_files() == []


def test_dry_run_checks_and_writes_nothing(recordings):
    manifest = write_manifest(recordings, ["en.ogg,A,N,,,,,", "tone.wav,B,M,,,,,"])
    out = run("--manifest", manifest, "--dry-run")
    assert "line 2: would ingest en.ogg" in out
    assert "would ingest 2" in out
    assert Interview.objects.count() == 0
    assert private_files() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title,narrator_name\nA,B\n", "missing column"),
        (b"file,title,narrator_name,shoe_size\nx,A,B,4\n", "unknown column"),
        ("file,title,narrator_name\nen.ogg,Caf\xe9,B\n".encode("latin-1"), "not UTF-8"),
        (b'file,title,narrator_name\nen.ogg,"unclosed,B\n', "malformed CSV"),
        (b"file,title,narrator_name\nen.ogg,A,B,extra\n", "wrong number of fields"),
    ],
)
def test_unreadable_manifests_are_explained(recordings, content, message):
    manifest = recordings / "bad.csv"
    manifest.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        run("--manifest", manifest)
    assert message in str(raised.value) + run.err
    assert Interview.objects.count() == 0
