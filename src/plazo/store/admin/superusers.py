"""The admins of tables that name no organisation, open to superusers only.

django-tasks-db's task results hold every organisation's task arguments, return values and
tracebacks (which name projects); Django's groups carry permissions that reach past one's own
organisation. Neither can be confined to the organisations of a staff member, so a staff member
who is not a superuser does not see them at all, whatever permissions they were given.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from plazo.store.admin.scoped import SuperuserOnly

__all__ = ["SuperuserGroupAdmin", "SuperuserTaskResultAdmin"]


class SuperuserTaskResultAdmin(SuperuserOnly, DBTaskResultAdmin):
    """django-tasks-db's read-only task results, for superusers."""


class SuperuserGroupAdmin(SuperuserOnly, GroupAdmin):
    """Django's groups, for superusers."""


for _model, _admin in ((DBTaskResult, SuperuserTaskResultAdmin), (Group, SuperuserGroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
