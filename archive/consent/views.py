import mimetypes

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from archive.ingest.ranges import ranged_file_response
from archive.ingest.views import private_headers

from .models import ConsentRecord


@require_http_methods(["GET", "HEAD"])
def signed_form(request, pk):
    """The signed form, to people who may read consent records; 404 to everyone else."""
    if not request.user.has_perm("consent.view_consentrecord"):
        raise Http404
    consent = get_object_or_404(ConsentRecord, pk=pk)
    if not consent.signed_form:
        raise Http404
    extension = consent.signed_form.name.rsplit(".", 1)[-1]
    open_form = consent.signed_form.open_decrypted
    with open_form() as form:
        size = form.size
    response = ranged_file_response(
        request,
        open_form,
        size=size,
        content_type=mimetypes.guess_type(consent.signed_form.name)[0]
        or "application/octet-stream",
        filename=f"consent-{consent.pk}.{extension}",
    )
    if request.method == "GET" and "Range" not in request.headers:
        log(instance=consent, action="testimonio.view_consent_form", user=request.user)
    return private_headers(response)
