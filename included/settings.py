"""Settings for Included, read from environment variables.

INCLUDED_ENV=production switches on the secure defaults a public server needs;
anything else is a developer's machine. See docs/deployment.md for every variable.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("INCLUDED_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("INCLUDED_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY: production needs its own long random secret.")
    SECRET_KEY = "development-only-key-never-use-this-on-a-public-server-4f9c2a71b8e3d605"  # noqa: S105 - refused in production above
# Django's own deployment check only warns about a weak key; production refuses one (the same limits as Django's).
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY is too easy to guess: it needs 50 characters or more, and at least 5 different ones. "
        "Make one with: python -c 'import secrets; print(secrets.token_urlsafe(60))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "included.core.admin_site.IncludedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "included.core",
    "included.access",
    "included.accounts",
    "included.partnerships",
    "included.invitations",
    "included.organisations",
    "included.frameworks",
    "included.assessments",
    "included.coproduction",
    "included.language",
    "included.notifications",
    "included.joining",
    "included.people",
    "included.directory",
    "included.stories",
    "included.opendata",
    "included.impact",
    "included.commissioning",
    "included.steps",
    "included.wellbeing",
    "included.www",
    "included.api",
    "included.demo",
    "corsheaders",
]

MIDDLEWARE = [
    "included.core.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before the kept signed-in pages are served, so that they get its header like every other page.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Serves a signed-in person's kept page before the rest of this list and the view, whose checks it has passed.
    "included.core.signed_in_pages.ServeSignedInPageMiddleware",
    "included.core.middleware.KeepTypedWorkMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "included.accounts.middleware.RequireTwoStepMiddleware",
    # Last, so that a signed-out visitor is served, and a signed-in person's page kept, only once every check has let
    # the request through to its view.
    "included.partnerships.signed_out_pages.SignedOutPageCacheMiddleware",
    "included.core.signed_in_pages.KeepSignedInPageMiddleware",
]

ROOT_URLCONF = "included.urls"
WSGI_APPLICATION = "included.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "included" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "included.www.navigation.navigation",
            ],
            "string_if_invalid": os.environ.get("TEMPLATE_STRING_IF_INVALID", ""),
            "builtins": ["included.core.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "included.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'included.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the background worker and the web server write without locking each other out. Connections are kept
    # between requests (DATABASE_CONN_MAX_AGE), as on PostgreSQL: between statements a connection in autocommit
    # holds no lock, and opening one (Django registers its SQL functions on each) cost more than a kept page: with
    # a new connection for every request, SQLite served a third as many pages (benchmarks/README.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query it expects to be costly (JIT). That pays off for long reports, not for a page's
    # queries: at 5,000 organisations it took 1.4 s of the 1.5 s the impact dashboard's counts took, to save nothing.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "included",
    }
}
# allauth's sign-in limits count in the cache, so all gunicorn workers must share it: in production it is a database
# table (`manage.py createcachetable` makes it). Past MAX_ENTRIES the database cache deletes entries, limit counts
# among them; Django's default of 300 is far too few. Included's own limits count in a table of their own
# (core/throttle.py).
CACHE_TABLE = os.environ.get("CACHE_TABLE", "included_cache" if PRODUCTION else "")
if CACHE_TABLE:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},
    }

# The content of public pages that is the same for everyone (the register, commitments, "You said, we did", the
# frameworks) is cached for this many seconds; each change to it clears it at once (included/core/public_cache.py),
# so this is only a safety net. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "600"))
# Whole public pages served to signed-out visitors are kept in each worker's memory, up to this many bytes
# (included/partnerships/signed_out_pages.py). 0 keeps none.
SIGNED_OUT_PAGE_CACHE_BYTES = int(os.environ.get("SIGNED_OUT_PAGE_CACHE_BYTES", str(16 * 1024 * 1024)))
# The lists and dashboards a signed-in person opens are kept whole for that person, in each worker's memory, up to
# this many bytes, and served again to them until anything in the database changes or this many seconds pass
# (included/core/signed_in_pages.py). 0 for either keeps none.
SIGNED_IN_PAGE_CACHE_BYTES = int(os.environ.get("SIGNED_IN_PAGE_CACHE_BYTES", str(32 * 1024 * 1024)))
SIGNED_IN_PAGE_CACHE_SECONDS = int(os.environ.get("SIGNED_IN_PAGE_CACHE_SECONDS", "60"))

# How many proxies of our own stand in front of Included: 1 for the usual TLS proxy, 0 (no proxy) by default.
# Rate limits read the visitor's address from X-Forwarded-For through that many proxies (included/core/addresses.py).
INCLUDED_TRUSTED_PROXIES = int(os.environ.get("INCLUDED_TRUSTED_PROXIES", "0"))
if INCLUDED_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("INCLUDED_TRUSTED_PROXIES is how many proxies stand in front: 0, 1 or more.")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# NCSC guidance: a minimum length and a block-list of common passwords; no composition rules, no expiry.
AUTH_PASSWORD_VALIDATORS = [
    {
        # Included's people have one `name`, not Django's first and last names.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "www:home"

ACCOUNT_ADAPTER = "included.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Anyone may create an account. Without an invitation, the person types a code we email them (no link to open on
# another device) before the account is theirs; an invitation's link already proved the address, so invited people
# are never asked (AccountAdapter.is_email_verified). Accounts made before this, with no address on record as
# unchecked, are not asked at sign-in either (included/accounts/stages.py). Sign-up never says whether an address
# has an account: that person is emailed instead.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 30 * 60
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# allauth's forms, with Included's words for their fields.
ACCOUNT_FORMS = {
    "login": "included.accounts.forms.SignInForm",
    "signup": "included.accounts.forms.CreateAccountForm",
    "reauthenticate": "included.accounts.forms.ConfirmPasswordForm",
    "reset_password": "included.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "included.accounts.forms.NewPasswordForm",
    "change_password": "included.accounts.forms.ChangePasswordForm",
    "set_password": "included.accounts.forms.SetPasswordForm",
    "confirm_email_verification_code": "included.accounts.forms.ConfirmAddressCodeForm",
}
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords: 20 in 5 minutes from one address, and 5 for one account from one address (allauth's "key" is
    # the account and the address together). Past 50 for one account in an hour, from anywhere, each address may
    # try that account once in 5 minutes. See included/accounts/sign_in_limits.py and docs/security.md.
    "login_failed": "20/5m/ip,5/5m/key",
    "login_failed_account": "50/1h/key",
    "login_failed_slowed": "1/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Two-step verification: a code from an authenticator app ("totp"), or a security key or passkey ("webauthn"), each
# with recovery codes to fall back on. Recovery codes never stand alone: allauth makes them when the first app or key
# is added and removes them with the last one (docs/security.md).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A passkey is a second step after the password; signing in with a passkey alone is off, so every sign-in goes
# through the sign-in page, its limits on tries and its rules about who may sign in.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
# Security keys check the web address they are used on, and allauth accepts only https ones. A developer's machine
# and the tests run on http://localhost, so only there may the address be plain http.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_FORMS = {
    "authenticate": "included.accounts.forms.TwoStepCodeForm",
    "reauthenticate": "included.accounts.forms.ConfirmCodeForm",
    "activate_totp": "included.accounts.forms.TurnOnTwoStepForm",
    "deactivate_totp": "included.accounts.forms.TurnOffTwoStepForm",
    "add_webauthn": "included.accounts.forms.AddSecurityKeyForm",
    "edit_webauthn": "included.accounts.forms.RenameSecurityKeyForm",
    "authenticate_webauthn": "included.accounts.forms.UseSecurityKeyForm",
    "reauthenticate_webauthn": "included.accounts.forms.ConfirmWithSecurityKeyForm",
}
MFA_TOTP_ISSUER = "Included"
MFA_ADAPTER = "included.accounts.mfa_adapter.MFAAdapter"
# Fernet keys that encrypt the secrets of people's authenticator apps and recovery codes in the database, newest
# first: the newest encrypts, any of them decrypts. docs/deployment.md says how to make one and how to change it.
TOTP_ENCRYPTION_KEYS = env_list("INCLUDED_TOTP_KEYS")
if not TOTP_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set INCLUDED_TOTP_KEYS: production needs its own key to encrypt two-step verification secrets. "
            "Make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        )
    TOTP_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(f"included-totp-key:{SECRET_KEY}".encode()).digest()).decode()
    ]

# Fernet keys that encrypt what people write about themselves, their plans and their wellbeing, one field at a time
# (core/crypto.py), newest first: the newest encrypts, any of them decrypts. `manage.py rotate_field_keys` encrypts
# every such field again with the newest key; docs/deployment.md says how to change it.
FIELD_ENCRYPTION_KEYS = env_list("INCLUDED_FIELD_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set INCLUDED_FIELD_KEYS: production needs its own key to encrypt people's own words and answers. "
            "Make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        )
    FIELD_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(f"included-field-key:{SECRET_KEY}".encode()).digest()).decode()
    ]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("INCLUDED_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "included" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Evidence lives outside the static and public paths; only permission-checked views serve it.
        "OPTIONS": {"location": str(Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads")))},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
# The largest Open Referral UK file an organisation may load into the directory (included/directory/views.py).
DIRECTORY_IMPORT_MAX_BYTES = int(os.environ.get("DIRECTORY_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
# A map on "Find help" only when a tile server is named (directory/maps.py); its host joins img-src on those pages.
DIRECTORY_MAP_TILES_URL = os.environ.get("DIRECTORY_MAP_TILES_URL", "")
DIRECTORY_MAP_ATTRIBUTION = os.environ.get("DIRECTORY_MAP_ATTRIBUTION", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

if PRODUCTION or os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS"),
                # Seconds to wait for the mail server before giving up on this try. Django's EMAIL_TIMEOUT setting
                # is not allowed beside MAILERS, so the environment variable of that name is read here.
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
            },
        }
    }
else:
    # On a developer's machine, emails (invitations, password resets) are printed where Included runs.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Included <no-reply@included.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email goes through the outbox (included/core/mail.py). A failed send is tried again after
# EMAIL_RETRY_DELAY_SECONDS, then twice as long each time up to EMAIL_RETRY_MAX_DELAY_SECONDS, EMAIL_SEND_ATTEMPTS
# times in all: with the defaults, the last try is about 8½ hours after the first. A send still "being sent" after
# EMAIL_SENDING_STALE_SECONDS was cut off (the worker stopped) and is tried again; keep it well above EMAIL_TIMEOUT.
EMAIL_SEND_ATTEMPTS = int(os.environ.get("EMAIL_SEND_ATTEMPTS", "10"))
EMAIL_RETRY_DELAY_SECONDS = int(os.environ.get("EMAIL_RETRY_DELAY_SECONDS", "60"))
EMAIL_RETRY_MAX_DELAY_SECONDS = int(os.environ.get("EMAIL_RETRY_MAX_DELAY_SECONDS", str(6 * 60 * 60)))
EMAIL_SENDING_STALE_SECONDS = int(os.environ.get("EMAIL_SENDING_STALE_SECONDS", str(15 * 60)))

INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))

# The address people reach Included at, for the links in emails that are sent with nobody's request to read it
# from (reminders and weekly summaries from cron). In production it defaults to https:// and the first allowed host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if not SITE_URL:
    if PRODUCTION and ALLOWED_HOSTS:
        SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    elif PRODUCTION:
        raise ImproperlyConfigured("Set SITE_URL (or ALLOWED_HOSTS): the links in emails need Included's address.")
    else:
        SITE_URL = "http://127.0.0.1:8000"
# How long the "stop these emails" link in an email keeps working.
UNSUBSCRIBE_LINK_DAYS = int(os.environ.get("UNSUBSCRIBE_LINK_DAYS", "180"))

# How long personal data Included no longer needs is kept. `manage.py apply_retention`, run once a day, removes it;
# the privacy notice shows these numbers.
RETAIN_EXPIRED_INVITATIONS_DAYS = int(os.environ.get("RETAIN_EXPIRED_INVITATIONS_DAYS", "90"))  # unused ones
RETAIN_TASK_RESULTS_DAYS = int(os.environ.get("RETAIN_TASK_RESULTS_DAYS", "14"))  # finished background tasks
RETAIN_SENT_EMAILS_DAYS = int(os.environ.get("RETAIN_SENT_EMAILS_DAYS", "30"))  # and those not sent in the end
RETAIN_CONTACT_EMAILS_DAYS = int(os.environ.get("RETAIN_CONTACT_EMAILS_DAYS", "180"))  # after the response email
RETAIN_AUDIT_DETAILS_DAYS = int(os.environ.get("RETAIN_AUDIT_DETAILS_DAYS", "365"))  # the rest of the row stays
RETAIN_NOTIFICATIONS_DAYS = int(os.environ.get("RETAIN_NOTIFICATIONS_DAYS", "180"))  # what we told people about
# A request to join keeps its contact's name and email address this long after it is accepted or declined.
RETAIN_DECIDED_JOIN_REQUESTS_DAYS = int(os.environ.get("RETAIN_DECIDED_JOIN_REQUESTS_DAYS", "90"))
# How many requests to join one visitor may send in an hour, through the public form.
JOIN_REQUESTS_PER_HOUR = int(os.environ.get("JOIN_REQUESTS_PER_HOUR", "5"))
# How many searches of Find help, and how many requests of the public API, one visitor may make in a minute. Only
# what is built afresh counts: a page already kept for everyone is served without counting. 0 turns a limit off.
FIND_HELP_SEARCHES_PER_MINUTE = int(os.environ.get("FIND_HELP_SEARCHES_PER_MINUTE", "60"))
PUBLIC_API_REQUESTS_PER_MINUTE = int(os.environ.get("PUBLIC_API_REQUESTS_PER_MINUTE", "120"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The public API may be read from any website; nothing else may. It is read-only and sends no cookies back.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
# So that a reader on another website asked too often can see how long to wait (included/api/limits.py).
CORS_EXPOSE_HEADERS = ("Retry-After",)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    # These two bind more than Included: every subdomain of its host, and browsers' built-in preload list, which is
    # slow to leave. So they are off unless the people who run the domain choose them (docs/deployment.md), and
    # Django's deployment check, which asks for both, is told so.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
    SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "included.core.log_filters.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django gives its own logger a console handler too; without this, each of its lines would print twice.
        "django": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"filters": ["forbidden_on_one_line"]},
        "django.security.csrf": {"level": "WARNING"},
    },
}

# Background tasks: sending the emails in the outbox, and the co-production emails that tell people what their
# involvement changed.
# Django's task framework with the django-tasks-db backend keeps the queue in our own database: a task queued
# inside a service's transaction is saved, or dropped, together with the change that queued it, and it survives a
# restart. `manage.py db_worker` runs the tasks (scripts/run starts it beside the server).
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still "running" after this long was cut off (the worker was stopped or crashed): `manage.py
# send_queued_emails` puts it back in the queue. Every task Included has is safe to run twice.
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", str(30 * 60)))
