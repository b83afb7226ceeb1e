"""Django settings, built once from the environment by :func:`plazo.conf.load_config`."""

from __future__ import annotations

import os

from plazo.conf.config import load_config

CONFIG = load_config(os.environ)

PLAZO_HOME = CONFIG.home
PLAZO_BASE_URL = CONFIG.base_url
# Webhooks may post to loopback and private networks only when this is set (see docs/webhooks.md).
PLAZO_WEBHOOK_ALLOW_PRIVATE = CONFIG.webhook_allow_private
DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = [CONFIG.base_url]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "plazo.store",
    "plazo.web",
    "plazo.worker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plazo.web.session_renewal.RenewSessionMiddleware",
    "plazo.web.login_guard.LoginLockMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "plazo.web.urls"
WSGI_APPLICATION = "plazo.web.wsgi.application"

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

DATABASES = {"default": CONFIG.database}
CACHES = {"default": CONFIG.cache}

# Background work: django-tasks with its database backend, so the embedded default needs nothing
# but SQLite and a team adds `plazo worker` processes against one PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = CONFIG.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CONFIG.home / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it, even when it serves from the finders
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The first backend refuses a locked user name or address before any password is checked
# (dashboard and admin log-ins alike); see plazo.core.login_throttle for the policy.
# The lock comes first: a paused user name or address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "plazo.web.login_guard.LoginLockBackend",
    "plazo.web.backends.EmailOrUsernameBackend",
]
PLAZO_LOGIN_FAILURE_LIMIT = CONFIG.login_failure_limit
PLAZO_LOGIN_LOCK_MINUTES = CONFIG.login_lock_minutes
PLAZO_BEHIND_PROXY = CONFIG.behind_proxy

# One set of password rules for every password a person chooses: `plazo init`, /setup/, the
# invitation and password-reset pages, and the admin's password change (docs/dashboard.md).
# plazo.store.services.access.studio.MIN_PASSWORD_LENGTH names the same minimum in prompts.
_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": "plazo.store.services.access.password_rules.FullNameSimilarityValidator"},
    {"NAME": f"{_VALIDATION}.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
]

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:portfolio"

_email = CONFIG.email
EMAIL_BACKEND = _email["BACKEND"]
DEFAULT_FROM_EMAIL = _email["DEFAULT_FROM_EMAIL"]
EMAIL_FILE_PATH = _email.get("FILE_PATH", "")
EMAIL_HOST = _email.get("HOST", "localhost")
EMAIL_PORT = _email.get("PORT", 25)
EMAIL_HOST_USER = _email.get("HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("USE_TLS", False)
EMAIL_USE_SSL = _email.get("USE_SSL", False)
EMAIL_TIMEOUT = _email.get("TIMEOUT", 30)

# Served over https (PLAZO_BASE_URL says so): cookies only over TLS, HSTS, and, behind a proxy
# that terminates TLS, the proxy's X-Forwarded-Proto tells Django the request was secure.
_HTTPS = CONFIG.base_url.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
# A log-in lasts PLAZO_SESSION_DAYS (default 30) after the person last used plazo, not after they
# logged in: RenewSessionMiddleware renews a signed-in session once a day (one write a day, not
# one per request). Someone who uses plazo weekly stays signed in; a laptop left unused for a
# month is signed out (docs/deploy.md).
SESSION_COOKIE_AGE = CONFIG.session_days * 24 * 60 * 60
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.hsts_subdomains
SECURE_HSTS_PRELOAD = CONFIG.hsts_preload
if CONFIG.behind_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Only a proxy can say the request came over https, so only then redirect http to https.
    SECURE_SSL_REDIRECT = _HTTPS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): scripts, styles, images and requests from plazo itself
# only; no inline script, style element or style attribute anywhere (htmx's own indicator
# style, eval and copying style attributes on a swap are switched off in base.html).
# tests/e2e/test_csp_browser.py holds every page to it in Chromium.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"plazo": {"level": "INFO"}},
}
