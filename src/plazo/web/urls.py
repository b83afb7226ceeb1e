"""URL map: dashboard and client status pages, admin, REST API, language switch."""

from django.contrib import admin
from django.urls import include, path

from plazo.api.api import api

urlpatterns = [
    path("", include("plazo.web.dashboard_urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
