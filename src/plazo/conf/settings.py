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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

LOGIN_URL = "web:login"
AUTHENTICATION_BACKENDS = ["plazo.web.backends.EmailOrUsernameBackend"]
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CONFIG.base_url.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"plazo": {"level": "INFO"}},
}
