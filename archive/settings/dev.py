import base64
import os
import secrets

from .base import *  # noqa: F403


def development_master_key(path):
    """A key made once per checkout, in var/ (ignored by git), so `make run` needs no setup.
    Deleting the file makes this checkout's originals unreadable, as erasure intends."""
    path.parent.mkdir(exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    return path.read_text().strip()


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

TESTIMONIO_MASTER_KEY = TESTIMONIO_MASTER_KEY or development_master_key(  # noqa: F405
    BASE_DIR / "var" / "dev-master-key"  # noqa: F405
)
