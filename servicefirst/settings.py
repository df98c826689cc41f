"""Settings for Service First, configured from the environment.

SQLite is the embedded default so a bare machine can run the demo; production
sets DATABASE_URL to PostgreSQL and SECRET_KEY, DEBUG=0, ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Demo Borough Council")
# Counts from 1 to one less than this are not shown to councillors or in published reports (core.disclosure).
DISCLOSURE_THRESHOLD = int(os.environ.get("DISCLOSURE_THRESHOLD", "5"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    # Serves django-ninja's own pinned Swagger UI from static files instead of a CDN.
    "ninja",
    "servicefirst.core",
    "servicefirst.accounts",
    "servicefirst.audit",
    "servicefirst.organisation",
    "servicefirst.catalogue",
    "servicefirst.customers",
    "servicefirst.contacts",
    "servicefirst.servicerequests",
    "servicefirst.notifications",
    "servicefirst.satisfaction",
    "servicefirst.complaints",
    "servicefirst.mysteryshopping",
    "servicefirst.open311",
    "servicefirst.inbound",
    "servicefirst.portal",
    "servicefirst.performance",
    "servicefirst.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "servicefirst.urls"
WSGI_APPLICATION = "servicefirst.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "servicefirst.core.context_processors.council",
            ],
        },
    },
]
FORM_RENDERER = "servicefirst.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo's web server and task worker share one file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not the in-memory default, so tests see the same locking as the real server.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
# /api/docs (Swagger UI) and /api/openapi.json for signed-in staff; API_DOCS_ENABLED=0 removes them.
API_DOCS_ENABLED = env_bool("API_DOCS_ENABLED", True)
# How long a new API token lasts unless its issuer says otherwise (at most a year).
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# Residents' sign-in links go by email; development prints them to the console, production names SMTP's backend.
MAILERS = {"default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@example.gov.uk")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of making a PDF at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Audit log: events older than this many days are deleted by `manage.py audit_prune` (run daily), the only deletion
# the database allows. Six years, the Limitation Act 1980's period for a claim over misuse of personal data
# (docs/SECURITY.md, "Audit").
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", str(6 * 365 + 2)))

# Personal-data search results are capped so a broad query cannot list the borough.
CUSTOMER_SEARCH_LIMIT = 50

# A contact about the same service within this many days of the last one counts as a repeat.
CONTACT_REPEAT_WINDOW_DAYS = int(os.environ.get("CONTACT_REPEAT_WINDOW_DAYS", "28"))
# Longer than this is a timer left running, not a transaction; the officer must correct it.
CONTACT_MAX_DURATION_HOURS = int(os.environ.get("CONTACT_MAX_DURATION_HOURS", "8"))

# Messages to customers go to the local outbox unless GOV.UK Notify is configured.
NOTIFICATIONS_BACKEND = os.environ.get("NOTIFICATIONS_BACKEND", "servicefirst.notifications.backends.OutboxBackend")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")

# The address residents reach this service at, for links sent in emails and texts (survey links, for example).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Satisfaction: a site's kiosk asks about the latest visit that ended within this many minutes; it goes back to
# its first screen after this many idle seconds; a survey link sent to a customer works for this many days.
SATISFACTION_KIOSK_WINDOW_MINUTES = int(os.environ.get("SATISFACTION_KIOSK_WINDOW_MINUTES", "30"))
SATISFACTION_KIOSK_IDLE_SECONDS = int(os.environ.get("SATISFACTION_KIOSK_IDLE_SECONDS", "60"))
SATISFACTION_SURVEY_LINK_DAYS = int(os.environ.get("SATISFACTION_SURVEY_LINK_DAYS", "14"))

# Open311 GeoReport v2: a client that names a jurisdiction must name this one.
OPEN311_JURISDICTION_ID = os.environ.get("OPEN311_JURISDICTION_ID", "demo-borough.example")
# Requests per client address (django-ratelimit's "count/period"): posts raise requests, reads are cheap.
OPEN311_RATE_POST = os.environ.get("OPEN311_RATE_POST", "60/m")
OPEN311_RATE_GET = os.environ.get("OPEN311_RATE_GET", "600/m")

# Inbound email: an attachment larger than this, or beyond this in one email's attachments, is refused. Kept
# attachments live in this private directory, outside MEDIA and STATIC, so no web server publishes them.
INBOUND_ATTACHMENT_MAX_BYTES = int(os.environ.get("INBOUND_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
INBOUND_EMAIL_MAX_BYTES = int(os.environ.get("INBOUND_EMAIL_MAX_BYTES", str(25 * 1024 * 1024)))
INBOUND_STORAGE_DIR = Path(os.environ.get("INBOUND_STORAGE_DIR", str(BASE_DIR / "private" / "inbound")))
