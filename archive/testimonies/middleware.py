from django.conf import settings


class PublicContentSecurityPolicy:
    """Every public response says where the browser may load anything from: only this site.
    A script or style that is not one of our files, an inline script, a frame of us elsewhere,
    a form sent elsewhere: all refused. Wagtail's admin, which relies on inline scripts, keeps
    its own headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.admin_prefix):
            response.headers.setdefault(
                "Content-Security-Policy", settings.TESTIMONIO_PUBLIC_CONTENT_SECURITY_POLICY
            )
            response.headers.setdefault(
                "Permissions-Policy", settings.TESTIMONIO_PERMISSIONS_POLICY
            )
        return response
