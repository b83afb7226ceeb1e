"""The users' admin, confined like the rest: a staff member sees the members of their
organisations (in the list, its search and the autocomplete that picks a membership's user)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from plazo.store.admin.scoped import visible_users

__all__ = ["ScopedUserAdmin"]

User = get_user_model()


class ScopedUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's user admin over the members of the request's organisations only."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible_users(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Only a superuser hands out the powers that reach past one's own organisations.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("is_superuser", "groups", "user_permissions", "last_login", "date_joined")

    def get_list_filter(self, request: HttpRequest) -> Any:
        # "groups" would list every group; the flags are the same for everyone.
        return ("is_staff", "is_superuser", "is_active")


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, ScopedUserAdmin)
