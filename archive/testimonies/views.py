"""The public's only way to the redacted audio and photos: each request passes the publication
gate again, so withdrawal or expiry stops them at once, whatever a browser or proxy kept."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from archive.consent.models import Part
from archive.ingest.ranges import ranged_file_response
from archive.redaction.models import RedactedAudio, RedactedPhoto
from archive.redaction.review import fresh_audio, fresh_photo

from .models import TestimonyPage


def _public_page(page_id, part):
    page = get_object_or_404(TestimonyPage.objects.live().public(), pk=page_id)
    if part not in page.public_parts():
        raise Http404
    return page


def _file_response(request, derivative, content_type, extension):
    response = ranged_file_response(
        request,
        derivative.file.path,
        size=derivative.size_bytes,
        content_type=content_type,
        filename=f"testimony.{extension}",
    )
    # Revalidate on every use, so nothing outlives a withdrawal in a shared cache.
    response["Cache-Control"] = "public, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "HEAD"])
def audio(request, page_id, audio_id):
    page = _public_page(page_id, Part.AUDIO)
    derivative = get_object_or_404(
        RedactedAudio, pk=audio_id, recording__interview=page.interview_id
    )
    if fresh_audio(derivative.recording, page._alter_voice()) != derivative:
        raise Http404
    return _file_response(request, derivative, "audio/ogg", "ogg")


@require_http_methods(["GET", "HEAD"])
def photo(request, page_id, photo_id):
    page = _public_page(page_id, Part.PHOTOS)
    derivative = get_object_or_404(RedactedPhoto, pk=photo_id, photo__interview=page.interview_id)
    if fresh_photo(derivative.photo) != derivative:
        raise Http404
    return _file_response(request, derivative, "image/jpeg", "jpg")
