"""Settings of the Smart Cities Strategy portal, read from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from smartcities_portal.environment import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_date,
    env_int,
    env_list,
    env_list_semicolon,
    env_required,
    env_str,
    mailers_from_url,
    media_storage_from_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if DEBUG:
    # A development key: sessions signed with it are worthless outside this machine.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "django-insecure-development-only-key"
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY", reason="it is required when DJANGO_DEBUG is off")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "ninja",  # serves the API docs page from its own static files (no CDN)
    "simple_history",
    "smartcities_portal",
    "core",
    "governance",
    "contributions",
    "strategy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the body (sessions do not; the CSRF check does).
    "core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "governance.middleware.IdleSessionMiddleware",
    "governance.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.BadInputMiddleware",
    # Last, so that it sees the sign-in attempt the view made and answers a lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartcities_portal.urls"
WSGI_APPLICATION = "smartcities_portal.wsgi.application"

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
                "governance.context_processors.header",
                "smartcities_portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.db'}")}
# Cache and locks: Redis (REDIS_URL or CACHE_URL) when several processes or machines serve the
# portal, so that they share it; this process's memory otherwise.
CACHES = cache_from_url("REDIS_URL", "CACHE_URL")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any password check for a locked account or address before it is made.
    "axes.backends.AxesStandaloneBackend",
    # Django's model permissions, read in one compiled query.
    "core.permissions.ModelPermissionBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "landing"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = 7
GUARDIAN_RAISE_403 = False

# Sign-in protection (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account, or
# from one address, both stay locked until the cool-off ends or the secretariat unlocks them.
# The database handler keeps the count in the shared database, so every web process sees it.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # AuthenticationForm's field name, whatever USERNAME_FIELD is
AXES_USERNAME_CALLABLE = "governance.signin.attempted_email"
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
AXES_LOCKOUT_CALLABLE = "governance.views.security.locked_out_view"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a proxy: how many trusted proxies add themselves to X-Forwarded-For (0: none, trust
# REMOTE_ADDR). The sign-in lockout and the audit log read the address through this.
TRUSTED_PROXY_HOPS = env_int("DJANGO_TRUSTED_PROXY_HOPS", 0)

# Second factor (django-otp): required for the accounts whose group carries
# governance.require_second_factor (secretariat, government; superusers have every permission)
# whenever debug is off; anyone may enrol from their account page.
SECOND_FACTOR_REQUIRED = not DEBUG
OTP_TOTP_ISSUER = "Portal Smart Cities"
RECOVERY_CODE_COUNT = 10

# Idle sessions end: after SESSION_IDLE_TIMEOUT minutes for the accounts whose group carries
# governance.expire_idle_session (staff roles), after SESSION_IDLE_TIMEOUT_OTHERS for the rest.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30) * 60
SESSION_IDLE_TIMEOUT_OTHERS = env_int("SESSION_IDLE_TIMEOUT_OTHERS", 8 * 60) * 60
ANONYMOUS_USER_NAME = None  # guardian: anonymous visitors get no object grants

# Language and formats: Portuguese of Portugal first, English second.
LANGUAGE_CODE = "pt-pt"
LANGUAGES = [("pt-pt", _("Portuguese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["smartcities_portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Lisbon"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# With debug off the portal must really send its e-mail: no console default (EMAIL_URL).
MAILERS = mailers_from_url("EMAIL_URL", "console://", required=not DEBUG)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Portal Smart Cities <nao-responder@portal.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for links in e-mail written outside a request (tasks, reminders).
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
# The secretariat's address: the ORGANIZER of meeting invitations (replies go there) and the
# contact the public pages give.
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "secretariado@portal.example")

# What the public statements (/privacidade, /acessibilidade) say about who runs the portal.
# The defaults are the deployment that DESIGN.md describes: the EMPD hosts the portal and sends
# its mail on its own infrastructure, so there are no processors until one is named here.
PUBLIC_STATEMENTS = {
    # The controller's postal address, lines separated by «;».
    "postal_address": env_list_semicolon(
        "STATEMENT_POSTAL_ADDRESS",
        ["Estrutura de Missão Portugal Digital (EMPD)", "Lisboa, Portugal"],
    ),
    "dpo_email": env_str("STATEMENT_DPO_EMAIL", "epd@portal.example"),
    "accessibility_email": env_str(
        "STATEMENT_ACCESSIBILITY_EMAIL", "acessibilidade@portal.example"
    ),
    # Processors under Article 28 GDPR, «name — what they do», separated by «;».
    "processors": env_list_semicolon("STATEMENT_PROCESSORS", []),
    # Months the personal data of accounts is kept after the working group ends (n.º 10).
    "retention_months": env_int("STATEMENT_RETENTION_MONTHS", 12),
    # Months sign-in records are kept.
    "access_log_months": env_int("STATEMENT_ACCESS_LOG_MONTHS", 6),
    # The day the accessibility of the portal was last evaluated (ISO date).
    "accessibility_evaluated_on": env_date("STATEMENT_ACCESSIBILITY_EVALUATED_ON", "2026-11-27"),
}

# Background work (PDF rendering): run at once by default; in production set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    }
}

# Request bodies: form fields at most DATA_UPLOAD_MAX_MEMORY_SIZE (Django refuses more); a whole
# request at most one 10 MB upload plus that, refused from its Content-Length before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_REQUEST_BYTES = 10 * 1024 * 1024 + DATA_UPLOAD_MAX_MEMORY_SIZE

# A task (or a PDF render) still running after this lost its worker: core/work.py puts it right.
TASK_STALE_AFTER = timedelta(minutes=env_int("TASK_STALE_MINUTES", 15))

# Security headers. Every asset is served by the portal; inline code needs the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
# Behind a TLS-terminating proxy: it must set X-Forwarded-Proto (and strip the client's own).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's own health probe speaks plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# Preloading is a promise to browsers that is slow to undo: the operator opts in.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusal_without_traceback": {"()": "core.logging.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default configuration gives «django» its own console handler as well as
        # passing records up to the root: every refusal would print twice. One handler here.
        "django": {"handlers": ["console"], "propagate": False},
        # A 403 or 404 is one warning line; a 500 keeps its traceback.
        "django.request": {"filters": ["refusal_without_traceback"]},
        # WeasyPrint reports every layout step at INFO; keep its warnings (refused URLs) only.
        "weasyprint": {"level": "WARNING"},
        # django-axes reports every sign-in at INFO; the audit log keeps those.
        "axes": {"level": "WARNING"},
    },
}

FORM_RENDERER = "smartcities_portal.forms.PortalFormRenderer"

# The portal's seal on every release PDF (PAdES): a PKCS#12 file with the sealing certificate and
# its key. Without one, a development certificate is made under var/seal/ (see README: «Selo»).
PORTAL_SEAL_PKCS12 = env_str("PORTAL_SEAL_PKCS12") or str(VAR_DIR / "seal" / "desenvolvimento.p12")
PORTAL_SEAL_PASSPHRASE = env_str("PORTAL_SEAL_PASSPHRASE")
PORTAL_SEAL_IS_DEVELOPMENT = not env_str("PORTAL_SEAL_PKCS12")

# The open-data API (/api/v1/): requests per person (or per address, anonymous) and period.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "120/min")
