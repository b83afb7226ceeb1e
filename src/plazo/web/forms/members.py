"""Invite a person by e-mail, as an owner or a member."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.store.models import Language, Role

__all__ = ["ROLE_CHOICES", "InviteForm", "RoleForm"]

ROLE_CHOICES = [(Role.MEMBER, _("member")), (Role.OWNER, _("owner"))]
ROLE_HELP = _(
    "A member works on clients, projects and notices. An owner can also invite people, change "
    "roles, and change the settings, API tokens and webhooks."
)


class InviteForm(forms.Form):
    name = forms.CharField(
        label=_("Their name"),
        required=False,
        max_length=150,
        help_text=_("Optional: the members list shows it instead of the e-mail address."),
    )
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=ROLE_CHOICES, initial=Role.MEMBER, help_text=ROLE_HELP
    )
    language = forms.ChoiceField(
        label=_("Their language"),
        required=False,
        help_text=_("The invitation and their alerts are written in it."),
    )

    def __init__(self, *args: Any, organisation_language: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(Language.choices)
        same = names.get(organisation_language, organisation_language)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("the organisation's (%(language)s)") % {"language": same}),
            *Language.choices,
        ]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
