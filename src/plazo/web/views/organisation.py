"""``/settings/`` and ``/settings/policy/``: the organisation's settings and compensation policy.

Every member sees them; only an owner changes them (as only an owner invites people). A POST
from a member changes nothing and answers 403 with the page read-only. The policy page also
answers "what would the policy offer for this slip?" for anyone (a GET: it changes nothing).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
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
from plazo.store.services.delays.offer_preview import (
    OfferPreview,
    OfferPreviewError,
    preview_offer,
)
from plazo.store.services.delays.policy import organisation_policy
from plazo.web.forms.organisation import OrganisationSettingsForm, PolicyForm
from plazo.web.forms.policy_offer import PolicyOfferForm
from plazo.web.policy_summary import summarise_policy, summarise_preview
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
    lang = (get_language() or "en")[:2]
    offer_form, preview = _offer_question(request, lang)
    context: dict[str, Any] = {
        "form": form,
        "is_owner": is_owner,
        "organisation": org,
        "uses_default": not org.policy_toml.strip(),
        "summary": summarise_policy(organisation_policy(org), currency=org.currency, lang=lang),
        "policy_text": org.policy_toml or default_policy_text(),
        "offer_form": offer_form,
        "answer": None if preview is None else summarise_preview(preview, lang=lang),
        "nav": "settings",
    }
    return render(request, "plazo/organisation_policy.html", context, status=status)


def _offer_question(
    request: OrganisationRequest, lang: str
) -> tuple[PolicyOfferForm, OfferPreview | None]:
    """The "what would the policy offer?" form, and its answer when it was asked (by GET: it
    changes nothing, so a member asks as an owner does)."""
    asked = "offer-slip_working_days" in request.GET
    form = PolicyOfferForm(request.GET if asked else None, organisation=request.organisation)
    if not asked or not form.is_valid():
        return form, None
    try:
        preview = preview_offer(
            request.organisation, form.question(), now=timezone.now(), lang=lang
        )
    except OfferPreviewError as error:
        form.add_error(None, str(error))
        return form, None
    return form, preview


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER
