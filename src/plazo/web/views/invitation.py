"""Choosing a password through a one-time link: an invitation's, or a password reset's.

Both links are Django's password-reset tokens, which stop working once the password is set. The
page speaks the person's language (the one recorded on their membership, else their
organisation's) unless the browser chose one with the header's language form, and the password
is held to ``AUTH_PASSWORD_VALIDATORS``, the same rules as ``plazo init`` and ``/setup/``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse_lazy
from django.utils import translation

from plazo.store.models import Language, Membership

__all__ = ["InvitationView", "PasswordResetConfirmView"]


def _membership(user: Any) -> Membership | None:
    """The person's newest membership (the one an invitation link was sent for)."""
    if user is None:
        return None
    return (
        Membership.objects.filter(user=user).select_related("organisation").order_by("-pk").first()
    )


class _ChoosePasswordView(auth_views.PasswordResetConfirmView):
    """Django's set-password page; a link that is not (or no longer) valid answers 404.

    A used, expired or made-up link looks the same whatever account it names, so the page tells
    nobody which accounts exist.
    """

    post_reset_login = True
    post_reset_login_backend = "plazo.web.backends.EmailOrUsernameBackend"
    success_url = reverse_lazy("web:portfolio")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.membership = _membership(self.get_user(str(kwargs.get("uidb64", ""))))
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if self.membership is not None and chosen not in Language.values:
            language = self.membership.language or self.membership.organisation.language
            if language in Language.values:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context.get("validlink") and self.membership is not None and self.user is not None:
            context["membership"] = self.membership
            context["person_email"] = self.user.email
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if not context.get("validlink"):
            response.status_code = 404
        return response


class InvitationView(_ChoosePasswordView):
    """An invited person chooses a password through the link in their invitation e-mail."""

    template_name = "plazo/invitation.html"


class PasswordResetConfirmView(_ChoosePasswordView):
    """A person who forgot their password chooses a new one through the e-mailed link."""

    template_name = "plazo/password_reset_confirm.html"
