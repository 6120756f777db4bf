"""The Django project of the review: one warehouse's store and pages.

Resolved from warehouse/settings.py (TOTEUMA_WAREHOUSE_PATH, TOTEUMA_STORE_URL, …), so the
web application, the command line and the nightly run agree on which store belongs to
which warehouse. A process that works on several warehouses (the tests, a finance-service
centre's scripts) switches store with review.store.connection.use_store.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from warehouse.settings import load_dotenv, load_settings

load_dotenv()
TOTEUMA = load_settings()
BASE_DIR = Path(__file__).resolve().parents[1]


def _secret_key() -> str:
    key = os.environ.get("TOTEUMA_SECRET_KEY")
    if key:
        return key
    path = TOTEUMA.secret_key_path
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(staging, path)  # the first process to create it wins; others read it
        except FileExistsError:
            pass
        finally:
            staging.unlink()
    return path.read_text(encoding="utf-8").strip()


def database(url: str) -> dict:
    """Django's DATABASES entry for a store URL (sqlite:///path or postgresql://…)."""
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL: the pages read while a decision is written; a writer waits up to 20 s
        # for another, instead of failing at once
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    return config


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("TOTEUMA_WEB_DEBUG", "").lower() in ("1", "true", "yes")
ALLOWED_HOSTS = [
    host.strip()
    for host in (os.environ.get("TOTEUMA_WEB_ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    # first: its registration/ templates (Finnish, the site's layout) win over the admin's
    "review.pages",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "review.store",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Finnish unless the user switches (the browser's language does not decide)
    "review.pages.middleware.FinnishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # a warehouse file that is missing or held read-write: a plain page (503), no traceback
    "review.pages.middleware.WarehouseUnavailableMiddleware",
]

ROOT_URLCONF = "review.site.urls"
WSGI_APPLICATION = "review.site.wsgi.application"
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
                "django.template.context_processors.i18n",
                "review.pages.context_processors.review",
            ],
        },
    },
]

DATABASES = {"default": database(TOTEUMA.store)}
DATABASE_ROUTERS = ["review.store.connection.StoreRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]  # fmt: skip
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "morning"
LOGOUT_REDIRECT_URL = "login"

# Lockout: five wrong passwords for a user lock that user for an hour (django-axes)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # a refused login is in the audit trail, not on the console
AXES_LOCKOUT_TEMPLATE = "pages/locked.html"

SESSION_COOKIE_SECURE = True  # browsers treat http://localhost as secure too
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in (os.environ.get("TOTEUMA_WEB_TRUSTED_ORIGINS") or "").split(",")
    if origin.strip()
]

# Content-security policy: everything from the application itself, no inline script
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = None  # no collectstatic: whitenoise serves the apps' own static folders
WHITENOISE_USE_FINDERS = True  # served from the apps' folders: no collectstatic step

# Password reset mails (Django's own flow) go out through the digest's SMTP server
EMAIL_HOST = TOTEUMA.digest.host
EMAIL_PORT = TOTEUMA.digest.port
EMAIL_USE_TLS = TOTEUMA.digest.starttls
EMAIL_HOST_USER = TOTEUMA.digest.user
EMAIL_HOST_PASSWORD = TOTEUMA.digest.password
DEFAULT_FROM_EMAIL = TOTEUMA.digest.sender

# Only the web server's own warnings go to the console: the root logger is left alone, or
# every library's records (Dagster's, dbt's) would reach the terminal of a process that
# set Django up (the nightly run reads the store through Django).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "WARNING"}},
    "loggers": {"waitress": {"handlers": ["console"], "level": "WARNING"}},
}

# Lockout is per account, as the controllers' IT asked ("five wrong passwords lock the
# account"), whatever address the attempts come from.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
