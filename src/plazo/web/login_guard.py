"""Throttled log-ins for the dashboard and the admin: refuse locked keys, count failures.

Both log-in pages call ``django.contrib.auth.authenticate``, so one authentication backend (first
in ``AUTHENTICATION_BACKENDS``) refuses a locked user name or address before any password is
checked, the ``user_login_failed`` signal counts a failure, and a middleware answers a refused
or locking attempt with one sentence (status 429) instead of the form's "does not match".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from plazo.store.services.access.login_throttle import (
    address_key,
    locked_until,
    record_failure,
    record_success,
    user_key,
)
from plazo.web.client_address import client_address

__all__ = ["LoginLockBackend", "LoginLockMiddleware"]

_LOCKED = "plazo_login_locked_until"


def _typed_name(credentials: dict[str, Any]) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


def _keys(request: HttpRequest, typed: str) -> list[str]:
    keys = [address_key(client_address(request))]
    if typed.strip():
        keys.insert(0, user_key(typed))
    return keys


class LoginLockBackend:
    """Authenticates nobody; refuses every attempt while its user name or address is locked."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is None:
            return None
        until = locked_until(_keys(request, _typed_name(credentials)), timezone.now())
        if until is not None:
            setattr(request, _LOCKED, until)
            raise PermissionDenied("log-ins for this name or address are paused")
        return None

    # No get_user(): this backend never logs anyone in, so no session may name it (Django's
    # test client and login() pick the first backend that has one).


@receiver(user_login_failed, dispatch_uid="plazo.login_guard.failed")
def _count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    if request is None or getattr(request, _LOCKED, None) is not None:
        return  # no request to count against, or refused by the lock: not counted
    until = record_failure(
        _keys(request, _typed_name(credentials)),
        now=timezone.now(),
        address=client_address(request),
        where=request.path,
    )
    if until is not None:
        setattr(request, _LOCKED, until)


@receiver(user_logged_in, dispatch_uid="plazo.login_guard.succeeded")
def _forget_failures(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    record_success(user_key(user.get_username()))


def lock_sentence(until: datetime) -> str:
    """The one sentence a refused person reads, the time on the clock of the studio's country
    (the dashboard's rule: "3:30 PM" in the United States, "15:30" in Spain), as nobody is
    logged in to say whose country it is."""
    from django.utils.translation import get_language, gettext

    from plazo.core.regional import date_locale
    from plazo.store.services.access.studio import studio_country
    from plazo.web import reading_locale
    from plazo.web.templatetags.plazo import clock

    language = (get_language() or "en")[:2]
    locale = reading_locale.current() or date_locale(language, studio_country() or "")
    with reading_locale.override(locale):
        time = clock(until)
    return gettext(
        "Too many failed log-ins for this account or from this address: log-ins are paused "
        "until %(time)s (%(zone)s); try again then, or ask your organisation's owner to lift "
        "the pause."
    ) % {"time": time, "zone": timezone.localtime(until).tzname()}


class LoginLockMiddleware:
    """Answer an attempt that was refused, or that started a lock, with the lock's sentence."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        until = getattr(request, _LOCKED, None)
        if until is None:
            return response
        locked = render(
            request, "plazo/login_locked.html", {"sentence": lock_sentence(until)}, status=429
        )
        locked["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
        return locked
