"""Qualimark's settings, read from the environment (see README, "Configuration")."""

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from qualimark.env import ConfigurationError, envbool, envint, envlist, envstr

# Lets admin classes and querysets be subscripted at run time, as the type checker sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(envstr("QUALIMARK_VAR_DIR", str(Path.cwd() / "var")))

DEBUG = envbool("QUALIMARK_DEBUG", False)
SECRET_KEY = envstr("QUALIMARK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigurationError("QUALIMARK_SECRET_KEY must be set when QUALIMARK_DEBUG is off")
    SECRET_KEY = "qualimark-development-only-key"
ALLOWED_HOSTS = envlist("QUALIMARK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "qualimark.accounts.admin_site.QualimarkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "qualimark.accounts",
    "qualimark.notifications",
    "qualimark.journal",
    "qualimark.feed",
    "qualimark.schemes",
    "qualimark.parties",
    "qualimark.certification",
    "qualimark.datasheets",
    "qualimark.sanctions",
    "qualimark.oversight",
    "qualimark.complaints",
    "qualimark.lots",
    "qualimark.applications",
    "qualimark.search",
    "qualimark.registry",
    "qualimark.verification",
    "qualimark.access",
    "qualimark.public",
    "qualimark.signin",
    "qualimark.portal",
    "qualimark.backoffice",
    "qualimark.api",
    "qualimark.demo",
    "qualimark.benchmark",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "qualimark.signin.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "qualimark.urls"
WSGI_APPLICATION = "qualimark.wsgi.application"

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
            ],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as error:  # dj-database-url raises several types for bad URLs
        raise ConfigurationError(f"QUALIMARK_DATABASE_URL is not usable: {error}") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ConfigurationError("QUALIMARK_DATABASE_URL must be a sqlite:// or postgres:// URL")
    if engine == "django.db.backends.postgresql":
        # Parameters bound by the server, so that psycopg prepares a statement run five
        # times: planning the verification's seven-table join took ten times as long as
        # running it.
        config["OPTIONS"] = {"server_side_binding": True}
    if engine == "django.db.backends.sqlite3":
        if config.get("NAME") and config["NAME"] != ":memory:":
            # The embedded database lives in a folder of its own (var/ by default), which a
            # fresh checkout does not have yet.
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers and the one writer work side by side; IMMEDIATE makes a
        # transaction take the write lock up front, so that select_for_update-style
        # services serialise instead of failing with "database is locked" mid-way.
        # Connections are kept between requests (as on PostgreSQL): opening one and
        # setting its pragmas costs more than most reads. A 64 MB page cache each. The
        # file is not memory-mapped (mmap_size): one connection alone looks a random code
        # up faster mapped, but under load at a million datasheets (two processes of four
        # connections) random verification fell from 61 % to 48 % of the floor.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            ),
        }
    return config


DATABASES = {
    "default": _database(
        envstr("QUALIMARK_DATABASE_URL", f"sqlite:///{VAR_DIR / 'qualimark.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Object-level rules (qualimark.access.rules) first; Django's model permissions for the admin.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "signin:login"
LOGIN_REDIRECT_URL = "signin:home"
LOGOUT_REDIRECT_URL = "signin:login"
# Behind HTTPS (production), cookies travel only over it.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("QUALIMARK_SECURE_COOKIES", False)
SESSION_COOKIE_AGE = envint("QUALIMARK_SESSION_HOURS", 12) * 3600
# With this on, every staff member and inspector must log in with a second factor (TOTP);
# without it, only the accounts marked "second factor required" must.
QUALIMARK_STAFF_SECOND_FACTOR = envbool("QUALIMARK_STAFF_SECOND_FACTOR", False)
OTP_TOTP_ISSUER = envstr("QUALIMARK_CB_NAME", "Qualimark Certification")
# Uploads of applications: their size limit, in megabytes, per file.
QUALIMARK_UPLOAD_MAX_MB = envint("QUALIMARK_UPLOAD_MAX_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = (QUALIMARK_UPLOAD_MAX_MB + 1) * 1024 * 1024

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["qualimark.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# The address at which the public registry is reached: verification links and QR codes
# printed on delivery notes and labels are built on it, so it must be the public one.
QUALIMARK_PUBLIC_URL = envstr("QUALIMARK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
QUALIMARK_CB_NAME = envstr("QUALIMARK_CB_NAME", "Qualimark Certification")
# Where generated open-data files are written and served from.
QUALIMARK_OPEN_DATA_DIR = Path(envstr("QUALIMARK_OPEN_DATA_DIR", str(VAR_DIR / "open-data")))
QUALIMARK_BULK_VERIFY_LIMIT = envint("QUALIMARK_BULK_VERIFY_LIMIT", 1000)
# Verification answers each server process keeps, by ETag (0: none); about 1 kB each.
QUALIMARK_REMEMBERED_ANSWERS = envint("QUALIMARK_REMEMBERED_ANSWERS", 20000)
QUALIMARK_QUICK_CODE_ATTEMPTS = envint("QUALIMARK_QUICK_CODE_ATTEMPTS", 50)
# The read models kept from the change feed inside the writer's transaction (feed.services):
# the one place where code runs because the registry changed without being called by name.
QUALIMARK_PROJECTORS = [
    "qualimark.search.projector.project",
    "qualimark.verification.projection.project",
]

# E-mail: reports and letters go out by e-mail (the e-mail is the proof of delivery).
# Without an SMTP host, messages are written as files under var/mail, so that the demo
# and a development machine keep every message they would have sent.
EMAIL_HOST = envstr("QUALIMARK_EMAIL_HOST", "")
EMAIL_PORT = envint("QUALIMARK_EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("QUALIMARK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envstr("QUALIMARK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("QUALIMARK_EMAIL_TLS", False)
# Mail goes out after commit, within the request: a hung server must not hold a worker.
EMAIL_TIMEOUT = envint("QUALIMARK_EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = envstr("QUALIMARK_FROM_EMAIL", "certification@qualimark.example")
