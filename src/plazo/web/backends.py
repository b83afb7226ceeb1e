"""Log in with a user name or an e-mail address (``plazo init`` owners use their e-mail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from plazo.store.services.access.studio import find_user_by_email

__all__ = ["EmailOrUsernameBackend", "closed_account"]


class EmailOrUsernameBackend(ModelBackend):
    """Django's own backend, which also accepts the e-mail address of exactly one user."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None or not username or "@" not in username or password is None:
            return user
        found = find_user_by_email(username)
        if (
            found is not None
            and found.check_password(password)
            and self.user_can_authenticate(found)
        ):
            return found
        return None


def closed_account(username: str, password: str) -> Any | None:
    """The closed account (``is_active`` off) these credentials open, else None.

    Only with the right password: a wrong one says nothing about whether an account exists.
    """
    users = get_user_model()._default_manager
    user = users.filter(username=username).first()
    if user is None and "@" in username:
        user = find_user_by_email(username)
    if user is None or user.is_active or not user.check_password(password):
        return None
    return user
