"""Admin views of the review: recording that an occurrence identifies nobody, and taking a
testimony down until a new review is approved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import EndReason, NotIdentifying, Publication
from .permissions import review_policy
from .withdrawal import take_down_until_reviewed


def _back(request, fallback):
    back = request.POST.get("next") or request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return back
    return fallback


@require_POST
def not_identifying(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not review_policy.user_has_permission(request.user, "add"):
        raise PermissionDenied
    where, found = request.POST.get("where", "")[:120], request.POST.get("found", "")[:255]
    if page.interview_id is None or not where or not found:
        messages.error(request, _("Nothing to record."))
    else:
        NotIdentifying.objects.get_or_create(
            interview_id=page.interview_id,
            where=where,
            found=found,
            defaults={"term": request.POST.get("term", "")[:255], "decided_by": request.user},
        )
        messages.success(
            request,
            _("Recorded: “%(found)s” (%(where)s) identifies nobody.")
            % {"found": found, "where": where},
        )
    return redirect(_back(request, f"/admin/pages/{page.pk}/edit/"))


def take_down(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    if request.method == "POST":
        pages = take_down_until_reviewed(
            Publication.objects.filter(page=page), EndReason.TAKEN_DOWN, request.user
        )
        if pages:
            messages.success(
                request,
                _("“%(title)s” is down until a new redaction review is approved.")
                % {"title": page.title},
            )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "publication/take_down.html", {"page": page})
