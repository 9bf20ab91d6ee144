import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from archive.accounts.views import ThrottledPasswordResetView
from archive.ingest import views as ingest_views
from archive.testimonies import views as testimony_views


def not_found(request, *args):
    raise Http404


urlpatterns = [
    # Wagtail's own reset form, limited per address and e-mail (archive/accounts/throttling.py).
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    # Wagtail's image and document libraries would store files publicly under their uploaders'
    # names; nothing uses them (see publication/wagtail_hooks.py), so nobody reaches them.
    re_path(r"^admin/(images|documents)/", not_found),
    # The admin scripts' strings, for every admin page the login page included: interface text
    # only, so no login is asked for (a redirect would be read as a script).
    path("admin/jsi18n/testimonio/", ingest_views.admin_js_catalog, name="testimonio_js_catalog"),
    path("admin/", include(wagtailadmin_urls)),
    # Private originals: permission-checked and streamed from outside MEDIA_ROOT.
    path(
        "originals/<str:kind>/<int:pk>/",
        ingest_views.serve_original,
        name="serve_original",
    ),
    # Redacted, consented derivatives only, each request re-checked against the gate.
    path(
        "testimonies/<int:page_id>/audio/<int:audio_id>.<str:extension>",
        testimony_views.audio,
        name="testimony_audio",
    ),
    path(
        "testimonies/<int:page_id>/photos/<int:photo_id>.jpg",
        testimony_views.photo,
        name="testimony_photo",
    ),
    path(
        "testimonies/<int:page_id>/export.<str:fmt>",
        testimony_views.export,
        name="testimony_export",
    ),
    path("search/", testimony_views.search, name="search"),
    path("oai/", testimony_views.oai, name="oai"),
    path("language/", include("django.conf.urls.i18n")),
]


def not_found_when_climbing(view, **defaults):
    """Development file serving where a path that climbs out of its tree is simply not found."""

    def serve_inside(request, path):
        try:
            return view(request, path, **defaults)
        except SuspiciousFileOperation:
            raise Http404 from None

    return serve_inside


if settings.TESTIMONIO_SERVE_MEDIA:
    from django.contrib.staticfiles.views import serve as serve_static

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.STATIC_URL.lstrip('/'))}(?P<path>.*)$",
            not_found_when_climbing(serve_static, insecure=True),
        ),
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            not_found_when_climbing(serve, document_root=settings.MEDIA_ROOT),
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]
