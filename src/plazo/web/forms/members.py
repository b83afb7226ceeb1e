"""Invite a person by e-mail, as an owner or a member."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.store.models import Role

__all__ = ["InviteForm"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.MEMBER, _("member")), (Role.OWNER, _("owner"))],
        initial=Role.MEMBER,
    )
