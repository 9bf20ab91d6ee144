import base64
import os
import secrets
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
# In production the web server serves media/public and static files itself.
TESTIMONIO_SERVE_MEDIA = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Each test run gets its own media tree; tests that need isolation override these per test.
MEDIA_TREE = Path(tempfile.mkdtemp(prefix="testimonio-test-media-"))
MEDIA_ROOT = MEDIA_TREE / "public"
PRIVATE_MEDIA_ROOT = MEDIA_TREE / "private"
TESTIMONIO_STAGING_ROOT = PRIVATE_MEDIA_ROOT / ".incoming"
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TESTIMONIO_TASK_QUEUES,  # noqa: F405
    }
}
TESTIMONIO_DEMO_PASSWORDS = {"admin": "admin-pw", "editor": "editor-pw", "reporter": "reporter-pw"}  # noqa: S105
# One key per test run, in the environment so the worker and servers that tests start share it.
TESTIMONIO_MASTER_KEY = os.environ.setdefault(
    "TESTIMONIO_MASTER_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
)
