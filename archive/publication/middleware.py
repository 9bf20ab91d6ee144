from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

from .gate import PublicationBlocked


class PublicationBlockedMiddleware:
    """Wherever in the admin a publish is refused by the gate (bulk actions, workflow approval,
    the edit view), the editor sees the reasons instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationBlocked):
            return None
        for reason in exception.messages:
            messages.error(request, reason)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "/admin/"
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"step": "success", "redirect": back})
        return redirect(back)


class PrivateResponsesNotStored:
    """No cache, shared or in the browser, may keep what staff see: the admin, previews,
    originals, and public pages as rendered for a signed-in person. Public responses may be
    kept only if the cache asks us again before each use, so a withdrawn testimony is gone from
    every cache the moment it is gone from the site."""

    PRIVATE_PREFIXES = ("/admin/", "/originals/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.path.startswith(self.PRIVATE_PREFIXES)
            or getattr(request, "is_preview", False)
        ):
            add_never_cache_headers(response)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        return response
