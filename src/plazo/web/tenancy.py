"""The current organisation of a request: chosen in the session, defaulting to the first membership.

Every dashboard view is wrapped in :func:`organisation_view`, which requires a login and sets
``request.organisation`` (and ``request.memberships`` for the switcher). Views then scope every
query with ``for_organisation(request.organisation)``, so another organisation's id is a 404.

The session remembers the organisation it works in. When the person is no longer a member of it
(an owner removed them), the session ends at its next request: they log in again and land in an
organisation they still belong to, rather than being moved to one silently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plazo.core.regional import date_locale
from plazo.store.models import Language, Membership, Organisation
from plazo.web import reading_locale

__all__ = ["LOGIN_URL", "SESSION_KEY", "OrganisationRequest", "memberships_of", "organisation_view"]

SESSION_KEY = "plazo_organisation_id"
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
        _remember_language(request, memberships)
        # Dates and times on the dashboard read in the organisation's own time zone, written
        # the way the person's language writes them in the organisation's country (the rule
        # the e-mails follow for a client: English in the US is "Jan 29, 2027").
        language = (translation.get_language() or current.organisation.language)[:2]
        locale = date_locale(language, current.organisation.country)
        with timezone.override(current.organisation.time_zone), reading_locale.override(locale):
            return view(request, *args, **kwargs)

    return cast(_View, login_required(wrapped, login_url=LOGIN_URL))
