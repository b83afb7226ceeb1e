"""The outbox: every message with its delivery state; retry a failed one, cancel an unsent one."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from plazo.store.models import Message, MessageState
from plazo.store.services.outbox.actions import (
    OutboxActionError,
    cancel_message,
    retry_message,
)
from plazo.store.services.pages.outbox import outbox_page
from plazo.store.services.pages.outbox_message import OutboxMessage, outbox_message
from plazo.web.labels import STATE_LABELS
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["cancel", "message_detail", "message_html", "outbox", "retry"]

# The e-mail's own styles and its images written into it; no script, no request, no form,
# framed by plazo's pages only, and sandboxed even if opened on its own (as a notice's draft).
MESSAGE_HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)


@organisation_view
def outbox(request: OrganisationRequest) -> HttpResponse:
    """Every message of the organisation, newest first, filterable by state."""
    state = request.GET.get("state", "")
    page = outbox_page(request.organisation, state=state, page=request.GET.get("page"))
    context = {
        "nav": "outbox",
        "page": page,
        "state": state,
        "states": MessageState.choices,
        "retryable": [s.value for s in MessageState.retryable()],
        "cancellable": [s.value for s in MessageState.cancellable()],
    }
    return render(request, "plazo/outbox.html", context)


def _message(request: OrganisationRequest, message_id: int) -> OutboxMessage:
    """The message, only if it is the current organisation's: anything else is a 404."""
    try:
        return outbox_message(request.organisation, message_id)
    except Message.DoesNotExist:
        raise Http404("no such message") from None


@require_GET
@organisation_view
def message_detail(request: OrganisationRequest, message_id: int) -> HttpResponse:
    """One message as it went out: recipients, subject, text, HTML (framed) and attachments."""
    context = {
        "nav": "outbox",
        "shown": _message(request, message_id),
        "retryable": [s.value for s in MessageState.retryable()],
        "cancellable": [s.value for s in MessageState.cancellable()],
    }
    return render(request, "plazo/outbox_message.html", context)


@require_GET
@xframe_options_sameorigin
@organisation_view
def message_html(request: OrganisationRequest, message_id: int) -> HttpResponse:
    """The message's HTML part alone, under its own policy, for the detail page's frame."""
    shown = _message(request, message_id)
    response = HttpResponse(shown.html, content_type="text/html; charset=utf-8")
    # django-csp leaves a policy the view set alone: this one replaces the page's.
    response["Content-Security-Policy"] = MESSAGE_HTML_POLICY
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _act(
    request: OrganisationRequest,
    message_id: int,
    action: Callable[..., Message],
    done: str,
) -> HttpResponse:
    try:
        action(request.organisation, message_id, now=timezone.now())
    except Message.DoesNotExist:
        raise Http404("no such message") from None
    except OutboxActionError as error:
        state = STATE_LABELS.get(error.state, error.state)
        messages.error(request, _("Nothing changed: the message is %(state)s.") % {"state": state})
    else:
        messages.success(request, done)
    return redirect("web:outbox")


@require_POST
@organisation_view
def retry(request: OrganisationRequest, message_id: int) -> HttpResponse:
    """Queue a failed message again, to go out at the next worker pass."""
    return _act(request, message_id, retry_message, _("The message is queued again."))


@require_POST
@organisation_view
def cancel(request: OrganisationRequest, message_id: int) -> HttpResponse:
    """Cancel a message that has not been sent."""
    return _act(request, message_id, cancel_message, _("The message was cancelled."))
