"""``/settings/api-tokens/``: the organisation's REST API tokens, as ``plazo token`` manages them.

Every member sees the list (name, prefix, who created it and when, last use, live or revoked);
only an owner creates or revokes one, as only an owner changes the settings. A member's POST
changes nothing and answers 403. A new token's secret is shown once, as the CLI prints it once:
the POST that creates it parks the secret in the session under a one-use key and redirects (303,
Post/Redirect/Get); the next GET pops it and shows it, sent ``no-store``. So reloading that page
shows the list without the secret and creates nothing. Only the digest is kept in the database.
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

__all__ = ["NEW_TOKEN_KEY", "api_tokens", "revoke_token"]

NEW_TOKEN_KEY = "plazo_new_token"  # the session key holding a new secret until one GET shows it
_OWNERS_ONLY = gettext_lazy("Only an owner can create or revoke API tokens.")


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER


def _pop_created(request: OrganisationRequest) -> token_service.CreatedToken | None:
    """The token created just before this GET, once; none if it is not this organisation's."""
    parked = request.session.pop(NEW_TOKEN_KEY, None)
    if not isinstance(parked, dict):
        return None
    token_id, secret = parked.get("token_id"), parked.get("secret")
    if not isinstance(token_id, int) or not isinstance(secret, str):
        return None
    tokens = ApiToken.objects.for_organisation(request.organisation)
    token = tokens.filter(pk=token_id).first()
    if token is None:
        return None
    return token_service.CreatedToken(token=token, secret=secret)


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


@never_cache  # the GET after a creation holds the secret
@require_http_methods(["GET", "POST"])
@organisation_view
def api_tokens(request: OrganisationRequest) -> HttpResponse:
    """The tokens; an owner's POST creates one, whose secret the next GET shows this once."""
    if request.method == "GET":
        return _page(request, TokenForm(), _pop_created(request))
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
    request.session[NEW_TOKEN_KEY] = {"token_id": created.token.pk, "secret": created.secret}
    answer = redirect("web:api_tokens")
    answer.status_code = 303  # See Other: the browser GETs the list, so a reload re-posts nothing
    return answer


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
