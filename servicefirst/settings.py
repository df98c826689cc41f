"""Settings for Service First, configured from the environment.

SQLite is the embedded default so a bare machine can run the demo; production
sets DATABASE_URL to PostgreSQL and SECRET_KEY, DEBUG=0, ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

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
# The number residents are given for help, in E.164; pages show it the way people in the UK write it.
COUNCIL_PHONE = os.environ.get("COUNCIL_PHONE", "+442079460000")
# Counts from 1 to one less than this are not shown to councillors or in published reports (core.disclosure).
DISCLOSURE_THRESHOLD = int(os.environ.get("DISCLOSURE_THRESHOLD", "5"))
# A change is given as a percentage only on an earlier count of at least this: +700% on a count of 1 says nothing.
CHANGE_PERCENT_MIN_BASE = int(os.environ.get("CHANGE_PERCENT_MIN_BASE", "10"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    # Staff sign-in: lockout after repeated failures (django-axes), second factor (django-otp). See servicefirst.signin.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "servicefirst.signin",
    "servicefirst.staff",
    "servicefirst.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "servicefirst.core.middleware.PermissionsPolicyMiddleware",
    # Early, so an answer made by any middleware after it (a 503 when the session cannot be read) is framed by none.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside CommonMiddleware, which still turns a 404 into the address with a slash; the page needs the user.
    "servicefirst.core.middleware.NotFoundPageMiddleware",
    # Staff sign-in: which device verified this session; session limits; the second factor before any page.
    "django_otp.middleware.OTPMiddleware",
    "servicefirst.signin.middleware.SessionLimitsMiddleware",
    "servicefirst.signin.middleware.SecondFactorMiddleware",
    "servicefirst.core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.csp",
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
        # A kept connection the database dropped (a restart, a fail-over) is found dead and replaced at the
        # start of the next request instead of failing it.
        conn_health_checks=True,
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

# --- Staff sign-in (issue 15; docs/SECURITY.md, "Staff sign-in") -------------------------------------------------
# django-axes counts failed sign-ins per account and, separately, per client address; either reaching its limit
# locks that account or address out for the cool-off, or until an administrator unlocks it. An address, which a
# whole office may share, has a higher limit (signin/lockout.py). Failures during a lockout are refused without
# being counted, so the lockout ends on time rather than being kept up by an attacker.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "servicefirst.signin.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "servicefirst.signin.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "servicefirst.core.addresses.client_address"
# The audit log records every sign-in; axes' own logs of successes would be a second, unaudited copy.
AXES_DISABLE_ACCESS_LOG = True
# Unlocking is the audited action in our admin (servicefirst.signin.admin), not axes' own admin pages.
AXES_ENABLE_ADMIN = False
# Axes announces its settings on every start; management commands (the demo's list of sign-ins) stay quiet.
AXES_VERBOSE = False
# How many proxies in front of the app append to X-Forwarded-For (the deployment guide: one). 0 reads REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Roles that must use a second factor (accounts.roles.Role values); anyone else may set one up.
STAFF_SECOND_FACTOR_ROLES = [
    r for r in os.environ.get("STAFF_SECOND_FACTOR_ROLES", "administrator,head_of_customer_services").split(",") if r
]
OTP_TOTP_ISSUER = COUNCIL_NAME
# Wrong codes wait 1, 2, 4, 8... seconds before the next is tried (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# A staff session ends after this long unused, and in any case this long after signing in.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_ABSOLUTE_HOURS = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "10"))
SESSION_COOKIE_AGE = 60 * 60 * SESSION_ABSOLUTE_HOURS
# --- end of staff sign-in ---------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# Residents' sign-in links go by email: development prints them to the console; production defaults to SMTP through
# EMAIL_HOST (a local relay unless named), so no link is lost to a console.
_mail_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _mail_backend}}
if _mail_backend == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "use_ssl": env_bool("EMAIL_USE_SSL", False),
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@example.gov.uk")

# --- Security headers and production (docs/DEPLOYMENT.md, docs/SECURITY.md) ------------------------------------
# The same policy in development as in production, so the tests and the demo show a page that breaks under it.
# No page has an inline script but the one GOV.UK Frontend needs before first paint, which carries the request's
# nonce; no page has an inline style or a style attribute (htmx's indicator styles are in app.css instead).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Swagger UI's stylesheet draws its icons from data: URIs.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Powerful browser features no page uses, refused to every page and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS only in production; the TLS proxy answers plain HTTP with a redirect too, this is the app's backstop.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The proxy's and load balancer's health check may ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Only behind a proxy that sets X-Forwarded-Proto itself (overwriting what the client sent): anywhere else a
# client could claim HTTPS and skip the redirect.
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a proxy every request comes from the proxy's address; the rate limits count the client's, read as the
# staff sign-in lockout reads it (TRUSTED_PROXY_COUNT entries from the right of X-Forwarded-For).
RATELIMIT_IP_META_KEY = "servicefirst.core.addresses.client_address_for_limits"
# Rate limits and the API token cache count in the cache, so production needs one every process shares: Redis.
# CACHE_PER_PROCESS=1 runs without it knowingly (benchmarks, a single-process trial); check --deploy says so.
CACHE_PER_PROCESS = env_bool("CACHE_PER_PROCESS", False)
# Decided here, from the environment, not from DEBUG later: test runners turn DEBUG off in development too.
REDIS_REQUIRED = not DEBUG and not CACHE_PER_PROCESS
if REDIS_REQUIRED and not os.environ.get("REDIS_URL"):
    raise RuntimeError(
        "REDIS_URL must be set when DEBUG is off: rate limits and API token revocation must be shared by every "
        "process (docs/DEPLOYMENT.md)"
    )
# ---------------------------------------------------------------------------------------------------------------

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
    # WeasyPrint narrates every step of making a PDF at INFO; django-axes every sign-in (the audit log has them),
    # keeping its lockouts at WARNING.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
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

# Tracking a request on the residents' site: lookups that find nothing, per reference and per client address
# (a library or service centre is one address for many residents), and all posts per address against robots.
PORTAL_TRACK_FAILURES_PER_REFERENCE = os.environ.get("PORTAL_TRACK_FAILURES_PER_REFERENCE", "5/15m")
PORTAL_TRACK_FAILURES_PER_ADDRESS = os.environ.get("PORTAL_TRACK_FAILURES_PER_ADDRESS", "50/h")
PORTAL_TRACK_RATE = os.environ.get("PORTAL_TRACK_RATE", "60/m")

# Inbound email: an attachment larger than this, or beyond this in one email's attachments, is refused. Kept
# attachments live in this private directory, outside MEDIA and STATIC, so no web server publishes them.
INBOUND_ATTACHMENT_MAX_BYTES = int(os.environ.get("INBOUND_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
INBOUND_EMAIL_MAX_BYTES = int(os.environ.get("INBOUND_EMAIL_MAX_BYTES", str(25 * 1024 * 1024)))
INBOUND_STORAGE_DIR = Path(os.environ.get("INBOUND_STORAGE_DIR", str(BASE_DIR / "private" / "inbound")))
