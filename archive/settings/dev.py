from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
# In production the web server serves media/public and static files itself.
TESTIMONIO_SERVE_MEDIA = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Only here may `load_demo` create the demo users; it prints these passwords.
TESTIMONIO_DEMO_PASSWORDS = {  # noqa: S105
    "admin": "admin-demo-2026",
    "editor": "editor-demo-2026",
    "reporter": "reporter-demo-2026",
}
