"""An invited person chooses a password through the link in their invitation e-mail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

__all__ = ["InvitationView"]


class InvitationView(auth_views.PasswordResetConfirmView):
    """Django's set-password page; a link that is not (or no longer) valid answers 404.

    A used, expired or made-up link looks the same whatever account it names, so the page tells
    nobody which accounts exist.
    """

    template_name = "plazo/invitation.html"
    post_reset_login = True
    post_reset_login_backend = "plazo.web.backends.EmailOrUsernameBackend"
    success_url = reverse_lazy("web:portfolio")

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if not context.get("validlink"):
            response.status_code = 404
        return response
