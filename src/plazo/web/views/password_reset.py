"""``/password-reset/``: a person who forgot their password asks for a link to choose a new one.

The answer is the same page whether or not the address has an account (nobody learns which
addresses do), and the e-mail is queued in the outbox for the worker, never sent inside the
request (``plazo.store.services.access.password_reset``): the page says so, and whether a
worker is running to send it. While the log-in throttle has paused
the address or the account, the form answers with the same sentence as the log-in page; apart
from that an address may ask :data:`REQUESTS_PER_WINDOW` times in :data:`WINDOW_SECONDS`.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from plazo.store.services.access.login_throttle import address_key, locked_until, user_key
from plazo.store.services.access.password_reset import request_password_reset
from plazo.web.client_address import client_address
from plazo.web.login_guard import lock_sentence
from plazo.web.ratelimit import allow
from plazo.worker.tasks import worker_seen

__all__ = ["password_reset", "password_reset_sent"]

REQUESTS_PER_WINDOW = 5
WINDOW_SECONDS = 15 * 60


class PasswordResetForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for the address; queue the e-mail if it is someone's; always say the same."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        now = timezone.now()
        until = locked_until([user_key(email), address_key(client_address(request))], now)
        if until is not None:
            return _refused(request, lock_sentence(until))
        if not allow(
            request,
            scope="password-reset",
            limit=REQUESTS_PER_WINDOW,
            window_seconds=WINDOW_SECONDS,
        ):
            return _refused(
                request,
                gettext(
                    "Too many password resets were asked for from this address; try again in "
                    "a quarter of an hour."
                ),
            )
        request_password_reset(email, now=now)
        return redirect("web:password_reset_sent")
    return render(request, "plazo/password_reset.html", {"form": form})


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    """The one answer, whoever the address belongs to; it says whether a worker is there to
    send the e-mail now, or it waits in the outbox until one runs."""
    return render(
        request,
        "plazo/password_reset.html",
        {"sent": True, "worker_running": worker_seen(now=timezone.now())},
    )


def _refused(request: HttpRequest, sentence: str) -> HttpResponse:
    return render(request, "plazo/login_locked.html", {"sentence": sentence}, status=429)
