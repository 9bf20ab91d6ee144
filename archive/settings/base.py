"""Settings shared by every environment. Environment-specific files import * from here."""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_path(name, default):
    return Path(os.environ[name]) if os.environ.get(name) else default


INSTALLED_APPS = [
    "archive.workers",
    "archive.ingest",
    "archive.transcription",
    "archive.redaction",
    "archive.consent",
    "archive.publication",
    "archive.preservation",
    "archive.testimonies",
    "archive.roles",
    "archive.demo",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "archive.accounts",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "archive.publication.middleware.PrivateResponsesNotStored",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "archive.publication.middleware.PublicationBlockedMiddleware",
    "archive.testimonies.middleware.PublicContentSecurityPolicy",
    "axes.middleware.AxesMiddleware",
]

# Sign-in is throttled (django-axes): after AXES_FAILURE_LIMIT failures for one username, or
# from one address, sign-in is refused for AXES_COOLOFF_TIME. An administrator lifts a pause
# early with `manage.py axes_reset_username NAME` (or `axes_reset_ip ADDRESS`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Failed attempts are kept until the pause ends; successful sign-ins and addresses are not logged.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "archive.accounts.addresses.client_address"
# How many reverse proxies of ours stand in front of the site, each appending to
# X-Forwarded-For (archive/accounts/addresses.py). 0: the header is ignored.
TESTIMONIO_TRUSTED_PROXIES = int(os.environ.get("TESTIMONIO_TRUSTED_PROXIES", 0))
# Password-reset requests per hour (archive/accounts/throttling.py).
TESTIMONIO_RESETS_PER_ADDRESS = 5
TESTIMONIO_RESETS_PER_EMAIL = 3

# Public pages load only our own files (archive/testimonies/middleware.py).
TESTIMONIO_PUBLIC_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "frame-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
TESTIMONIO_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_path("TESTIMONIO_DB_PATH", BASE_DIR / "db.sqlite3"),
        "OPTIONS": {
            # The web server and the task worker write to the same file.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        },
        # A connection is kept between requests: opening one (and, on PostgreSQL, a server
        # process) for every request cost more than the queries of a revalidated page.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
# PostgreSQL (production; `make test-postgres`) when DATABASE_NAME is set.
if os.environ.get("DATABASE_NAME"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["DATABASE_NAME"],
            "USER": os.environ.get("DATABASE_USER", ""),
            "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
            "HOST": os.environ.get("DATABASE_HOST", ""),
            "PORT": os.environ.get("DATABASE_PORT", ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# Compiled catalogues are committed (locale/*/LC_MESSAGES/django.mo), so no machine needs gettext
# to run the site; `make messages` updates and compiles them.
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"

# Two trees, strictly apart. Only media/public is ever served by URL; media/private holds
# originals (audio, photos, consent forms) and is reachable only through permission-checked
# views that stream from it. Nothing derives a URL from the private tree.
MEDIA_TREE = env_path("TESTIMONIO_MEDIA_ROOT", BASE_DIR / "media")
MEDIA_ROOT = MEDIA_TREE / "public"
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = MEDIA_TREE / "private"
# Files are encrypted or rendered here, on local disk, and put in private storage only when whole
# (archive/ingest/objects.py). Inside the private tree by default, so that putting is a rename.
TESTIMONIO_STAGING_ROOT = env_path("TESTIMONIO_STAGING_ROOT", PRIVATE_MEDIA_ROOT / ".incoming")
TESTIMONIO_SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# Private files (originals, signed forms, redacted derivatives) in an S3-compatible bucket when
# TESTIMONIO_PRIVATE_BUCKET is set (docs/deployment.md). The bucket is never public: objects are
# written private, and readers get files only through our views, which ask the publication gate
# on every request. Originals and forms are already encrypted when they are uploaded.
def private_bucket(
    bucket_name, endpoint_url=None, region_name=None, access_key=None, secret_key=None
):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "endpoint_url": endpoint_url,
            "region_name": region_name,
            "access_key": access_key,
            "secret_key": secret_key,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


if os.environ.get("TESTIMONIO_PRIVATE_BUCKET"):
    STORAGES["private"] = private_bucket(
        os.environ["TESTIMONIO_PRIVATE_BUCKET"],
        endpoint_url=os.environ.get("TESTIMONIO_S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("TESTIMONIO_S3_REGION") or None,
        access_key=os.environ.get("TESTIMONIO_S3_ACCESS_KEY_ID") or None,
        secret_key=os.environ.get("TESTIMONIO_S3_SECRET_ACCESS_KEY") or None,
    )

# Uploads go straight to a temporary file on disk, never into memory, and the size cap is
# enforced while the bytes arrive (see archive.ingest.uploads).
FILE_UPLOAD_HANDLERS = ["archive.ingest.uploads.CappedTemporaryFileUploadHandler"]
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
TESTIMONIO_MAX_UPLOAD_BYTES = int(os.environ.get("TESTIMONIO_MAX_UPLOAD_BYTES", 4 * 1024**3))
# Longer recordings are refused at ingest (a long life story is several sessions of hours).
TESTIMONIO_MAX_RECORDING_SECONDS = int(os.environ.get("TESTIMONIO_MAX_RECORDING_SECONDS", 8 * 3600))
# Originals and signed forms are encrypted under per-interview keys that this key wraps
# (archive/ingest/encryption.py). It comes from the environment, never the database or the repo.
TESTIMONIO_MASTER_KEY = os.environ.get("TESTIMONIO_MASTER_KEY", "")
# Only while rotating (`manage.py rotate_master_key`): old master keys, comma-separated, that
# may still unwrap data keys but never wrap new ones.
TESTIMONIO_PREVIOUS_MASTER_KEYS = [
    key.strip()
    for key in os.environ.get("TESTIMONIO_PREVIOUS_MASTER_KEYS", "").split(",")
    if key.strip()
]
# Demo users and their passwords; only development settings fill this in.
TESTIMONIO_DEMO_PASSWORDS = {}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (docs/deployment.md). Queues by kind, so machines can specialise: a GPU
# machine runs `manage.py run_worker --queue transcription`.
TESTIMONIO_TASK_QUEUES = ["default", "transcription", "media"]
# The embedded default is the database; "rq" puts the queues on Redis (REDIS_URL).
TESTIMONIO_TASK_BACKEND = os.environ.get("TESTIMONIO_TASK_BACKEND", "database")
if TESTIMONIO_TASK_BACKEND == "database":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": TESTIMONIO_TASK_QUEUES,
        }
    }
elif TESTIMONIO_TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    # RQ stops a task after DEFAULT_TIMEOUT seconds; -1 never does. A long recording on a CPU
    # takes hours to transcribe, and its progress is watched by the worker registry instead.
    RQ_QUEUES = {
        "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600},
        "transcription": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": -1},
        "media": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 6 * 3600},
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TESTIMONIO_TASK_QUEUES}}
else:
    raise ImproperlyConfigured(
        f"TESTIMONIO_TASK_BACKEND is {TESTIMONIO_TASK_BACKEND!r}; use 'database' or 'rq'."
    )
# Each worker reports that it is alive this often; one silent for the second figure is gone
# and its work is queued again (archive/workers/registry.py).
TESTIMONIO_WORKER_BEAT_SECONDS = float(os.environ.get("TESTIMONIO_WORKER_BEAT_SECONDS", 5))
TESTIMONIO_WORKER_GONE_AFTER_SECONDS = float(
    os.environ.get("TESTIMONIO_WORKER_GONE_AFTER_SECONDS", 30)
)
# Queued work that no queue holds (sent while Redis was unreachable, or lost with it) is sent
# again once it is this old, by any worker's beat and by `recover_interrupted_work`.
TESTIMONIO_RESEND_LOST_AFTER_SECONDS = float(
    os.environ.get("TESTIMONIO_RESEND_LOST_AFTER_SECONDS", 60)
)
# How often a database worker looks for a new task when its queues are empty.
TESTIMONIO_WORKER_POLL_SECONDS = float(os.environ.get("TESTIMONIO_WORKER_POLL_SECONDS", 1))

# Transcription runs here, on this machine; audio is never sent anywhere. Engines by name, each
# a class deriving from archive.transcription.engines.Engine (docs/transcription.md, *Engines*).
TESTIMONIO_TRANSCRIPTION_ENGINES = {
    "faster-whisper": {"CLASS": "archive.transcription.engines.FasterWhisperEngine"},
    "openai-whisper": {"CLASS": "archive.transcription.engines.OpenAIWhisperEngine"},
}
TESTIMONIO_TRANSCRIPTION_ENGINE = os.environ.get(
    "TESTIMONIO_TRANSCRIPTION_ENGINE", "faster-whisper"
)
# "base" is the packaged, checksum-verified model; or a model directory, a checkpoint (.pt),
# or a name the libraries download themselves where a hub can be reached.
TESTIMONIO_WHISPER_MODEL = os.environ.get("TESTIMONIO_WHISPER_MODEL", "base")
# Where neither the job nor the interview's record names the language, Whisper detects it only
# among these (docs/transcription.md, *Language*): its free guess wrote 2 % of the recall
# benchmark's recordings in Italian or Latin. Comma-separated codes; empty: any it knows.
TESTIMONIO_TRANSCRIPTION_LANGUAGES = [
    code.strip()
    for code in os.environ.get(
        "TESTIMONIO_TRANSCRIPTION_LANGUAGES", ",".join(code for code, _name in LANGUAGES)
    ).split(",")
    if code.strip()
]
TESTIMONIO_TRANSCRIPTION_DEVICE = os.environ.get("TESTIMONIO_TRANSCRIPTION_DEVICE", "auto")
TESTIMONIO_TRANSCRIPTION_THREADS = int(os.environ.get("TESTIMONIO_TRANSCRIPTION_THREADS", 0))
TESTIMONIO_FASTER_WHISPER_COMPUTE_TYPE = os.environ.get(
    "TESTIMONIO_FASTER_WHISPER_COMPUTE_TYPE", "int8"
)
TESTIMONIO_TRANSCRIPTION_BEAM_SIZE = int(os.environ.get("TESTIMONIO_TRANSCRIPTION_BEAM_SIZE", 5))
# faster-whisper decodes this many 30-second clips side by side (archive/transcription/clips.py);
# 2.2-2.4x faster than one after another on two cores, at equal or better accuracy
# (docs/performance.md).
# 1 decodes in sequence.
TESTIMONIO_FASTER_WHISPER_BATCH_SIZE = int(
    os.environ.get("TESTIMONIO_FASTER_WHISPER_BATCH_SIZE", 8)
)
TESTIMONIO_MODEL_CACHE = env_path("TESTIMONIO_MODEL_CACHE", BASE_DIR / "var" / "models")
# A running job that no registered worker holds (one run by a bare `db_worker`) is taken to have
# lost its worker when it has not reported for this long.
TESTIMONIO_TRANSCRIPTION_STALE_SECONDS = int(
    os.environ.get("TESTIMONIO_TRANSCRIPTION_STALE_SECONDS", 600)
)
# Jobs find who speaks when (archive/transcription/diarization.py) unless told otherwise for
# recordings longer than this: a short clip is usually one voice.
TESTIMONIO_DIARIZE_LONGER_THAN = float(os.environ.get("TESTIMONIO_DIARIZE_LONGER_THAN", 60))

# Redaction (archive/redaction/render.py). Padding is added on each side of a redacted span;
# spans closer than the merge gap become one, so no syllable is heard between them.
TESTIMONIO_REDACTION_PADDING_SECONDS = 0.25
TESTIMONIO_REDACTION_UNSURE_PADDING_SECONDS = 0.5
TESTIMONIO_REDACTION_MERGE_GAP_SECONDS = 0.3
TESTIMONIO_REDACTION_FILL = "tone"  # or "silence"
TESTIMONIO_REDACTION_TONE_HZ = 1000
TESTIMONIO_VOICE_PITCH_FACTOR = 1.25
TESTIMONIO_PUBLIC_AUDIO_BITRATE = 48000
# The MP3 rendition, for players without Ogg Opus: MP3 needs more bits for the same speech.
TESTIMONIO_PUBLIC_MP3_BITRATE = 64000
# Published photos are re-encoded no larger than this on their longest side.
TESTIMONIO_PUBLIC_PHOTO_MAX_PIXELS = 2000

WAGTAIL_SITE_NAME = "Testimonio"
# OAI-PMH at /oai/ (archive/testimonies/oai.py): records are named oai:<this>:testimony-<id>, so
# it must stay the same for the archive's life; the address harvesters may write to; how many
# records a response holds before a resumption token.
TESTIMONIO_OAI_REPOSITORY_IDENTIFIER = os.environ.get(
    "TESTIMONIO_OAI_REPOSITORY_IDENTIFIER",
    urlsplit(os.environ.get("TESTIMONIO_BASE_URL", "http://localhost:8000")).hostname,
)
TESTIMONIO_OAI_ADMIN_EMAIL = os.environ.get(
    "TESTIMONIO_OAI_ADMIN_EMAIL", "archivist@testimonio.invalid"
)
TESTIMONIO_OAI_PAGE_SIZE = int(os.environ.get("TESTIMONIO_OAI_PAGE_SIZE", 100))
WAGTAILADMIN_BASE_URL = os.environ.get("TESTIMONIO_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The admin must not phone home: readers' and editors' activity is reported to no one.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No Gravatar: the admin must not tell a third party who is editing.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "odt", "docx"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 30 * 1024**2
WAGTAILEMBEDS_FINDERS = []

# Error logs and reports say where an error happened, never what it was about: an exception's
# message or a frame's variables may hold transcript text or a name (archive/error_reports.py).
DEFAULT_EXCEPTION_REPORTER = "archive.error_reports.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "archive.error_reports.NothingFromFramesOrRequests"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"private": {"()": "archive.error_reports.WithoutExceptionText"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "private"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "archive": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
    },
}
