"""Revalidation: a reader's browser or a caching proxy asks whether what it kept is current.
It gets a 304 only while the same publication, with the same parts, is in force."""

import datetime

import pytest
from django.test import Client

from archive.consent.models import ConsentRecord

pytestmark = pytest.mark.django_db


def test_a_kept_page_is_revalidated_without_rendering_until_the_publication_changes(
    published_testimony, editor
):
    page = published_testimony
    client = Client()
    first = client.get(page.url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert "no-cache" in again["Cache-Control"]
    # Another moment of the page is another response.
    assert client.get(page.url, {"t": "3"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    export = client.get(f"/testimonies/{page.pk}/export.vtt")
    assert (
        client.get(
            f"/testimonies/{page.pk}/export.vtt", HTTP_IF_NONE_MATCH=export["ETag"]
        ).status_code
        == 304
    )
    assert export["ETag"] != etag

    consent = ConsentRecord.objects.get(interview=page.interview)
    ConsentRecord.objects.filter(pk=consent.pk).update(expires_on=datetime.date.today())
    assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 404
    ConsentRecord.objects.filter(pk=consent.pk).update(expires_on=None)
    consent.refresh_from_db()
    consent.withdrawn_on = datetime.date.today()
    consent.withdrawn_recorded_by = editor
    consent.withdrawal_reason = "Asked."
    consent.save()
    assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 410
    assert (
        client.get(
            f"/testimonies/{page.pk}/export.vtt", HTTP_IF_NONE_MATCH=export["ETag"]
        ).status_code
        == 404
    )


def test_staff_responses_carry_no_tag(published_testimony, editor_client):
    response = editor_client.get(published_testimony.url)
    assert response.status_code == 200 and not response.has_header("ETag")
