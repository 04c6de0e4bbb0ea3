"""DealPilot settings, read from environment variables (see `.env.example`).

Defaults are safe for production (DEBUG off, secure cookies when DEBUG is off) and still let
`make run` serve on 127.0.0.1 with SQLite and no `.env`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.getenv(name, default).split(",") if part.strip()]


def secret_key(debug: bool) -> str:
    # SECRET_KEY, else the key file `make setup` writes once per checkout (data/secret_key).
    # Without either, a production start stops here rather than signing sessions with a known key.
    key = os.getenv("SECRET_KEY", "").strip()
    path = Path(os.getenv("SECRET_KEY_FILE", "") or "data/secret_key")
    path = path if path.is_absolute() else BASE_DIR / path
    if not key and path.is_file():
        key = path.read_text(encoding="utf-8").strip()
    if key:
        return key
    if debug:
        # Development only: a fresh key per process (sessions end when the server restarts).
        return get_random_secret_key()
    raise ImproperlyConfigured(f"SECRET_KEY must be set when DEBUG is off: export SECRET_KEY, or "
                               f"run `make setup` to write the key file {path} (SECRET_KEY_FILE).")


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = secret_key(DEBUG)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "dealpilot.accounts",
    "dealpilot.deals",
    "dealpilot.workspace",
    "dealpilot.review",
    "dealpilot.pipeline",
    "dealpilot.home",
    "dealpilot.api",
    "dealpilot.jobs",
    "dealpilot.audit",
    "dealpilot.exports",
    "dealpilot.imports",
    "dealpilot.activities",
    "dealpilot.forecast",
    "dealpilot.playbooks",
    "dealpilot.web",
    "dealpilot.ops",  # before django_tasks_db: its db_worker adds the heartbeat /healthz reads
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dealpilot.web.headers.security_headers",
    "dealpilot.web.storage.StorageFaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dealpilot.audit.middleware.remember_request",
    "dealpilot.accounts.sessions.session_timeout",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dealpilot.accounts.middleware.login_throttle_status",
]

ROOT_URLCONF = os.getenv("ROOT_URLCONF", "dealpilot.web.urls")
WSGI_APPLICATION = "dealpilot.web.wsgi.application"

TEMPLATES = [
    {
        # Every DealPilot page and fragment: templates in each app's jinja2/ folder.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "dealpilot.web.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The admin's own templates (and form widgets).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASE_URL = os.getenv("DATABASE_URL", "")
if not DATABASE_URL:
    # Zero set-up: SQLite in the checkout's data folder, created on first use.
    (BASE_DIR / "data").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'data' / 'dealpilot.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait instead of failing when another request holds the write lock. A deferred transaction
    # reads first and then asks for the lock: SQLite refuses that at once ("database is locked",
    # no waiting), so every transaction takes the write lock when it begins (IMMEDIATE) and waits
    # up to the busy timeout for it. WAL lets pages be read while one connection writes.
    SQLITE_BUSY_TIMEOUT = envint("SQLITE_BUSY_TIMEOUT", "20")
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = SQLITE_BUSY_TIMEOUT
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000};")
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (dealpilot/jobs): django-tasks with its database backend, so the queue lives in
# the same database on SQLite and PostgreSQL; `manage.py db_worker` runs them (`make run` starts it).
TASKS = {"default": {"BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Deals re-scored per transaction after a playbook is published (dealpilot/playbooks/rescore.py).
PLAYBOOK_RESCORE_BATCH = int(os.getenv("PLAYBOOK_RESCORE_BATCH", "100"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "dealpilot.accounts.passwords.UsernameValidator"},
    # The demo's password (dealpilot/deals/demo/build.py) is public: nobody may keep it.
    {"NAME": "dealpilot.accounts.passwords.ProductWordsValidator",
     "OPTIONS": {"words": ["dealpilot", "商机领航", "dealpilot-demo"]}},
    {"NAME": "dealpilot.accounts.passwords.NotCurrentValidator"},
]
AUTHENTICATION_BACKENDS = ["dealpilot.accounts.backends.ProfileBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login rate limit (dealpilot/accounts/ratelimit.py), failures within the window: per username
# and address, per address across usernames, per username across addresses.
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", "5")
LOGIN_MAX_FAILURES_PER_ADDRESS = envint("LOGIN_MAX_FAILURES_PER_ADDRESS", "20")
LOGIN_MAX_FAILURES_PER_USERNAME = envint("LOGIN_MAX_FAILURES_PER_USERNAME", "100")
LOGIN_FAILURE_WINDOW = envint("LOGIN_FAILURE_WINDOW", "900")
# Behind a reverse proxy every request comes from the proxy: name the header it writes the
# client's address into (e.g. HTTP_X_FORWARDED_FOR) and how many proxies append to it.
TRUSTED_PROXY_HEADER = os.getenv("TRUSTED_PROXY_HEADER", "").strip()
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "1")
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 1 or more, not {TRUSTED_PROXY_COUNT}")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Shanghai")
# Pipeline totals are converted into this currency with the dated rates kept in the admin.
DEALPILOT_COMPANY_CURRENCY = os.getenv("COMPANY_CURRENCY", "CNY").strip().upper() or "CNY"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Serve straight from the app folders too, so `runserver` works with DEBUG off and no collectstatic.
WHITENOISE_USE_FINDERS = True
# Before `collectstatic` the folder is empty and the finders serve the files; creating it keeps
# WhiteNoise from warning on every start.
try:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    warnings.filterwarnings("ignore", message="No directory at: ")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploaded deal documents larger than this are refused with a message.
DOCUMENT_MAX_BYTES = envint("DOCUMENT_MAX_BYTES", str(1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = max(DOCUMENT_MAX_BYTES * 2, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Longest a session lasts since signing in, however busy (dealpilot/accounts/sessions.py) ...
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(14 * 24 * 3600))
# ... and longest it may go unused.
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", str(8 * 3600))
CSRF_COOKIE_SAMESITE = "Lax"
# Behind HTTPS in production; `SECURE_COOKIES=false` for a plain-HTTP intranet trial. A server
# that only answers on this machine (`make run`) is plain HTTP, so its cookies cannot be secure.
LOCAL_ONLY = all(host in ("127.0.0.1", "localhost", "[::1]", "testserver") for host in ALLOWED_HOSTS)
SECURE_COOKIES = envbool("SECURE_COOKIES", "False" if DEBUG or LOCAL_ONLY else "True")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
if envbool("SECURE_PROXY_SSL_HEADER", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# /healthz reports the background worker dead when no worker heartbeat is younger than this (s).
WORKER_STALE_AFTER = envint("WORKER_STALE_AFTER", "60")

# The benchmark's bare view is mounted only when asked for.
BENCH_URLS = envbool("DEALPILOT_BENCH_URLS", "False")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# The JSON API (/api/v1/): requests per token per window (429 with Retry-After beyond it), and
# webhook deliveries: attempts, the first retry's wait (doubled for each further one), timeout.
API_RATE_LIMIT = envint("API_RATE_LIMIT", "600")
API_RATE_WINDOW = envint("API_RATE_WINDOW", "60")
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", "5")
WEBHOOK_RETRY_SECONDS = envint("WEBHOOK_RETRY_SECONDS", "10")
WEBHOOK_TIMEOUT = envint("WEBHOOK_TIMEOUT", "10")
