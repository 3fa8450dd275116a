"""Settings, all read from the environment (see .env.example).

With no environment at all the project runs for development: SQLite under
var/, emails printed and written to var/mail/, Celery on a folder under var/.
DJANGO_ENV=production turns on every safety and requires the secrets.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_email,
    env_int,
    env_list,
    env_redis_url,
    env_str,
    is_set,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# A local .env is read if present; real environment variables win.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env_choice("DJANGO_ENV", ["development", "test", "production"], "development")
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")

SECRET_KEY = env_str(
    "SECRET_KEY",
    # Only ever used on a developer's machine or in tests.
    "dev-only-not-secret-0c6f1f1e4b7a4f3d9a1e2b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7",
    required=PRODUCTION,
)
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], required=PRODUCTION)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "À temps")
# The address people type, used in emails and calendar feeds.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Applications -------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "anymail",
    "accounts",
    "optout",
    "reminders",  # the mail side (reminders/apps.py): above optout, which is above accounts
]

MIDDLEWARE = [
    # First: every response gets the security headers, even /healthz, /metrics, a 400 and the HTTPS redirect.
    "config.middleware.SecurityHeadersMiddleware",
    "config.request_id.RequestIdMiddleware",
    "config.health.HealthCheckMiddleware",
    "reminders.monitoring.MetricsMiddleware",
    "config.middleware.AllowedMethodsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.site",
                "accounts.context_processors.email_cap",
                "optout.context_processors.vocabulary",
            ],
        },
    },
]

# Data ---------------------------------------------------------------------

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}", required=PRODUCTION)}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL: each query's values sent apart from its text, and a query a connection runs often (the fifth
# time: psycopg's default) prepared once, so PostgreSQL stops parsing and planning it anew.
# DATABASE_PREPARED=false behind a pooler in transaction mode (PgBouncer without max_prepared_statements).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED", True):
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_redis_url("REDIS_URL")

# A real cache always: allauth's rate limits live in it. Redis when we have
# it, the database otherwise (never the dummy cache, which would turn the
# rate limits off). While Redis cannot be reached, the database takes over
# (config/cache.py): sign-in keeps working, rate limits hold, pages are not cached.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "config.cache.RedisWithFallback", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}

# Accounts -----------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "reminders.account_mail.MailAdapter"  # accounts.adapter's, with the mail headers
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's forms with our labels. Sign-up also hashes the password for a known address, then
# sends it "an account already exists".
ACCOUNT_FORMS = {
    name: f"accounts.forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "reauthenticate": "ReauthenticateForm",
        "request_login_code": "RequestLoginCodeForm",
        "confirm_login_code": "ConfirmLoginCodeForm",
        "confirm_reauthentication_code": "ConfirmReauthenticationCodeForm",
    }.items()
}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # mail scanners open links: only a POST confirms
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
# Security notices by email: the old address is told when the address changes; the owner is
# told when the password is changed or reset, or an address added or removed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
# Sign in with a one-time code sent by email, too.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# No lockout by others: limits that count per address count per address *and* client (its IP),
# so that someone else's failed guesses or requests never refuse the owner's right password,
# code or reset (accounts/adapter.py builds those keys). What an address receives is capped:
# emails that anyone can cause (codes, reset links, "no account", "an account already exists",
# confirmations) go out at most ACCOUNT_EMAILS_PER_CLIENT an hour at one client's request, and
# ACCOUNT_EMAILS_PER_ADDRESS an hour in all; the pages that send them say so.
ACCOUNT_EMAILS_PER_CLIENT = 3
ACCOUNT_EMAILS_PER_ADDRESS = 10
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip",  # per address: the email cap below
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",  # key: the address and the client
    "request_login_code": "20/m/ip",  # per address: the email cap below
    "confirm_email": "1/3m/key",
    # Ours (accounts/adapter.py, send_mail): the key is the address and the client, then the address.
    "account_email_client": f"{ACCOUNT_EMAILS_PER_CLIENT}/h/key",
    "account_email_address": f"{ACCOUNT_EMAILS_PER_ADDRESS}/h/key",
}

# Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]  # each in its own language
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# Static files -------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email --------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
_email = env_email("EMAIL_URL")
if _email:
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
    EMAIL_PORT = _email.get("EMAIL_PORT") or 25
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
    EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
    EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
    if _email.get("EMAIL_FILE_PATH"):
        EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
elif PRODUCTION:
    # A server with a local mail transfer agent; set EMAIL_URL otherwise.
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    # Development: every email is printed and kept as a file under var/mail/.
    EMAIL_BACKEND = "config.mail.ConsoleAndFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# A mail provider's HTTP API instead of SMTP (django-anymail), with the settings each one needs.
# Amazon SES takes its credentials and region from boto3's own AWS_* variables.
EMAIL_PROVIDERS = {
    "brevo": ("anymail.backends.brevo.EmailBackend", ["BREVO_API_KEY"]),
    "mailjet": ("anymail.backends.mailjet.EmailBackend", ["MAILJET_API_KEY", "MAILJET_SECRET_KEY"]),
    "scaleway": ("anymail.backends.scaleway.EmailBackend", ["SCALEWAY_SECRET_KEY", "SCALEWAY_PROJECT_ID"]),
    "amazon_ses": ("anymail.backends.amazon_ses.EmailBackend", []),
    "postmark": ("anymail.backends.postmark.EmailBackend", ["POSTMARK_SERVER_TOKEN"]),
    "postal": ("anymail.backends.postal.EmailBackend", ["POSTAL_API_KEY", "POSTAL_API_URL"]),
}
EMAIL_PROVIDER = env_choice("EMAIL_PROVIDER", ["smtp", *EMAIL_PROVIDERS], "smtp")
_anymail = {
    "BREVO_API_KEY": env_str("BREVO_API_KEY"),
    "MAILJET_API_KEY": env_str("MAILJET_API_KEY"),
    "MAILJET_SECRET_KEY": env_str("MAILJET_SECRET_KEY"),
    "SCALEWAY_SECRET_KEY": env_str("SCALEWAY_SECRET_KEY"),
    "SCALEWAY_PROJECT_ID": env_str("SCALEWAY_PROJECT_ID"),
    "SCALEWAY_REGION": env_str("SCALEWAY_REGION"),
    "POSTMARK_SERVER_TOKEN": env_str("POSTMARK_SERVER_TOKEN"),
    "POSTAL_API_KEY": env_str("POSTAL_API_KEY"),
    "POSTAL_API_URL": env_str("POSTAL_API_URL"),
    # Postal signs its webhooks: its public key, to check them.
    "POSTAL_WEBHOOK_KEY": env_str("POSTAL_WEBHOOK_KEY"),
    # "user:password" in the webhook URLs given to the provider (several, comma-separated, while rotating).
    "WEBHOOK_SECRET": env_list("ANYMAIL_WEBHOOK_SECRET", []),
}
ANYMAIL = {name: value for name, value in _anymail.items() if value}
if any(":" not in secret.strip(":") for secret in ANYMAIL.get("WEBHOOK_SECRET", [])):
    raise ImproperlyConfigured("ANYMAIL_WEBHOOK_SECRET must be user:password (comma-separated for several).")
if EMAIL_PROVIDER != "smtp":
    if _email:
        raise ImproperlyConfigured("Set EMAIL_URL (SMTP) or EMAIL_PROVIDER (an HTTP API), not both.")
    EMAIL_BACKEND, _needed = EMAIL_PROVIDERS[EMAIL_PROVIDER]
    if _missing := [name for name in _needed if name not in ANYMAIL]:
        raise ImproperlyConfigured(f"EMAIL_PROVIDER={EMAIL_PROVIDER} needs {', '.join(_missing)} (see .env.example).")

# Celery -------------------------------------------------------------------

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL == "filesystem://":
    # No Redis: worker and beat still run as real processes and pass
    # messages through one folder (in and out are the same on purpose).
    _queue_dir = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
    for _folder in (_queue_dir, VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)  # kombu expects them to exist
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 30, minimum=5)
# How often beat wakes the dispatcher, and how long a claimed reminder stays
# with its worker before another may take it (a worker killed mid-batch).
DISPATCH_INTERVAL_SECONDS = env_int("DISPATCH_INTERVAL_SECONDS", 60, minimum=1)
DISPATCH_LEASE_SECONDS = env_int("DISPATCH_LEASE_SECONDS", 600, minimum=1)
# How much lower than the web the worker's processes run (their `nice`): on a machine both share,
# a person's click is served before the next email of a 9 o'clock burst (bench/RESULTS.md, 1b).
WORKER_NICE = env_int("WORKER_NICE", 10, minimum=0)
# /healthz answers "degraded" when a reminder has waited this long past its time, or when
# the dispatcher has not been woken for this long (a stopped worker or beat).
DISPATCH_ALARM_SECONDS = env_int("DISPATCH_ALARM_SECONDS", 600, minimum=60)
if DISPATCH_ALARM_SECONDS <= DISPATCH_INTERVAL_SECONDS:
    raise ImproperlyConfigured("DISPATCH_ALARM_SECONDS must be longer than DISPATCH_INTERVAL_SECONDS.")
# Reminders fall due on the minute (9:00 by default): a whole number of minutes
# wakes the dispatcher on the clock's minute, not at the second beat happened to start.
if DISPATCH_INTERVAL_SECONDS % 60 == 0 and 3600 % DISPATCH_INTERVAL_SECONDS == 0:
    DISPATCH_SCHEDULE = crontab(minute=f"*/{DISPATCH_INTERVAL_SECONDS // 60}")
else:
    DISPATCH_SCHEDULE = DISPATCH_INTERVAL_SECONDS
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "optout.tasks.heartbeat", "schedule": HEARTBEAT_SECONDS},
    # The database holds what is due; these only wake the workers up.
    "dispatch-due-reminders": {
        "task": "reminders.tasks.dispatch_due_reminders",
        "schedule": DISPATCH_SCHEDULE,
        "options": {"expires": max(DISPATCH_INTERVAL_SECONDS - 1, 1)},
    },
    "move-missed-windows": {"task": "optout.tasks.move_missed_windows", "schedule": 300, "options": {"expires": 290}},
    "apply-retention": {"task": "optout.tasks.apply_retention", "schedule": crontab(hour=3, minute=30)},
}

# Security -----------------------------------------------------------------

# Database sessions that know their user, so an account's sessions end in one query.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto, and
# count it so that allauth's per-IP rate limits see the client's address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", PRODUCTION)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0, minimum=0)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Nothing runs or loads from anywhere but here: no inline script or style either.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap draws its form icons as data: SVG
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
LANGUAGE_COOKIE_HTTPONLY = True

# Monitoring ---------------------------------------------------------------

# /healthz's checks beyond the database and the broker: name → a function returning "ok" or
# what is wrong. Named here so that config/ imports nothing of the domain.
HEALTH_CHECKS = {"dispatch": "reminders.monitoring.dispatch_health"}
# Told when the cache loses Redis and gets it back (config/cache.py); /metrics shows it.
CACHE_STATE_RECORDER = "reminders.monitoring.record_cache_state"
# The token Prometheus sends (Authorization: Bearer …) to read /metrics. Empty: no /metrics at all.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 20:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 20 random characters.")

# The admin lives at an address of the operator's choosing; its login is allauth's (rate-limited).
ADMIN_URL = env_str("ADMIN_URL", "gestion/").strip("/") + "/"


# Who runs this instance: shown on the legal notice and privacy pages.
OPERATOR = {
    "name": env_str("OPERATOR_NAME", ""),
    "address": env_str("OPERATOR_ADDRESS", ""),
    "email": env_str("OPERATOR_EMAIL", ""),
    "director": env_str("OPERATOR_DIRECTOR", ""),
    "host_name": env_str("HOST_NAME", ""),
    "host_address": env_str("HOST_ADDRESS", ""),
}

# Logging ------------------------------------------------------------------

LOG_LEVEL = env_choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR"], "INFO")
# Production: one JSON object per line, with the request id. Elsewhere: plain lines.
LOG_FORMAT = env_choice("LOG_FORMAT", ["json", "plain"], "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "config.logging.RedactSecrets"},
        "request_id": {"()": "config.request_id.RequestIdFilter"},
    },
    "formatters": {
        # request_tag is " [<request id>]" during a request, empty outside one.
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s%(request_tag)s: %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # runserver's request lines go through our filter too (they carry URLs).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Errors to Sentry, only when SENTRY_DSN is set; never personal data.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    from config.logging import SENTRY_OPTIONS

    # No request body, frame variable, cookie or query string; token URLs, keys and addresses
    # redacted from what is left (config/logging.py).
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=DJANGO_ENV,
        **SENTRY_OPTIONS,
    )

if is_set("CELERY_BROKER_URL") and not CELERY_BROKER_URL.startswith(("redis", "rediss", "amqp", "filesystem")):
    raise ImproperlyConfigured("CELERY_BROKER_URL must be a redis://, amqp:// or filesystem:// URL.")
