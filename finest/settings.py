"""The portal's only settings module. Everything that differs between machines
is read from the environment here, with safe defaults for development."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import process_figure
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


DEBUG = env_bool("DEBUG", default=False)
# Set by the test settings module (finest/test_settings.py) and by the processes the tests start.
TESTING = env_bool("TESTING")

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET_KEY
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "For local development run `make run`, which sets DEBUG=1."
        )
elif not (DEBUG or TESTING) and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its tabs work.
    "modeltranslation",
    # The admin with the portal's site class (two-factor login, see finest/ops/admin_site.py).
    "finest.ops.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver leaves static files to WhiteNoise, which answers /static/../ with a 404, not a 500.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prose_editor",
    # Revisions of content, compared and rolled back in the admin (finest/core/revisions.py).
    "reversion",
    "reversion_compare",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "finest.ops.apps.OpsConfig",
    "finest.core",
    # The search index (Snowball-stemmed, stored full-text): each app's search.py registers its models.
    "searchindex",
    # The picture library every content type points at (before the apps that use it).
    "medialibrary",
    "partners",
    "projects",
    "events",
    "living_lab",
    "news",
    "newsletter",
    "registrations",
    # Drafts of live content, previews, review before publishing: it extends every content admin.
    "workflow",
    # Editable pages in a tree, which also give the main menu and the footer links.
    "pages",
    # The pages that span apps, and the API router.
    "website",
    # The demo content (manage.py load_demo_content).
    "demo",
    "applications",
]

MIDDLEWARE = [
    # First: health checks answer before host validation and the HTTPS redirect.
    "finest.ops.health.HealthCheckMiddleware",
    "finest.ops.request_id.RequestIdMiddleware",
    # Before anything reads the request: a NUL in the path, query or form is a 400, and chunked bodies are read.
    "finest.core.middleware.RequestGuardMiddleware",
    # gunicorn answers browsers directly (no front proxy compresses), so pages, feeds and API JSON are
    # gzipped here; above the page cache, which keeps the plain bytes. Django's Heal The Breach padding and
    # the masked CSRF token are its BREACH mitigation. Static files come precompressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    # A cached anonymous page is answered here, with the headers the rest of the stack gave it.
    "finest.core.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Signs staff out after SESSION_IDLE_TIMEOUT without a request, and SESSION_COOKIE_AGE after sign-in.
    "finest.ops.sessions.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "finest.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "finest.urls"
WSGI_APPLICATION = "finest.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.site",
                "pages.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL points elsewhere (PostgreSQL in CI and production).
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'finest.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60 if not DEBUG else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes concurrent writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery: Redis when REDIS_URL is set, otherwise in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fail-soft: when Redis is down, cache calls act as misses instead of raising.
            "BACKEND": "finest.ops.cache.FailSoftRedisCache",
            "LOCATION": os.environ.get("CACHE_REDIS_URL", REDIS_URL),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "finest"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "retry_after": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages and API reads are cached under the versions of the content they show
# (finest/core/pagecache.py, finest/api/cache.py): a change makes new keys, so the timeouts are
# only a bound on memory. PAGE_CACHE=0 turns both off (benchmarks compare the two).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
# Each process's own LRU copy in front of the shared cache, in entries (0: none).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 256)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Every task is seconds long and no countdown is longer than NEWSLETTER_CIRCUIT_MAX_SECONDS, so a task
# whose worker died unacknowledged comes back within a minute. Newsletter sending needs no broker state
# to recover: its supervisor (recover_stalled, every 5 s) works from the database.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60}
CELERY_TIMEZONE = "Europe/Helsinki"
CELERY_BEAT_SCHEDULE: dict = {}
# Newsletter: scheduled issues start, stalled sending is re-queued, the privacy notice's retention is enforced.
CELERY_BEAT_SCHEDULE.update({
    "newsletter-start-due-issues": {"task": "newsletter.tasks.start_due_issues", "schedule": 60.0},
    "newsletter-recover-stalled": {"task": "newsletter.tasks.recover_stalled", "schedule": 5.0},
    "newsletter-send-owed-confirmations": {"task": "newsletter.tasks.send_owed_confirmations", "schedule": 60.0},
    "newsletter-enforce-retention": {"task": "newsletter.tasks.enforce_retention", "schedule": 6 * 3600.0},
})
# Expired sessions, lapsed lockout attempts and login records past their retention (finest/ops/retention.py).
CELERY_BEAT_SCHEDULE["ops-purge-login-records"] = {"task": "finest.ops.tasks.purge_login_records", "schedule": 3600.0}
# Registrations: lapsed holds and lost emails are recovered, personal data is erased after the retention period.
CELERY_BEAT_SCHEDULE.update({
    "registrations-recover": {"task": "registrations.tasks.recover", "schedule": 60.0},
    "registrations-enforce-retention": {"task": "registrations.tasks.enforce_retention", "schedule": 6 * 3600.0},
})
# Applications: data past its retention period is deleted.
CELERY_BEAT_SCHEDULE.update({
    "applications-purge-expired": {"task": "applications.tasks.purge_expired", "schedule": 24 * 3600.0},
})
# Revisions beyond REVISIONS_KEEP per object (each save trims its own; this catches a lowered setting).
CELERY_BEAT_SCHEDULE["ops-trim-revisions"] = {"task": "finest.ops.tasks.trim_revisions", "schedule": 24 * 3600.0}
# Workflow: content whose unpublish date passed gets its tombstone in the change log.
CELERY_BEAT_SCHEDULE["workflow-record-expired-content"] = {"task": "workflow.tasks.record_expired_content", "schedule": 60.0}
# Derived fields that change with the clock (a call closing, a project starting) enter the sync stream.
CELERY_BEAT_SCHEDULE["core-record-clock-changes"] = {"task": "finest.core.tasks.record_clock_changes", "schedule": 60.0}
# Media library: renditions whose task was lost are made again.
CELERY_BEAT_SCHEDULE["medialibrary-recover-renditions"] = {"task": "medialibrary.tasks.recover_missing_renditions", "schedule": 600.0}
# Workers log through LOGGING below (JSON lines with the request id) instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages are fixed in code so that the translated columns live in migrations.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# en-GB, Finland-Swedish and Finnish dates, times and numbers, in place of Django's US and Sweden defaults.
FORMAT_MODULE_PATH = ["finest.formats"]

# Fallbacks: Finnish is the portal's main language, English the most widely read second.
# fi -> en -> sv, sv -> fi -> en, en -> fi -> sv.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("fi", "en", "sv"),
    "fi": ("en", "sv"),
    "sv": ("fi", "en"),
    "en": ("fi", "sv"),
}
MODELTRANSLATION_PREPOPULATE_LANGUAGE = None

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Media on S3-compatible storage (django-storages) when a bucket is configured, else on disk (a volume in Docker).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
AWS_DEFAULT_ACL = None
AWS_S3_FILE_OVERWRITE = False
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
# Without S3 and a front proxy serving /media/ from the volume, Django serves it (see finest/urls.py).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# The rich-text editor's Figure is django-prose-editor's, loaded in its place from this module so that
# inserting and typing around figures keeps the editor's text and pictures (the module says how).
# Its HTML goes through finest.core.html, whatever the processor would allow.
DJANGO_PROSE_EDITOR_EXTENSIONS = [{"js": [static_lazy("js/richtext-figure.js")], "extensions": {"Figure": process_figure}}]
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage" if AWS_STORAGE_BUCKET_NAME else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Open-call application attachments: outside MEDIA_ROOT and never given a URL (applications/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Days after a call's deadline that its applications are kept, and (sooner) their attachments.
APPLICATIONS_RETENTION_DAYS = env_int("APPLICATIONS_RETENTION_DAYS", 3 * 365)
APPLICATIONS_ATTACHMENT_RETENTION_DAYS = env_int("APPLICATIONS_ATTACHMENT_RETENTION_DAYS", 365)

# Uploaded images: Pillow checks format, byte size and pixel count.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 8 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o644

# Email: the backend and sender come from the environment.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    # finest.core.email.SMTPBackend is Django's SMTP backend that sends framed newsletter messages as they are.
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "finest.core.email.SMTPBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "FinEst Twins <no-reply@finesttwins.example>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Shown on the contact, privacy and accessibility pages as the public contact address.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "info@finesttwins.example")

# Newsletter (newsletter/): sending, double opt-in, abuse limits and the bounce webhook.
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", "20"))  # messages per second, all workers; 0 = no limit
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_PARALLEL_BATCHES = env_int("NEWSLETTER_PARALLEL_BATCHES", 4)
# A batch stops sending at 80 % of its lease; a killed worker's rows are claimable again when it ends.
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 15)
# An issue with no heartbeat for this long is woken again by the supervisor (kept under the 30 s
# recovery goal with the 5 s beat, and above the longest wait of a live chain, the circuit's maximum).
NEWSLETTER_STALL_SECONDS = env_int("NEWSLETTER_STALL_SECONDS", 15)
# The mail server unavailable: all sending pauses 1, 2, 4 … seconds, at most this long, then tries again.
NEWSLETTER_CIRCUIT_BASE_SECONDS = float(os.environ.get("NEWSLETTER_CIRCUIT_BASE_SECONDS", "1"))
NEWSLETTER_CIRCUIT_MAX_SECONDS = float(os.environ.get("NEWSLETTER_CIRCUIT_MAX_SECONDS", "10"))
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 5)
NEWSLETTER_RETRY_BASE_SECONDS = env_int("NEWSLETTER_RETRY_BASE_SECONDS", 60)
NEWSLETTER_HARD_BOUNCE_LIMIT = env_int("NEWSLETTER_HARD_BOUNCE_LIMIT", 2)
NEWSLETTER_CONFIRM_MAX_AGE_DAYS = env_int("NEWSLETTER_CONFIRM_MAX_AGE_DAYS", 7)
NEWSLETTER_UNCONFIRMED_PURGE_DAYS = env_int("NEWSLETTER_UNCONFIRMED_PURGE_DAYS", 14)
NEWSLETTER_CONFIRMATIONS_PER_ADDRESS = env_int("NEWSLETTER_CONFIRMATIONS_PER_ADDRESS", 3)  # per 24 hours
NEWSLETTER_SIGNUPS_PER_IP = env_int("NEWSLETTER_SIGNUPS_PER_IP", 10)  # per hour
NEWSLETTER_CONSENT_VERSION = os.environ.get("NEWSLETTER_CONSENT_VERSION", "2026-01")
# Keys the IP and address hashes; without it they are keyed by SECRET_KEY.
NEWSLETTER_HASH_SALT = os.environ.get("NEWSLETTER_HASH_SALT", "")
# Shared with the email provider: it signs bounce and complaint webhooks with HMAC-SHA256. Empty turns the webhook off.
NEWSLETTER_WEBHOOK_SECRET = os.environ.get("NEWSLETTER_WEBHOOK_SECRET", "")

# Registrations (registrations/): how long a sign-up holds its place while its email is confirmed,
# how long the confirmation link works, and how many days after the event personal data is kept.
REGISTRATIONS_HOLD_MINUTES = env_int("REGISTRATIONS_HOLD_MINUTES", 30)
REGISTRATIONS_CONFIRM_MAX_AGE_HOURS = env_int("REGISTRATIONS_CONFIRM_MAX_AGE_HOURS", 48)
REGISTRATIONS_RETENTION_DAYS = env_int("REGISTRATIONS_RETENTION_DAYS", 90)
REGISTRATIONS_SIGNUPS_PER_IP = env_int("REGISTRATIONS_SIGNUPS_PER_IP", 20)  # per hour
REGISTRATIONS_MIN_FORM_SECONDS = env_int("REGISTRATIONS_MIN_FORM_SECONDS", 3)  # faster than this is a bot

# REST framework: the API itself lives in each app's api module, wired in finest/api.py.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "finest.api.schema.PortalAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["finest.api.parsers.LimitedJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "finest.api.negotiation.FormatFirstContentNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": ["finest.api.authentication.PartnerAPIKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["finest.api.permissions.PortalPermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "finest.api.throttling.AnonymousRateThrottle",
        "finest.api.throttling.APIKeyRateThrottle",
    ],
    "EXCEPTION_HANDLER": "finest.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per client: anonymous clients by address, partner keys by key.
API_THROTTLE_RATES = {
    "anonymous": os.environ.get("API_THROTTLE_ANONYMOUS", "120/minute"),
    "key": os.environ.get("API_THROTTLE_KEY", "600/minute"),
    # Wrong API keys per client address; past it the address is refused for the rest of the window.
    "invalid_key": os.environ.get("API_THROTTLE_INVALID_KEY", "10/minute"),
}
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
# Partner API keys expire this many days after creation unless staff set a date (0: never), and a
# rotated key keeps working this many hours beside its replacement.
API_KEY_MAX_AGE_DAYS = env_int("API_KEY_MAX_AGE_DAYS", 365)
API_KEY_ROTATION_GRACE_HOURS = env_int("API_KEY_ROTATION_GRACE_HOURS", 72)
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
SPECTACULAR_SETTINGS = {
    "TITLE": "FinEst Twins portal API",
    "DESCRIPTION": (BASE_DIR / "finest" / "api" / "description.md").read_text(encoding="utf-8"),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "finest.api.schema.forbid_nul",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProjectKindEnum": "projects.models.ProjectKind",
        "ProjectStatusEnum": "projects.models.ProjectStatus",
        "EventKindEnum": "events.models.EventKind",
        "EventStatusEnum": "events.models.EventStatus",
        "ArticleKindEnum": "news.models.ArticleKind",
        "CityKindEnum": "finest.core.models.CityKind",
        "PublishStateEnum": "finest.core.models.PublishState",
        "OpenCallStateEnum": "living_lab.models.OpenCallState",
    },
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Security. Production (DEBUG off) gets the full deployment checklist.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if not (DEBUG or TESTING):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("USE_X_FORWARDED_PROTO"):
    # Only behind a proxy that sets this header itself; otherwise clients could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = (os.environ.get("SECURE_PROXY_SSL_HEADER_NAME", "HTTP_X_FORWARDED_PROTO"), "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST")
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
# Login records (django-axes access and failure logs) are deleted after this many days; see finest/ops/retention.py.
LOGIN_RECORD_RETENTION_DAYS = env_int("LOGIN_RECORD_RETENTION_DAYS", 90)
# RFC 9116 /.well-known/security.txt: where to report vulnerabilities.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "") or f"mailto:{CONTACT_EMAIL}"

# Content-Security-Policy, sent by finest.core.middleware.SecurityHeadersMiddleware.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# Two-factor login for staff (django-otp TOTP). Staff with a device always need a code; this makes it
# mandatory for all. On by default in production; off under DEBUG (make run) and in tests, which turn it on where they test it.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not (DEBUG or TESTING))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "FinEst Twins portal")

# The client address every rate limit and the admin lockout use (finest/core/clientaddr.py):
# 0 = the connection's address; N = the Nth X-Forwarded-For entry from the right, written by the
# last of N reverse proxies that each append the address they received the request from.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Admin lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for a username from one address,
# that pair is locked for AXES_COOLOFF_HOURS, so nobody can lock another person out from elsewhere.
# ADMIN_LOGIN_FAILURES_PER_ADDRESS failures across all usernames lock the address (password spraying).
# Off under pytest by default, because the test client's login() calls authenticate() without a
# request, which axes refuses; tests/ops turns it on.
AXES_ENABLED = env_bool("AXES_ENABLED", not TESTING)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A locked-out attempt is refused with the lockout response (also when the address, not the pair, is
# locked) and not counted again, so the cool-off runs from the last counted failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "finest.core.clientaddr.client_address"
AXES_USERNAME_CALLABLE = "finest.ops.lockout.login_username"
AXES_HANDLER = "finest.ops.lockout.PortalAxesHandler"
ADMIN_LOGIN_FAILURES_PER_ADDRESS = env_int("ADMIN_LOGIN_FAILURES_PER_ADDRESS", 20)

# Revisions kept per content object (finest/core/revisions.py); older ones are deleted as new ones are saved.
REVISIONS_KEEP = env_int("REVISIONS_KEEP", 50)

READINESS_TIMEOUT = float(os.environ.get("READINESS_TIMEOUT", "2"))
# /readyz answers loopback connections and callers sending this in X-Readiness-Token; empty = loopback only.
READINESS_TOKEN = os.environ.get("READINESS_TOKEN", "")
# modeltranslation's translation tabs load jQuery UI from a CDN by default; the CSP
# allows only 'self', so the admin uses Django's bundled jQuery and a local jQuery UI.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.tabs.js"

# Logs: JSON lines in production (LOG_FORMAT=json), readable lines in development; both carry the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if (DEBUG or TESTING) else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "finest.ops.logging.RequestIdFilter"},
        "redact_tokens": {"()": "finest.ops.logging.RedactTokensFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "finest.ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id", "redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Errors to Sentry, only when SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from finest.ops.sentry import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Workflow: how long a signed preview link of a draft works (workflow/preview.py).
PREVIEW_MAX_AGE_DAYS = int(os.environ.get("PREVIEW_MAX_AGE_DAYS", "7"))
