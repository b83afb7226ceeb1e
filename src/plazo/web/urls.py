"""URL map: the admin now; the dashboard and client status pages join here."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from plazo.api.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
