"""``/settings/`` and ``/settings/policy/``: the organisation's settings and compensation policy.

Every member sees them; only an owner changes them (as only an owner invites people). A POST
from a member changes nothing and answers 403 with the page read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plazo.core.policy import default_policy_text
from plazo.store.models import Role
from plazo.store.services.access.organisation_settings import (
    SETTINGS_FIELDS,
    SettingsError,
    save_policy,
    update_settings,
)
from plazo.store.services.delays.policy import organisation_policy
from plazo.web.forms.organisation import OrganisationSettingsForm, PolicyForm
from plazo.web.policy_summary import summarise_policy
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["organisation_policy_page", "organisation_settings"]


@require_http_methods(["GET", "POST"])
@organisation_view
def organisation_settings(request: OrganisationRequest) -> HttpResponse:
    """The settings; an owner's POST stores them."""
    org = request.organisation
    is_owner = _is_owner(request)
    initial = {name: getattr(org, name) for name in SETTINGS_FIELDS}
    form = OrganisationSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not is_owner:
            status = 403
            messages.error(request, _("Only an owner can change the organisation's settings."))
        elif form.is_valid():
            try:
                update_settings(org, dict(form.cleaned_data))
            except SettingsError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The organisation's settings are saved."))
                return redirect("web:organisation_settings")
    context = {"form": form, "is_owner": is_owner, "organisation": org, "nav": "settings"}
    return render(request, "plazo/organisation_settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
@organisation_view
def organisation_policy_page(request: OrganisationRequest) -> HttpResponse:
    """The compensation policy in words and as its TOML document; an owner's POST stores it."""
    org = request.organisation
    is_owner = _is_owner(request)
    form = PolicyForm(
        request.POST or None, initial={"policy_toml": org.policy_toml or default_policy_text()}
    )
    status = 200
    if request.method == "POST":
        if not is_owner:
            status = 403
            messages.error(request, _("Only an owner can change the compensation policy."))
        elif request.POST.get("action") == "default":
            save_policy(org, "")
            messages.success(request, _("The organisation now uses plazo's default policy."))
            return redirect("web:organisation_policy")
        elif form.is_valid():
            save_policy(org, form.cleaned_data["policy_toml"])
            messages.success(request, _("The compensation policy is saved."))
            return redirect("web:organisation_policy")
    context: dict[str, Any] = {
        "form": form,
        "is_owner": is_owner,
        "organisation": org,
        "uses_default": not org.policy_toml.strip(),
        "summary": summarise_policy(
            organisation_policy(org), currency=org.currency, lang=(get_language() or "en")[:2]
        ),
        "policy_text": org.policy_toml or default_policy_text(),
        "nav": "settings",
    }
    return render(request, "plazo/organisation_policy.html", context, status=status)


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER
