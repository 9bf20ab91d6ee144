import mimetypes
import time

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response
from wagtail.log_actions import log

from .forms import UploadForm
from .models import Interview, Photo, Recording
from .probe import UnreadableMedia
from .ranges import ranged_file_response
from .store import AlreadyIngested, ingest_photo, ingest_recording

ORIGINAL_KINDS = {"recording": Recording, "photo": Photo}
# A player seeking sends many range requests; one audit entry per person, file and half hour.
VIEW_LOG_INTERVAL_SECONDS = 30 * 60


def private_headers(response):
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "same-origin"
    return response


def log_view_of_original(request, original):
    key = f"{original._meta.model_name}:{original.pk}"
    viewed = request.session.get("viewed_originals", {})
    now = time.time()
    if now - viewed.get(key, 0) < VIEW_LOG_INTERVAL_SECONDS:
        return
    viewed[key] = now
    request.session["viewed_originals"] = viewed
    log(
        instance=original.interview,
        action="testimonio.view_original",
        user=request.user,
        data={"kind": original._meta.model_name, "id": original.pk, "sha256": original.sha256},
    )


@require_http_methods(["GET", "HEAD"])
def serve_original(request, kind, pk):
    """Stream a private original to someone allowed to see it; everyone else gets 404.

    404 rather than a login redirect or 403, so the URL space tells an outsider nothing.
    """
    model = ORIGINAL_KINDS.get(kind)
    if model is None or not request.user.has_perm(f"ingest.view_{kind}"):
        raise Http404
    original = get_object_or_404(model.objects.select_related("interview"), pk=pk)
    content_type = mimetypes.guess_type(f"x.{original.extension}")[0] or "application/octet-stream"
    response = ranged_file_response(
        request,
        original.open_decrypted,
        size=original.size_bytes,
        content_type=content_type,
        filename=f"{kind}-{original.pk}.{original.extension}",
    )
    log_view_of_original(request, original)
    return private_headers(response)


def interview_edit_url(interview):
    return reverse("wagtailsnippets_ingest_interview:edit", args=[interview.pk])


def upload(request, pk):
    """Add recordings and photos to an interview. Each file stands or falls on its own."""
    interview = get_object_or_404(Interview, pk=pk)
    if not (
        request.user.has_perm("ingest.add_recording") or request.user.has_perm("ingest.add_photo")
    ):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    # Read after the body is parsed above: the upload handler sets it while parsing.
    rejected = getattr(request, "upload_rejected", None)
    if request.method == "POST" and rejected:
        form = UploadForm()
    elif request.method == "POST" and form.is_valid():
        stored = 0
        for field, ingest, permission in (
            ("recordings", ingest_recording, "ingest.add_recording"),
            ("photos", ingest_photo, "ingest.add_photo"),
        ):
            if form.cleaned_data[field] and not request.user.has_perm(permission):
                form.add_error(field, _("You may not add these."))
                continue
            for uploaded in form.cleaned_data[field]:
                try:
                    ingest(
                        uploaded.temporary_file_path(),
                        interview=interview,
                        original_filename=uploaded.name,
                        user=request.user,
                    )
                    stored += 1
                except (UnreadableMedia, AlreadyIngested) as error:
                    form.add_error(field, f"{uploaded.name}: {error}")
        if stored:
            log(
                instance=interview,
                action="testimonio.upload",
                user=request.user,
                data={"files": stored},
            )
            messages.success(request, _("%(count)d file(s) stored.") % {"count": stored})
        if not form.errors:
            return redirect(interview_edit_url(interview))
    return TemplateResponse(
        request,
        "ingest/upload.html",
        {
            "interview": interview,
            "form": form,
            "rejected": rejected,
            "edit_url": interview_edit_url(interview),
        },
        status=400 if form.errors or rejected else 200,
    )


# Wagtail's own catalogue holds only its strings; ours (archive/locale, djangojs) add the
# admin scripts' strings, in the language the editor chose for the admin.
our_js_catalog = JavaScriptCatalog.as_view(packages=["archive.ingest"])


def admin_js_catalog(request):
    return get_localized_response(our_js_catalog, request)
