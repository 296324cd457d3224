"""Settings of the Dân vận portal, read from the environment.

Without any environment the portal runs on an embedded default: SQLite under var/, Celery tasks run
in-process. DATABASE_URL switches to PostgreSQL, CELERY_BROKER_URL to Redis with a real worker.
DJANGO_ENV=production turns on the production checks (secret key, hosts, HTTPS cookies).
"""

import copy
import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANVAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY phải được đặt khi chạy production.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghijklmnopqrstuvwxyz"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS phải được đặt khi chạy production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "axes",
    "core",
    "organisations",
    "plans",
    "meetings",
    "accountability",
    "democracy",
    "satisfaction",
    "models_khoe",
    "religion",
    "communitygroups",
    "reports",
    "onboarding",
    "demo",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.pagecache.WriteWatchMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# Dashboards and the city/province view may read from a streaming replica (core.db_router). Without
# DATABASE_REPLICA_URL the alias is a second connection to the primary; in tests it mirrors the test database.
_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASES["replica"] = (
    dj_database_url.parse(_REPLICA_URL, conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0),
                          conn_health_checks=True)
    if _REPLICA_URL else copy.deepcopy(DATABASES["default"])
)
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DANVAN_REPLICA_READS = env_bool("DANVAN_REPLICA_READS", bool(_REPLICA_URL))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The reverse proxies in front of the portal (addresses or networks, comma-separated). Only a request from one of
# them has its X-Forwarded-For read (core.network.client_address); without any, the client is REMOTE_ADDR and a
# forged header changes nothing. docker-compose.yml sets the gateway through which the host's proxy connects.
DANVAN_TRUSTED_PROXIES = env_list("DANVAN_TRUSTED_PROXIES")
for _proxy in DANVAN_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DANVAN_TRUSTED_PROXIES: '{_proxy}' không phải địa chỉ hay dải mạng IP "
            "(ví dụ 172.30.42.1 hoặc 10.0.0.0/8)."
        ) from None

# Brute-force protection on every login form (the portal's, the admin's, the API's browsable login): the failures
# count per account AND address together, so guessing one account from one address is stopped without locking the
# account from elsewhere or the address for everybody else. An administrator unlocks in /quan-tri/ (README).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.network.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Language, time and formats: Vietnamese first, English second.
# The blank choice of every list filter means "no filter": say so, in the user's language, instead of "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("— Tất cả —")
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files (evidence, approved PDFs, imports) on S3-compatible object storage when the portal runs on more
# than one host: DANVAN_MEDIA_STORAGE=s3 with the bucket below and the usual AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
# (install with `pip install .[s3]`). The code reads and writes files only through the storage API, so the file
# system (the default) and a bucket behave alike; backups of a bucket are the object store's own (docs/scaling.md).
MEDIA_STORAGE = os.environ.get("DANVAN_MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DANVAN_S3_BUCKET"],
            "endpoint_url": os.environ.get("DANVAN_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DANVAN_S3_REGION") or None,
            "location": os.environ.get("DANVAN_S3_PREFIX", "media"),
            # Private files: every download goes through the portal's access check, never a public URL.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"DANVAN_MEDIA_STORAGE: '{MEDIA_STORAGE}' phải là 'filesystem' hoặc 's3'.")
WHITENOISE_USE_FINDERS = not PRODUCTION
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Every file the portal reads (evidence, Excel and Word imports): one guard (core.uploads) for every area.
UPLOAD_MAX_BYTES = int(os.environ.get("DANVAN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# What a zip-based office file (.xlsx, .docx …) may unpack to: checked before any parser opens it.
UPLOAD_UNPACKED_MAX_BYTES = int(os.environ.get("DANVAN_UPLOAD_UNPACKED_MAX_BYTES", str(50 * 1024 * 1024)))
UPLOAD_MEMBER_MAX_BYTES = int(os.environ.get("DANVAN_UPLOAD_MEMBER_MAX_BYTES", str(25 * 1024 * 1024)))
UPLOAD_MAX_MEMBERS = int(os.environ.get("DANVAN_UPLOAD_MAX_MEMBERS", "1000"))
UPLOAD_MAX_RATIO = int(os.environ.get("DANVAN_UPLOAD_MAX_RATIO", "100"))
# Markup ("<") in an imported file: bounds openpyxl's and python-docx's parse time (5,000 households ≈ 250,000).
UPLOAD_XML_MAX_TAGS = int(os.environ.get("DANVAN_UPLOAD_XML_MAX_TAGS", "500000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# A plan imported from its document (plans.importer.limits): each bound is checked before the work it bounds.
# The 2024 seed plan has 14,821 characters, a longest paragraph of 690, 7 task groups and 25 tasks.
PLAN_IMPORT_MAX_CHARACTERS = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_CHARACTERS", "200000"))
PLAN_IMPORT_MAX_PARAGRAPH_CHARACTERS = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_PARAGRAPH_CHARACTERS", "5000"))
PLAN_IMPORT_MAX_PARAGRAPHS = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_PARAGRAPHS", "2000"))
PLAN_IMPORT_MAX_AREAS = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_AREAS", "60"))
PLAN_IMPORT_MAX_TASKS = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_TASKS", "500"))
PLAN_IMPORT_MAX_SECONDS = float(os.environ.get("DANVAN_PLAN_IMPORT_MAX_SECONDS", "20"))
# The preview waits on the server (plans.PlanImportDraft), not in the session, for this long.
PLAN_IMPORT_MAX_PREVIEW_BYTES = int(os.environ.get("DANVAN_PLAN_IMPORT_MAX_PREVIEW_BYTES", str(3 * 1024 * 1024)))
PLAN_IMPORT_DRAFT_HOURS = int(os.environ.get("DANVAN_PLAN_IMPORT_DRAFT_HOURS", "24"))
PLAN_IMPORT_PREVIEW_PAGE_SIZE = int(os.environ.get("DANVAN_PLAN_IMPORT_PREVIEW_PAGE_SIZE", "30"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Content-Security-Policy: no inline scripts anywhere in the portal.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
# No page of the portal is meant to be framed, not even by itself (check --deploy, security.W019).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Officials share office computers: a session ends when the browser closes and after a working day at most
# (Django's default was two weeks).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The ward dashboard keeps each area's figures this long in the cache (per ward and period), and says how old they
# are: a Standing Committee meeting where a dozen members open it costs one computation (issue 19). 0: always live.
DANVAN_DASHBOARD_CACHE_SECONDS = int(os.environ.get("DANVAN_DASHBOARD_CACHE_SECONDS", "60"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }
    if os.environ.get("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Each process's own memory, in front of the shared cache for what the public rating endpoint reads on every
    # request (a desk, a tablet): a few seconds here spare a round trip to Redis per request (issue 19).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "danvan-local"},
}

# The main pages (home, plan, tasks, dashboards, households, satisfaction results, reports) are kept whole this long
# per user and session, and dropped at once when the data they show changes (core/pagecache.py, issue 19). Only
# with a cache every process shares (CACHE_URL); 0 turns it off.
DANVAN_PAGE_CACHE_SECONDS = int(
    os.environ.get("DANVAN_PAGE_CACHE_SECONDS", "60" if os.environ.get("CACHE_URL") else "0"))
if os.environ.get("CACHE_URL"):
    # Sessions read from the shared cache, written through to the database: a request costs no session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# E-mail for notifications: console in development, SMTP from the environment in production.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {"host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                    "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25"))}
        if PRODUCTION or os.environ.get("DJANGO_EMAIL_HOST")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "cong-dan-van@localhost")
# The portal's address as officials reach it: links in e-mails are made absolute against it.
# In production it defaults to the first allowed host over HTTPS, never to a local address nobody can open.
DANVAN_SITE_URL = os.environ.get(
    "DANVAN_SITE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")

# Celery: with no broker, tasks run in-process so the embedded default needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Periodic tasks: the entry's name (kept stable: django-celery-beat stores the last run under it), the task, when.
periodic_tasks = {
    "reports-prepare-drafts": ("reports.tasks.prepare_quarterly_drafts", crontab(hour=5, minute=0)),
    "reports-remind-units": ("reports.tasks.remind_unit_reports", crontab(hour=7, minute=0)),
    "reports-resend-pending-pdfs": ("reports.tasks.resend_pending_pdfs", crontab(minute=40)),
    "reports-refresh-ward-summaries": ("reports.tasks.refresh_ward_summaries", crontab(minute=20)),
    "religion-anonymise-closed-watch-reports": ("religion.tasks.anonymise_closed_watch_reports",
                                                crontab(hour=2, minute=15)),
    "meetings-conclusion-reminders": ("meetings.tasks.send_conclusion_reminders", crontab(hour=6, minute=45)),
    "models-khoe-evaluator-reminders": ("models_khoe.tasks.send_evaluator_reminders",
                                        crontab(day_of_week=1, hour=7, minute=30)),
    "satisfaction-thresholds": ("satisfaction.tasks.check_satisfaction_thresholds", crontab(hour=7, minute=10)),
    "democracy-petition-reminders": ("democracy.tasks.send_petition_reminders", crontab(hour=6, minute=50)),
    "plans-due-reminders": ("plans.tasks.send_due_reminders", crontab(hour=6, minute=30)),
    "plans-delete-expired-import-drafts": ("plans.tasks.delete_expired_import_drafts", crontab(hour=3, minute=10)),
}
CELERY_BEAT_SCHEDULE = {name: {"task": task, "schedule": when} for name, (task, when) in periodic_tasks.items()}

REST_FRAMEWORK = {
    # Token first: DRF answers an unauthenticated request with the first class's WWW-Authenticate challenge, so a
    # missing or bad token is a 401 (a client knows to log in again), not a 403 as with the session first.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["core.filtersets.PortalFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATE_FORMAT": "%Y-%m-%d",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d", "%d/%m/%Y"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng công tác dân vận",
    "DESCRIPTION": "REST API của cổng công tác dân vận phường: đơn vị, kế hoạch, nhiệm vụ, tiến độ.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema names every endpoint and field of the ward's data: for logged-in users and token holders only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# A desk tablet queues ratings while the ward's network is down and sends them later with the time each was given.
# The window covers what the tablet needs: a tablet switched off on Friday afternoon with ratings still queued
# sends them on Monday morning (about 64 hours). An older stamp, and any stamp on a QR rating, is replaced by the
# time of receipt, so nobody can slip ratings into a month or quarter whose figures are already out.
SATISFACTION_OFFLINE_WINDOW = timedelta(hours=int(os.environ.get("SATISFACTION_OFFLINE_WINDOW_HOURS", "72")))

# Reporting cut-off: a quarter's figures run from this day of the month before the quarter to the day
# before it in the quarter's last month (Q1 = 15/12 of the previous year to 14/3).
DANVAN_REPORT_CUTOFF_DAY = int(os.environ.get("DANVAN_REPORT_CUTOFF_DAY", "15"))
# The ward's report is due before this day of the quarter's last month (15/3, 15/6, 15/9, 15/12).
DANVAN_REPORT_DUE_DAY = int(os.environ.get("DANVAN_REPORT_DUE_DAY", "15"))
# Units send their quarterly results this many days before the ward's due date.
DANVAN_UNIT_REPORT_DAYS_BEFORE = int(os.environ.get("DANVAN_UNIT_REPORT_DAYS_BEFORE", "5"))
# Units are reminded this many days before their deadline (and every third day after it).
DANVAN_UNIT_REMINDER_DAYS = tuple(int(d) for d in env_list("DANVAN_UNIT_REMINDER_DAYS", "7,2"))
# The Celery job prepares the draft this many days before the due date.
DANVAN_REPORT_DRAFT_DAYS = int(os.environ.get("DANVAN_REPORT_DRAFT_DAYS", "10"))
# Party Committee terms (nhiệm kỳ) start in these years; document numbers restart from 01 in each term.
DANVAN_TERM_START_YEARS = [int(y) for y in env_list("DANVAN_TERM_START_YEARS", "2020,2025,2030")]
DANVAN_REMINDER_DAYS = int(os.environ.get("DANVAN_REMINDER_DAYS", "3"))
# Targets the dashboard's headline figures are coloured against (green at or above, amber close, red below).
# The satisfaction index is measured against each ward's own threshold (its satisfaction settings).
DANVAN_TARGET_PLAN_PROGRESS = int(os.environ.get("DANVAN_TARGET_PLAN_PROGRESS", "80"))
DANVAN_TARGET_UNITS_ON_TIME = int(os.environ.get("DANVAN_TARGET_UNITS_ON_TIME", "100"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
