from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from archive.ingest import views as ingest_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Private originals: permission-checked and streamed from outside MEDIA_ROOT.
    path(
        "originals/<str:kind>/<int:pk>/",
        ingest_views.serve_original,
        name="serve_original",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Only the public tree; the private tree is a sibling of MEDIA_ROOT, not inside it.
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
