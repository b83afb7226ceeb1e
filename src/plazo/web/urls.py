"""URL map: dashboard and client status pages, admin, REST API, language switch, favicon."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from plazo.api.api import api

urlpatterns = [
    path("", include("plazo.web.dashboard_urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico on pages that link no icon (the admin, the API docs, a
    # notice's HTML version): the same file the pages link.
    path("favicon.ico", RedirectView.as_view(url=static("plazo/favicon.ico"), permanent=True)),
]

# A POST past the upload limit is a 400 in Django; plazo's own page says what the limit is.
handler400 = "plazo.web.views.errors.bad_request"
