"""Public views beside Wagtail's page serving: the redacted audio and photos (each request
passes the publication gate again, so withdrawal or expiry stops them at once, whatever a
browser or proxy kept) and search across published, redacted transcripts."""

import re
import unicodedata
from functools import partial

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from wagtail.search.backends import get_search_backend

from archive.consent.models import Part
from archive.ingest.ranges import ranged_file_response
from archive.redaction.models import RedactedAudio, RedactedPhoto
from archive.redaction.review import fresh_audio, fresh_photo

from .exports import FORMATS, render_export
from .models import PublishedMoment, TestimonyPage


def _public_page(page_id, part):
    page = get_object_or_404(TestimonyPage.objects.live().public(), pk=page_id)
    if part not in page.public_parts():
        raise Http404
    return page


def _file_response(request, derivative, content_type, extension):
    response = ranged_file_response(
        request,
        partial(open, derivative.file.path, "rb"),
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


EXCERPT_WORDS = 14
MOMENTS_PER_PAGE = 20


def _fold(text):
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


def excerpt(text, query):
    """The words around the first hit, every hit marked, escaped: Wagtail's database search
    has no highlighting, and accents must not hide a hit ("Lopez" finds "López")."""
    terms = {_fold(term) for term in re.findall(r"\w+", query) if len(term) > 1}
    words = text.split()
    hits = [i for i, word in enumerate(words) if _fold(re.sub(r"\W", "", word)) in terms]
    first = max(0, (hits[0] if hits else 0) - EXCERPT_WORDS // 2)
    shown = words[first : first + EXCERPT_WORDS]
    pieces = [
        format_html("<mark>{}</mark>", word) if first + i in hits else conditional_escape(word)
        for i, word in enumerate(shown)
    ]
    prefix = "… " if first else ""
    suffix = " …" if first + EXCERPT_WORDS < len(words) else ""
    return mark_safe(prefix + " ".join(pieces) + suffix)  # noqa: S308 - every piece escaped above


def search(request):
    """Search across published, redacted transcripts; each hit opens the player at its moment.
    Works without JavaScript."""
    query = request.GET.get("q", "").strip()[:200]
    results = []
    page_of_results = None
    if query:
        live = PublishedMoment.objects.filter(page__in=TestimonyPage.objects.live().public())
        moments = list(get_search_backend().search(query, live, operator="and"))
        pages = TestimonyPage.objects.in_bulk({moment.page_id for moment in moments})
        shown = {pk for pk, page in pages.items() if page.public_parts()}
        for moment in moments:
            if moment.page_id in shown:
                moment.page = pages[moment.page_id]
                results.append(moment)
        page_of_results = Paginator(results, MOMENTS_PER_PAGE).get_page(request.GET.get("page"))
        for moment in page_of_results:
            moment.excerpt = excerpt(moment.text, query)
            moment.link = f"{moment.page.url}?t={int(moment.start)}#t-{int(moment.start)}"
    response = TemplateResponse(
        request,
        "testimonies/search.html",
        {"query": query, "results": page_of_results, "count": len(results)},
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_http_methods(["GET", "HEAD"])
def export(request, page_id, fmt):
    """A published testimony's redacted transcript in an open format."""
    if fmt not in FORMATS:
        raise Http404
    page = _public_page(page_id, Part.TRANSCRIPT)
    content_type, extension = FORMATS[fmt]
    body = render_export(page, fmt, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="testimony-{page.pk}-{fmt}.{extension}"'
    response["Cache-Control"] = "public, no-cache"
    response["Access-Control-Allow-Origin"] = "*"  # IIIF and OHMS viewers fetch across origins
    return response
