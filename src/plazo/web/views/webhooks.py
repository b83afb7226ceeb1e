"""``/settings/webhooks/``: the organisation's outgoing webhooks, as ``plazo webhook`` manages them.

Owners only (a member is refused with 403, as the endpoints' secrets sign what plazo tells other
tools): the list with each endpoint's events, state and last deliveries; *Add* (URL and events),
whose signing secret is shown once on the next GET, parked in the session like a new API token's
(Post/Redirect/Get, sent ``no-store``); *Pause* / *Resume*; *Send a test ping* (queued, the worker
posts it); *Delete* after a confirmation page. Everything goes through
``plazo.store.services.webhooks.endpoints``, the service behind the CLI; another organisation's
endpoint id is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plazo.store.models import Role, WebhookEndpoint
from plazo.store.services.webhooks import endpoints as service
from plazo.web.forms.webhooks import EVENT_LABELS, WebhookForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["NEW_SECRET_KEY", "webhook_delete", "webhook_ping", "webhook_toggle", "webhooks"]

NEW_SECRET_KEY = "plazo_new_webhook"  # the session key holding a new secret until a GET shows it


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER


def _refused(request: OrganisationRequest) -> HttpResponse:
    context = {"organisation": request.organisation, "nav": "settings"}
    return render(request, "plazo/webhooks_refused.html", context, status=403)


def _endpoint(request: OrganisationRequest, endpoint_id: int) -> WebhookEndpoint:
    endpoint = (
        WebhookEndpoint.objects.for_organisation(request.organisation)
        .filter(pk=endpoint_id)
        .first()
    )
    if endpoint is None:
        raise Http404("no such webhook")
    return endpoint


def _pop_created(request: OrganisationRequest) -> tuple[WebhookEndpoint, str] | None:
    """The endpoint added just before this GET and its secret, once; none if not this org's."""
    parked = request.session.pop(NEW_SECRET_KEY, None)
    if not isinstance(parked, dict):
        return None
    endpoint_id, secret = parked.get("endpoint_id"), parked.get("secret")
    if not isinstance(endpoint_id, int) or not isinstance(secret, str):
        return None
    found = WebhookEndpoint.objects.for_organisation(request.organisation).filter(pk=endpoint_id)
    endpoint = found.first()
    return None if endpoint is None else (endpoint, secret)


def _page(
    request: OrganisationRequest,
    form: WebhookForm,
    created: tuple[WebhookEndpoint, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    endpoints = service.list_endpoints(request.organisation)
    deliveries = service.recent_deliveries(endpoints)
    context = {
        "endpoints": [
            (
                endpoint,
                [EVENT_LABELS.get(e, e) for e in endpoint.events],
                [(d, EVENT_LABELS.get(d.event, d.event)) for d in deliveries[endpoint.pk]],
            )
            for endpoint in endpoints
        ],
        "form": form,
        "created": created,
        "organisation": request.organisation,
        "nav": "settings",
    }
    return render(request, "plazo/webhooks.html", context, status=status)


def _see_other() -> HttpResponse:
    answer = redirect("web:webhooks")
    answer.status_code = 303  # See Other: the browser GETs the list, so a reload re-posts nothing
    return answer


@never_cache  # the GET after an addition holds the secret
@require_http_methods(["GET", "POST"])
@organisation_view
def webhooks(request: OrganisationRequest) -> HttpResponse:
    """The endpoints; a POST adds one, whose secret the next GET shows this once."""
    if not _is_owner(request):
        return _refused(request)
    if request.method == "GET":
        return _page(request, WebhookForm(), _pop_created(request))
    form = WebhookForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        endpoint = service.add_endpoint(
            request.organisation,
            form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            now=timezone.now(),
        )
    except service.WebhookEndpointError as error:
        form.add_error("url", _refusal(error))
        return _page(request, form, status=422)
    request.session[NEW_SECRET_KEY] = {"endpoint_id": endpoint.pk, "secret": endpoint.secret}
    return _see_other()


@require_POST
@organisation_view
def webhook_toggle(request: OrganisationRequest, endpoint_id: int) -> HttpResponse:
    """Pause an active endpoint or resume a paused one."""
    if not _is_owner(request):
        return _refused(request)
    endpoint = _endpoint(request, endpoint_id)
    active = request.POST.get("active") == "1"
    service.set_endpoint_active(endpoint.pk, active=active, organisation=request.organisation)
    if active:
        messages.success(request, _("%(url)s receives events again.") % {"url": endpoint.url})
    else:
        messages.success(
            request,
            _("%(url)s is paused: it receives no new events until you resume it.")
            % {"url": endpoint.url},
        )
    return _see_other()


@require_POST
@organisation_view
def webhook_ping(request: OrganisationRequest, endpoint_id: int) -> HttpResponse:
    """Queue a signed test ping; the worker posts it and the list shows its answer."""
    if not _is_owner(request):
        return _refused(request)
    endpoint = _endpoint(request, endpoint_id)
    service.queue_ping(endpoint.pk, now=timezone.now(), organisation=request.organisation)
    messages.info(
        request,
        _(
            "A test ping to %(url)s is queued; the worker posts it with its next pass. "
            "Reload this page to see the answer under Last deliveries."
        )
        % {"url": endpoint.url},
    )
    return _see_other()


@require_http_methods(["GET", "POST"])
@organisation_view
def webhook_delete(request: OrganisationRequest, endpoint_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the endpoint and its pending deliveries."""
    if not _is_owner(request):
        return _refused(request)
    endpoint = _endpoint(request, endpoint_id)
    if request.method == "GET":
        context = {"endpoint": endpoint, "organisation": request.organisation, "nav": "settings"}
        return render(request, "plazo/webhook_delete.html", context)
    service.remove_endpoint(endpoint.pk, organisation=request.organisation)
    messages.success(
        request,
        _("The webhook to %(url)s is deleted; its pending deliveries will not be posted.")
        % {"url": endpoint.url},
    )
    return _see_other()


def _refusal(error: service.WebhookEndpointError) -> str:
    """The service's refusal in the reader's language (it words it in English for the CLI)."""
    if error.code == "private_address":
        return _(
            "This address is on a private network (%(address)s). plazo posts only to public "
            "addresses unless the server sets PLAZO_WEBHOOK_ALLOW_PRIVATE=1."
        ) % {"address": error.address}
    if error.code == "bad_url":
        return _("Use an http:// or https:// address.")
    return str(error)
