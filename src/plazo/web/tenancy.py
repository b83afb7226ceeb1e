"""The current organisation of a request: chosen in the session, defaulting to the first membership.

Every dashboard view is wrapped in :func:`organisation_view`, which requires a login and sets
``request.organisation`` (and ``request.memberships`` for the switcher). Views then scope every
query with ``for_organisation(request.organisation)``, so another organisation's id is a 404.

The dashboard speaks the language the person chose with the switcher (the language cookie);
without a choice, the one their membership remembers (read at log-in into the session: what
``plazo init`` asked in, or what they last read), else their browser's.

The session remembers the organisation it works in. When the person is no longer a member of it
(an owner removed them), the session ends at its next request: they log in again and land in an
organisation they still belong to, rather than being moved to one silently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plazo.core.regional import date_locale
from plazo.store.models import Language, Membership, Organisation
from plazo.web import reading_locale

__all__ = [
    "LANGUAGE_SESSION_KEY",
    "LOGIN_URL",
    "SESSION_KEY",
    "OrganisationRequest",
    "memberships_of",
    "organisation_view",
]

SESSION_KEY = "plazo_organisation_id"
LANGUAGE_SESSION_KEY = "plazo_language"  # the membership's language, read at log-in
LOGIN_URL = "web:login"

_View = TypeVar("_View", bound=Callable[..., HttpResponse])


class OrganisationRequest(HttpRequest):
    """A request whose person is logged in and working in one organisation."""

    organisation: Organisation
    memberships: list[Membership]


def memberships_of(user: Any) -> list[Membership]:
    """The person's memberships, oldest first (the first is the default organisation)."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )


@receiver(user_logged_in, dispatch_uid="plazo.tenancy.language_at_login")
def _language_at_login(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    """Keep in the session the language the person's membership remembers (none: their
    browser's stays), so the dashboard opens in it rather than in the browser's."""
    session = getattr(request, "session", None)
    if session is None:
        return
    remembered = (
        Membership.objects.filter(user=user)
        .exclude(language="")
        .order_by("created_at", "pk")
        .values_list("language", flat=True)
        .first()
    )
    if remembered in Language.values:
        session[LANGUAGE_SESSION_KEY] = remembered


def _reading_language(request: HttpRequest) -> None:
    """Speak the language remembered at log-in, unless the person chose one (the switcher's
    cookie wins)."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in Language.values:
        return
    remembered = request.session.get(LANGUAGE_SESSION_KEY)
    if remembered in Language.values and remembered != translation.get_language():
        translation.activate(remembered)
        request.LANGUAGE_CODE = remembered


def _remember_language(request: HttpRequest, memberships: list[Membership]) -> None:
    """Keep the language the person reads the dashboard in, so their alerts are written in it
    (one write when it changes; the organisation's language is its clients' default)."""
    language = translation.get_language()
    if language not in Language.values:
        return
    if any(m.language != language for m in memberships):
        Membership.objects.filter(pk__in=[m.pk for m in memberships]).exclude(
            language=language
        ).update(language=language)
        for membership in memberships:
            membership.language = language


def _membership_ended(request: HttpRequest, organisation_id: Any) -> HttpResponse:
    """End a session whose organisation no longer has its person, and say why on the login page."""
    left = Organisation.objects.filter(pk=organisation_id).values_list("name", flat=True).first()
    logout(request)
    if left:
        text = _("You are no longer a member of %(organisation)s, so you were logged out.")
        messages.warning(request, text % {"organisation": left})
    return redirect_to_login(request.get_full_path(), LOGIN_URL)


def organisation_view(view: _View) -> _View:
    """Require a login and a membership; set the current organisation and its time zone."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        memberships = memberships_of(request.user)
        if not memberships:
            return render(request, "plazo/no_organisation.html", status=403)
        wanted = request.session.get(SESSION_KEY)
        current = next((m for m in memberships if m.organisation_id == wanted), None)
        if current is None and wanted is not None:
            return _membership_ended(request, wanted)
        if current is None:
            current = memberships[0]
            request.session[SESSION_KEY] = current.organisation_id
        request = cast(OrganisationRequest, request)
        request.organisation = current.organisation
        request.memberships = memberships
        _reading_language(request)
        _remember_language(request, memberships)
        # Dates and times on the dashboard read in the organisation's own time zone, written
        # the way the person's language writes them in the organisation's country (the rule
        # the e-mails follow for a client: English in the US is "Jan 29, 2027").
        language = (translation.get_language() or current.organisation.language)[:2]
        locale = date_locale(language, current.organisation.country)
        with timezone.override(current.organisation.time_zone), reading_locale.override(locale):
            return view(request, *args, **kwargs)

    return cast(_View, login_required(wrapped, login_url=LOGIN_URL))
