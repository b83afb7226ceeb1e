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

from plazo.core.policy import PolicyError, default_policy_text, load_policy
from plazo.store.models import Organisation, Role
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
from plazo.web.forms.policy_terms import PolicyTermsForm
from plazo.web.policy_editor import apply_terms
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
    """The compensation policy in words, its common terms as a form and its TOML document; an
    owner's POST stores either (``action`` = terms, save or default)."""
    org = request.organisation
    is_owner = _is_owner(request)
    lang = (get_language() or "en")[:2]
    policy = organisation_policy(org)
    # An organisation on the default policy edits it with the comments in its own language.
    document = org.policy_toml or default_policy_text(org.language)
    action = request.POST.get("action", "save")
    posted = request.method == "POST"
    form = PolicyForm(
        request.POST if posted and action == "save" else None, initial={"policy_toml": document}
    )
    terms = PolicyTermsForm(
        request.POST if posted and action == "terms" else None,
        policy=policy,
        currency=org.currency,
        lang=lang,
    )
    status = 200
    if posted:
        if not is_owner:
            status = 403
            messages.error(request, _("Only an owner can change the compensation policy."))
        elif action == "default":
            save_policy(org, "")
            messages.success(request, _("The organisation now uses plazo's default policy."))
            return redirect("web:organisation_policy")
        elif action == "terms" and terms.is_valid():
            if _save_terms(org, document, terms):
                messages.success(request, _("The compensation policy is saved."))
                return redirect("web:organisation_policy")
        elif action == "save" and form.is_valid():
            save_policy(org, form.cleaned_data["policy_toml"])
            messages.success(request, _("The compensation policy is saved."))
            return redirect("web:organisation_policy")
    offer_form, preview = _offer_question(request, lang)
    context: dict[str, Any] = {
        "form": form,
        "terms_form": terms,
        "is_owner": is_owner,
        "organisation": org,
        "uses_default": not org.policy_toml.strip(),
        "summary": summarise_policy(policy, currency=org.currency, lang=lang),
        "policy_text": document,
        "offer_form": offer_form,
        "answer": None if preview is None else summarise_preview(preview, lang=lang),
        "raw_open": posted and action == "save",
        "nav": "settings",
    }
    return render(request, "plazo/organisation_policy.html", context, status=status)


def _save_terms(org: Organisation, document: str, terms: PolicyTermsForm) -> bool:
    """Write the guided editor's terms into the policy document and store it; False (with the
    loader's problems on the form) when the result does not load."""
    text = apply_terms(document, terms.cleaned_data, org.currency)
    try:
        load_policy(text, source="policy")
    except PolicyError as error:
        lang = (get_language() or "en")[:2]
        for issue in error.errors:
            terms.add_error(None, issue.describe(lang))
        return False
    save_policy(org, text)
    return True


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
