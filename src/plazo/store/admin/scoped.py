"""Admin base classes that respect the tenant walls.

A staff user who is not a superuser sees, edits and can pick (in foreign-key choices) only rows of
organisations they are a member of; another organisation's row is a 404 in the admin, because
``get_queryset`` never returns it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from plazo.store.models import Membership, Organisation, OrganisationQuerySet

__all__ = [
    "ScopedAdmin",
    "ScopedInline",
    "SuperuserOnly",
    "member_organisations",
    "visible_users",
]


def member_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    """The organisations the request's user may see."""
    user = request.user
    if user.is_superuser:
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def visible_users(request: HttpRequest) -> QuerySet[Any]:
    """The users the request's user may see: the members of their organisations."""
    users = get_user_model()._default_manager.order_by("username", "pk")
    if request.user.is_superuser:
        return users
    members = Membership.objects.filter(organisation__in=member_organisations(request))
    return users.filter(pk__in=members.values("user_id")).order_by("username", "pk")


def _is_member(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff) and (
        request.user.is_superuser or member_organisations(request).exists()
    )


def _may_touch(request: HttpRequest, obj: Any) -> bool:
    if obj is None or request.user.is_superuser:
        return _is_member(request)
    return (
        _is_member(request)
        and member_organisations(request).filter(pk=obj.organisation_id).exists()
    )


class _ScopedMixin:
    """Scoping shared by model admins and inlines."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        assert isinstance(queryset, OrganisationQuerySet), f"{queryset.model} is not a tenant model"
        return queryset.for_user(request.user)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        related = db_field.related_model
        if related is Organisation:
            kwargs["queryset"] = member_organisations(request)
        elif related is get_user_model():
            kwargs["queryset"] = visible_users(request)
        elif isinstance(related, type) and isinstance(
            getattr(related, "objects", None), models.Manager
        ):
            queryset = related._default_manager.all()
            if isinstance(queryset, OrganisationQuerySet):
                kwargs["queryset"] = queryset.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc, no-any-return]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_member(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_touch(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _is_member(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_touch(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_touch(request, obj)


def _scoped_filter(model: type[models.Model], item: Any) -> Any:
    """``RelatedOnlyFieldListFilter`` for a relation: its choices come from the scoped list.

    Django's default related filter lists every row of the related table, whatever the list
    holds, so a client filter would name every organisation's clients.
    """
    if isinstance(item, str):
        name, kind = item, None
    elif isinstance(item, tuple) and isinstance(item[0], str):
        name, kind = item
    else:
        return item  # a filter class of its own decides its choices
    field = get_fields_from_path(model, name)[-1]
    if field.is_relation and (kind is None or kind is admin.RelatedFieldListFilter):
        return (name, admin.RelatedOnlyFieldListFilter)
    return item


class ScopedAdmin(_ScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """A model admin for a tenant model."""

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        """Filters on a relation list only the related rows the user's lists hold."""
        return [_scoped_filter(self.model, item) for item in super().get_list_filter(request)]


class ScopedInline(_ScopedMixin, admin.TabularInline):  # type: ignore[type-arg]
    """A tabular inline for a tenant model."""

    extra = 0


class SuperuserOnly:
    """For the admin of a table that names no organisation (task results, groups): a staff
    member who is not a superuser neither sees it in the index nor opens any of its pages,
    whatever permissions they were given, because no query of it can be confined to their
    organisations."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and bool(
            super().has_view_permission(request, obj)  # type: ignore[misc]
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request) and bool(
            super().has_add_permission(request, *args)  # type: ignore[misc]
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and bool(
            super().has_change_permission(request, obj)  # type: ignore[misc]
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and bool(
            super().has_delete_permission(request, obj)  # type: ignore[misc]
        )
