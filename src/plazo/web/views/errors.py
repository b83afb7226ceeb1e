"""Error pages Django shows for a request it refuses before any view runs.

A POST larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) is refused while its form is read:
by the CSRF middleware, which reads the token from the form, or by the view. Django then calls
the 400 handler with :class:`~django.core.exceptions.RequestDataTooBig`; instead of its bare
"Bad Request (400)", the *Check a message* page comes back with the limits in the field's error,
and any other page says what was too large. Both answer 413 (Content Too Large) and read nothing
of what was sent, so nothing is changed.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views import defaults

from plazo.web.tenancy import OrganisationRequest
from plazo.web.views.check import check_too_large

__all__ = ["bad_request"]


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 handler (``handler400`` in ``plazo.web.urls``)."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    if request.path == reverse("web:check") and request.user.is_authenticated:
        # organisation_view checks the membership and sets the organisation on the request.
        return check_too_large(cast(OrganisationRequest, request))
    size = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return render(request, "413.html", {"size": size}, status=413)
