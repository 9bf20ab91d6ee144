"""Public responses carry an ETag derived from the page's live publication, so a browser or a
caching proxy revalidating what it kept gets a 304 without the page being rendered.

The tag names everything the response depends on: the publication (a new approval is a new
one), the parts shown today (consent narrowing changes them), the live page revision, the
interface language and the query string. Responses to signed-in people are never tagged: they
are not stored anywhere (publication/middleware.py)."""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language


def publication_etag(request, page, *extra):
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None
    publication = page.publication
    if publication is None:
        return None
    parts = ",".join(page.public_parts())
    key = "|".join(
        map(
            str,
            [
                publication.pk,
                parts,
                page.live_revision_id,
                get_language(),
                request.GET.urlencode(),
                *extra,
            ],
        )
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(request, etag):
    """A 304 when the client already holds this version, else None."""
    if etag is None:
        return None
    held = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in held or "*" in held:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        response["Vary"] = "Accept-Language, Cookie"
        return response
    return None
