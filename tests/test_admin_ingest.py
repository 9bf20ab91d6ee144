import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from archive.ingest.models import Interview, Photo, Recording

from .conftest import private_files, write_video

pytestmark = pytest.mark.django_db


def create_interview_in_admin(client, **overrides):
    data = {
        "title": "Hardware store",
        "narrator_legal_name": "Daniel Ortega Ruiz",
        "narrator_display_name": "",
        "narrator_contact": "559 421 8037",
        "reporter": "",
        "interview_place": "Fresno, CA",
        "interview_when": "2017-03",
        "languages": "es, en",
        "other_names": "Rosa Ortega\nJulio",
        "places": "Fresno",
        "notes": "",
        **overrides,
    }
    return client.post(reverse("wagtailsnippets_ingest_interview:add"), data)


def test_reporter_creates_an_interview_in_the_admin(reporter_client):
    response = create_interview_in_admin(reporter_client)
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.narrator_display_name == "D.O.R."
    assert interview.other_names == ["Rosa Ortega", "Julio"]
    assert interview.languages == ["es", "en"]
    assert interview.interview_date_display == "2017-03"
    assert interview.revisions.count() == 1


def test_admin_form_explains_a_bad_date(reporter_client):
    response = create_interview_in_admin(reporter_client, interview_when="March 2017")
    assert response.status_code == 200
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in response.content.decode()
    assert Interview.objects.count() == 0


def upload_url(interview):
    return reverse("ingest_upload", args=[interview.pk])


@pytest.fixture
def interview(db):
    return Interview.objects.create(
        title="Hardware store", narrator_legal_name="Daniel Ortega Ruiz"
    )


def open_upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def test_reporter_uploads_a_recording_and_a_photo(
    reporter_client, reporter, interview, speech_en, tmp_path
):
    from PIL import Image

    photo_path = tmp_path / "kitchen.jpg"
    Image.new("RGB", (64, 48), "blue").save(photo_path)
    with open(speech_en, "rb") as audio, open(photo_path, "rb") as photo:
        response = reporter_client.post(
            upload_url(interview), {"recordings": [audio], "photos": [photo]}
        )
    assert response.status_code == 302
    recording = Recording.objects.get()
    assert recording.interview == interview
    assert recording.ingested_by == reporter
    assert recording.codec == "opus"
    with recording.open_decrypted() as stored:
        assert stored.read() == speech_en.read_bytes()
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.format) == (64, 48, "JPEG")
    page = reporter_client.get(
        reverse("wagtailsnippets_ingest_interview:edit", args=[interview.pk])
    )
    html = page.content.decode()
    assert f'src="/originals/recording/{recording.pk}/"' in html
    assert "kitchen.jpg" in html


def test_reporter_uploads_a_video_interview(reporter_client, interview, tmp_path):
    video = write_video(tmp_path / "phone-video.mp4", seconds=2)
    with open(video, "rb") as handle:
        response = reporter_client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code == 302
    recording = Recording.objects.get()
    assert recording.has_video
    assert recording.codec == "aac"
    assert recording.extension == "mp4"
    assert 1.5 < recording.duration_seconds < 2.5


def test_a_silent_video_is_refused_for_lack_of_audio(reporter_client, interview, tmp_path):
    from PIL import Image

    still = tmp_path / "frame.mp3"
    Image.new("RGB", (32, 32)).save(still, format="JPEG")
    with open(still, "rb") as handle:
        response = reporter_client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code == 400
    assert Recording.objects.count() == 0


def test_upload_of_a_non_audio_file_is_explained_and_nothing_saved(
    reporter_client, interview, tmp_path
):
    fake = tmp_path / "interview.mp3"
    fake.write_text("<html>definitely not audio</html>" * 30)
    with open(fake, "rb") as handle:
        response = reporter_client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code == 400
    assert (
        "interview.mp3: This file is not audio or video that can be read."
        in response.content.decode()
    )
    assert Recording.objects.count() == 0
    assert private_files() == []


def test_one_bad_file_does_not_lose_the_good_one(reporter_client, interview, speech_en, tmp_path):
    fake = tmp_path / "broken.wav"
    fake.write_bytes(b"RIFF\x00\x00")
    with open(speech_en, "rb") as good, open(fake, "rb") as bad:
        response = reporter_client.post(upload_url(interview), {"recordings": [good, bad]})
    assert response.status_code == 400
    assert "broken.wav" in response.content.decode()
    assert Recording.objects.count() == 1


def test_duplicate_upload_is_refused(reporter_client, interview, speech_en, tmp_path):
    copy = tmp_path / "again.ogg"
    shutil.copy(speech_en, copy)
    for path in (speech_en, copy):
        with open(path, "rb") as handle:
            response = reporter_client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code == 400
    assert "already ingested" in response.content.decode()
    assert Recording.objects.count() == 1


@override_settings(TESTIMONIO_MAX_UPLOAD_BYTES=10_000)
def test_upload_over_the_size_limit_is_explained(reporter_client, interview, speech_en):
    with open(speech_en, "rb") as handle:
        response = reporter_client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code == 400
    assert "larger than the limit of 9.8" in response.content.decode()
    assert Recording.objects.count() == 0
    assert private_files() == []


def test_someone_without_permission_cannot_upload(client, django_user_model, interview, speech_en):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("visitor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    with open(speech_en, "rb") as handle:
        response = client.post(upload_url(interview), {"recordings": [handle]})
    assert response.status_code in (302, 403, 404)
    assert Recording.objects.count() == 0


def test_a_new_interview_is_credited_to_the_reporter_creating_it(reporter_client, reporter):
    html = reporter_client.get(reverse("wagtailsnippets_ingest_interview:add")).content.decode()
    assert f'<option value="{reporter.pk}" selected>' in html
