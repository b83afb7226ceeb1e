"""A log-in lasts as long after its last use, not after it began (``SESSION_COOKIE_AGE``).

Django's session ends ``SESSION_COOKIE_AGE`` after it was last saved, and a session is saved
only when it changes: a person who logged in on 6 December and used plazo every week was
logged out on 21 December. Saving it on every request would renew it too, at one database write
per request (htmx's autosave among them); once a day is enough for a lifetime counted in days.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

__all__ = ["RenewSessionMiddleware"]

RENEWED_KEY = "plazo_renewed_on"


class RenewSessionMiddleware:
    """Renew a signed-in person's session (and its cookie) on their first request of a day."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.now().date().isoformat()
            if request.session.get(RENEWED_KEY) != today:
                # A change makes SessionMiddleware save the session with a fresh expiry
                # (now + SESSION_COOKIE_AGE) and send the cookie again with the same age.
                request.session[RENEWED_KEY] = today
        return self.get_response(request)
