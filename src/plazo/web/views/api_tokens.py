"""``/settings/api-tokens/``: the organisation's REST API tokens, as ``plazo token`` manages them.

Every member sees the list (name, prefix, who created it and when, last use, live or revoked);
only an owner creates or revokes one, as only an owner changes the settings. A member's POST
changes nothing and answers 403. A new token's secret is shown once, on the page that answers
the creation (never stored, never carried through the session), as the CLI prints it once.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plazo.store.models import ApiToken, Role
from plazo.store.services.access import tokens as token_service
from plazo.web.forms.api_tokens import TokenForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["api_tokens", "revoke_token"]

_OWNERS_ONLY = gettext_lazy("Only an owner can create or revoke API tokens.")


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER


def _page(
    request: OrganisationRequest,
    form: TokenForm,
    created: token_service.CreatedToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tokens": token_service.list_tokens(request.organisation),
        "form": form,
        "created": created,
        "is_owner": _is_owner(request),
        "organisation": request.organisation,
        "nav": "settings",
    }
    return render(request, "plazo/api_tokens.html", context, status=status)


@never_cache  # the answer to a creation holds the secret
@require_http_methods(["GET", "POST"])
@organisation_view
def api_tokens(request: OrganisationRequest) -> HttpResponse:
    """The tokens; an owner's POST creates one and shows its secret this once."""
    if request.method == "GET":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not _is_owner(request):
        messages.error(request, _OWNERS_ONLY)
        return _page(request, form, status=403)
    if not form.is_valid():
        return _page(request, form)
    created = token_service.create_token(
        request.organisation,
        name=form.cleaned_data["name"],
        now=timezone.now(),
        created_by=request.user,
    )
    return _page(request, TokenForm(), created)


@require_POST
@organisation_view
def revoke_token(request: OrganisationRequest, token_id: int) -> HttpResponse:
    """Revoke one of the organisation's tokens; it stops working at once."""
    token = get_object_or_404(ApiToken.objects.for_organisation(request.organisation), pk=token_id)
    if not _is_owner(request):
        messages.error(request, _OWNERS_ONLY)
        return _page(request, TokenForm(), status=403)
    if token_service.revoke(token, now=timezone.now()):
        message = _("The token “%(name)s” is revoked: it no longer works.")
        messages.success(request, message % {"name": token.name})
    else:
        messages.info(
            request, _("The token “%(name)s” was already revoked.") % {"name": token.name}
        )
    return redirect("web:api_tokens")
