"""Public views beside Wagtail's page serving: the redacted audio and photos (each request
passes the publication gate again, so withdrawal or expiry stops them at once, whatever a
browser or proxy kept), exports, search across published, redacted transcripts, and OAI-PMH
harvesting. Each serves only what the page's publication in force holds."""

import re
import unicodedata
from functools import partial, wraps

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.search.backends import get_search_backend

from archive.consent.models import Part
from archive.ingest.objects import open_stored
from archive.ingest.ranges import ranged_file_response
from archive.publication.models import Publication, PublishedSegment, translation_allowed
from archive.redaction.models import RedactedAudio, RedactedPhoto

from . import oai as oai_pmh
from .exports import FORMATS, NothingToExport, render_export
from .models import TestimonyPage
from .revalidation import not_modified, publication_etag


def _public_page(page_id, part):
    page = get_object_or_404(TestimonyPage.objects.live().public(), pk=page_id)
    if part not in page.public_parts():
        raise Http404
    return page


def _file_response(request, name, size, content_type, extension):
    response = ranged_file_response(
        request,
        partial(open_stored, name),
        size=size,
        content_type=content_type,
        filename=f"testimony.{extension}",
    )
    # Revalidate on every use, so nothing outlives a withdrawal in a shared cache.
    response["Cache-Control"] = "public, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def readable_from_any_origin(view):
    """IIIF and OHMS viewers on other sites fetch the public files and exports: any origin may
    read them (never with credentials, which `*` forbids) and the browser's preflight is
    answered. The gate still decides every GET."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Range"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Accept-Ranges, Content-Length, Content-Range"
        return response

    return answered


ACROSS_ORIGINS = ["GET", "HEAD", "OPTIONS"]
AUDIO_TYPES = {"ogg": "audio/ogg", "mp3": "audio/mpeg"}


@require_http_methods(ACROSS_ORIGINS)
@readable_from_any_origin
def audio(request, page_id, audio_id, extension):
    if extension not in AUDIO_TYPES:
        raise Http404
    page = _public_page(page_id, Part.AUDIO)
    if audio_id not in [approved for approved, _seconds in page.publication.audio_files]:
        raise Http404
    derivative = get_object_or_404(RedactedAudio, pk=audio_id)
    if extension == "mp3":
        name, size = derivative.mp3_file.name, derivative.mp3_size_bytes
    else:
        name, size = derivative.file.name, derivative.size_bytes
    if not name:
        raise Http404
    return _file_response(request, name, size, AUDIO_TYPES[extension], extension)


@require_http_methods(ACROSS_ORIGINS)
@readable_from_any_origin
def photo(request, page_id, photo_id):
    page = _public_page(page_id, Part.PHOTOS)
    if photo_id not in page.publication.photo_files:
        raise Http404
    derivative = get_object_or_404(RedactedPhoto, pk=photo_id)
    return _file_response(request, derivative.file.name, derivative.size_bytes, "image/jpeg", "jpg")


EXCERPT_WORDS = 14
MOMENTS_PER_PAGE = 20
MOMENTS_COUNTED = 1000


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


def searchable_segments(today=None):
    """Segments of live pages' publications in force that show the transcript; translated ones
    only where the translation is shown too."""
    pages = TestimonyPage.objects.live().public()
    transcripts = (
        Publication.objects.filter(page__in=pages).showing(Part.TRANSCRIPT, today).values("pk")
    )
    return PublishedSegment.objects.filter(publication__in=transcripts).filter(
        Q(translated=False) | translation_allowed("publication__")
    )


def search(request):
    """Search across published, redacted transcripts; each hit opens the player at its moment.
    Works without JavaScript. Paginated by the search backend."""
    query = request.GET.get("q", "").strip()[:200]
    page_of_results = None
    count = 0
    if query:
        # Moments are listed testimony by testimony, in time order (the order their rows were
        # written), not ranked: every moment holds all the words, and ranking every match of a
        # common word costs a pass over all of them. At most MOMENTS_COUNTED are counted.
        results = get_search_backend().search(
            query,
            searchable_segments().order_by("id"),
            operator="and",
            order_by_relevance=False,
        )
        found = list(results[: MOMENTS_COUNTED + 1])
        count = len(found)
        page_of_results = Paginator(found[:MOMENTS_COUNTED], MOMENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        moments = list(page_of_results)
        publications = Publication.objects.in_bulk({moment.publication_id for moment in moments})
        pages = TestimonyPage.objects.in_bulk({p.page_id for p in publications.values()})
        for moment in moments:
            moment.page = pages[publications[moment.publication_id].page_id]
            moment.excerpt = excerpt(moment.text, query)
            moment.link = f"{moment.page.url}?t={int(moment.start)}#t-{int(moment.start)}"
    response = TemplateResponse(
        request,
        "testimonies/search.html",
        {
            "query": query,
            "results": page_of_results,
            "count": min(count, MOMENTS_COUNTED),
            "more": count > MOMENTS_COUNTED,
        },
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_http_methods(ACROSS_ORIGINS)
@readable_from_any_origin
def export(request, page_id, fmt):
    """A published testimony's redacted transcript in an open format."""
    if fmt not in FORMATS:
        raise Http404
    page = _public_page(page_id, Part.TRANSCRIPT)
    etag = publication_etag(request, page, fmt)
    if unchanged := not_modified(request, etag):
        return unchanged
    content_type, extension = FORMATS[fmt]
    try:
        body = render_export(page, fmt, request.build_absolute_uri("/").rstrip("/"))
    except NothingToExport:
        raise Http404 from None
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="testimony-{page.pk}-{fmt}.{extension}"'
    response["Cache-Control"] = "public, no-cache"
    if etag:
        response["ETag"] = etag
    return response


@csrf_exempt  # harvesters POST without a session; the endpoint only reads
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request):
    """OAI-PMH 2.0 (oai.py); the protocol allows a request's arguments by GET or by POST."""
    params = request.POST if request.method == "POST" else request.GET
    return HttpResponse(
        oai_pmh.handle(request, dict(params.lists())), content_type="text/xml; charset=utf-8"
    )
