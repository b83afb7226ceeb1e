"""Tenant walls: every row belongs to one organisation, and querysets are scoped explicitly.

``Model.objects.for_organisation(org)`` is the one way application code reads tenant data. The
admin and the services go through it; a test checks that every tenant model uses this manager.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

if TYPE_CHECKING:
    from plazo.store.models.organisation import Organisation

__all__ = ["OrganisationQuerySet", "TenantModel"]

_M = TypeVar("_M", bound=models.Model)


class OrganisationQuerySet(models.QuerySet[_M]):
    """A queryset that knows how to confine itself to one organisation."""

    def for_organisation(self, organisation: Organisation | int) -> Self:
        """Only the rows of ``organisation`` (an instance or its primary key)."""
        org_id = organisation if isinstance(organisation, int) else organisation.pk
        if org_id is None:
            raise ValueError("cannot scope to an unsaved organisation")
        return self.filter(organisation_id=org_id)

    def for_user(self, user: Any) -> Self:
        """Only the rows of organisations ``user`` is a member of (all rows for a superuser)."""
        if getattr(user, "is_superuser", False):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(organisation__memberships__user=user)


class TenantModel(models.Model):
    """Abstract base of every row that belongs to an organisation."""

    organisation = models.ForeignKey(
        "plazo.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        """Refuse a reference to another organisation's row (a project of B for a client of A)."""
        super().clean()
        if getattr(self, "organisation_id", None) is None:
            return
        for field in self._meta.concrete_fields:
            related = field.related_model
            if not (field.many_to_one or field.one_to_one) or not isinstance(related, type):
                continue
            if not issubclass(related, TenantModel) or field.name == "organisation":
                continue
            # By id, not ``getattr(self, field.name)``: a reference a form left blank (or one it
            # refused) raises RelatedObjectDoesNotExist there; the form has its own error for it.
            target_id = getattr(self, field.attname)
            if target_id is None:
                continue
            owner_id = (
                related._base_manager.filter(pk=target_id)
                .values_list("organisation_id", flat=True)
                .first()
            )
            if owner_id is not None and owner_id != self.organisation_id:
                raise ValidationError(
                    {field.name: "belongs to another organisation; pick one of this organisation."}
                )
