"""Logging in and out, and switching between the organisations a person belongs to."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.store.services.access.studio import has_studio
from plazo.web.backends import closed_account
from plazo.web.tenancy import LOGIN_URL, SESSION_KEY, memberships_of

__all__ = ["LoginForm", "LoginView", "LogoutView", "switch_organisation"]


class LoginForm(AuthenticationForm):
    """Django's login form, which tells a person whose account was closed (they were removed
    from their last organisation) why they cannot log in, instead of "do not match"."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError as error:
            username = self.cleaned_data.get("username") or ""
            password = self.cleaned_data.get("password") or ""
            if username and password and closed_account(username, password) is not None:
                raise ValidationError(
                    _(
                        "Your account is closed: you no longer belong to any organisation. "
                        "Ask an owner of your organisation to invite you again."
                    ),
                    code="closed",
                ) from error
            raise


class LoginView(auth_views.LoginView):
    """Django's login with plazo's own page; a logged-in person goes straight to the portfolio."""

    template_name = "plazo/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = "web:portfolio"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_studio():  # a fresh install: there is nobody to log in as yet
            return redirect("web:setup")
        return super().get(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django requires) and land on the login page."""

    next_page = LOGIN_URL


@require_POST
@login_required(login_url=LOGIN_URL)
def switch_organisation(request: HttpRequest) -> HttpResponse:
    """Make another of the person's organisations the current one; a stranger's id is a 404."""
    try:
        wanted = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404("no such organisation") from None
    if wanted not in {m.organisation_id for m in memberships_of(request.user)}:
        raise Http404("no such organisation")
    request.session[SESSION_KEY] = wanted
    return redirect("web:portfolio")
