"""The end of a project from its page: mark it delivered, and follow each offer to the client.

Delivery resolves the current promise in the ledger (kept or broken), which is what the on-time
rate counts, and queues the client's "delivered" message; an offer moves offered → accepted /
declined → applied, which is what the ledger's compensation counts. Both were reachable only
through the admin before.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.core.errors import PlazoError
from plazo.store.models import Commitment, Offer, Project
from plazo.store.services.delays.offers import apply_offer, decide_offer
from plazo.store.services.delivery import deliver as delivery
from plazo.web.forms.delivery import DeliveryForm
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["deliver", "offer_step"]


@require_POST
@organisation_view
def deliver(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Mark the project delivered on the day given (the client's today at the latest) and queue
    the client's "delivered" message."""
    projects = Project.objects.for_organisation(request.organisation).select_related("client")
    project = get_object_or_404(projects, pk=project_id)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        if "delivered_on" in form.errors:
            messages.error(request, _("Give the day the project was delivered."))
        else:
            messages.error(
                request,
                _(
                    "Nothing changed: tick the box to confirm that the client is e-mailed and "
                    "that a delivered project stays delivered."
                ),
            )
        return redirect("web:project", project_id=project.pk)
    try:
        delivered = delivery.deliver(project, form.cleaned_data["delivered_on"], now=timezone.now())
    except PlazoError as error:
        messages.error(request, str(error))
        return redirect("web:project", project_id=project.pk)
    _say_delivered(request, delivered.promise)
    if delivered.message is not None:
        messages.info(request, _("The client's “delivered” message is in the outbox."))
    else:
        messages.warning(
            request,
            _("The client was not told: %(reason)s") % {"reason": delivered.not_told},
        )
    return redirect("web:project", project_id=project.pk)


def _say_delivered(request: OrganisationRequest, promise: Commitment | None) -> None:
    if promise is None:
        messages.success(request, _("The project is marked delivered."))
    elif promise.outcome == "kept":
        messages.success(
            request, _("The project is marked delivered: the promise was kept (on time).")
        )
    else:
        messages.warning(
            request, _("The project is marked delivered: the promise was broken (late).")
        )


@require_POST
@organisation_view
def offer_step(request: OrganisationRequest, offer_id: int) -> HttpResponse:
    """Record the client's answer to an offer (accepted, declined), or that it was applied."""
    offers = Offer.objects.for_organisation(request.organisation)
    offer = get_object_or_404(offers, pk=offer_id)
    step = request.POST.get("step", "")
    now = timezone.now()
    try:
        if step in ("accept", "decline"):
            decide_offer(offer, accepted=step == "accept", at=now)
        elif step == "apply":
            apply_offer(offer, at=now, amount=_amount(request.POST.get("amount", "")))
        else:
            raise PlazoError(f"unknown step {step!r}: accept, decline or apply")
    except PlazoError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The offer is recorded as %(state)s.") % {"state": _state(step)}
        )
    return redirect("web:project", project_id=offer.project_id)


def _amount(raw: str) -> Decimal | None:
    """The amount applied on the invoice; blank is the whole offer."""
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise PlazoError(f"{raw!r} is not an amount; write it as 120.50")
    return amount.quantize(Decimal("0.01"))


def _state(step: str) -> str:
    return {"accept": _("accepted"), "decline": _("declined"), "apply": _("applied")}[step]
