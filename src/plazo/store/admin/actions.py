"""Admin actions that go through the use cases, so the admin never bypasses a rule."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from plazo.core.compose import ComposeError
from plazo.core.errors import PlazoError
from plazo.store.models import DelayCase, Offer
from plazo.store.services.delays.cases import approve_notice
from plazo.store.services.delays.draft import draft_from_case
from plazo.store.services.delays.offers import OfferStateError, apply_offer, decide_offer

__all__ = ["accept_offers", "apply_offers", "approve_and_send_notices", "decline_offers"]


@admin.action(description="Approve and send the delay notice (chosen date, else recommended)")
def approve_and_send_notices(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet[DelayCase]
) -> None:
    for case in queryset.select_related("project__client"):
        draft = draft_from_case(case)
        if draft.new_on is None:
            modeladmin.message_user(request, f"{case}: choose a new date first.", messages.ERROR)
            continue
        try:
            approved = approve_notice(case, draft, now=timezone.now(), approved_by=request.user)
        except ComposeError as error:
            missing = "; ".join(error.problems)
            modeladmin.message_user(request, f"{case}: not sent — {missing}.", messages.ERROR)
        except PlazoError as error:
            modeladmin.message_user(request, f"{case}: not sent — {error}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{case}: notice queued ({approved.notice.subject}).")
            for warning in approved.warnings:
                modeladmin.message_user(request, f"{case}: {warning}", messages.WARNING)


def _offer_action(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet[Offer], act: Any
) -> None:
    for offer in queryset:
        try:
            act(offer)
        except OfferStateError as error:
            modeladmin.message_user(request, f"{offer}: {error}.", messages.ERROR)


@admin.action(description="The client accepted the offer")
def accept_offers(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Offer]) -> None:
    now = timezone.now()
    _offer_action(modeladmin, request, queryset, lambda o: decide_offer(o, accepted=True, at=now))


@admin.action(description="The client declined the offer")
def decline_offers(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Offer]) -> None:
    now = timezone.now()
    _offer_action(modeladmin, request, queryset, lambda o: decide_offer(o, accepted=False, at=now))


@admin.action(description="Applied on the invoice (the full amount)")
def apply_offers(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Offer]) -> None:
    now = timezone.now()
    _offer_action(modeladmin, request, queryset, lambda o: apply_offer(o, at=now))
