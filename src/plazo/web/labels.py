"""The dashboard's words for stored codes (states, health, kinds), translated at render time."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["LABELS", "STATE_LABELS"]

STATE_LABELS: dict[str, Promise] = {
    "draft": _("draft"),
    "queued": _("queued"),
    "sending": _("sending"),
    "sent": _("sent"),
    "retry": _("awaiting retry"),
    "failed": _("failed"),
    "cancelled": _("cancelled"),
}

LABELS: dict[str, dict[str, Promise]] = {
    "state": STATE_LABELS,
    "health": {
        "on_track": _("on track"),
        "at_risk": _("at risk"),
        "late": _("late"),
        "no_forecast": _("no forecast yet"),
        # No task done yet, and the estimates miss the promise (plazo.core.health): what is known.
        "estimates_short": _("at risk from the start: the estimates don't fit"),
    },
    "action": {
        "review_notice": _("Review the delay notice"),
        "tell_client": _("Tell the client"),
        "send_notice": _("Approved notice not sent yet"),
        "forecast_recovered": _("The forecast recovered: discard or keep the draft?"),
    },
    "kind": {
        "weekly_update": _("weekly update"),
        "delay_notice": _("delay notice"),
        "delivered": _("delivered"),
        "owner_alert": _("owner alert"),
        "invitation": _("invitation"),
        "password_reset": _("password reset"),
    },
    "project": {
        "active": _("active"),
        "paused": _("paused"),
        "delivered": _("delivered"),
        "cancelled": _("cancelled"),
    },
    "item": {"todo": _("to do"), "doing": _("in progress"), "done": _("done")},
    "outcome": {
        "pending": _("pending"),
        "kept": _("kept"),
        "broken": _("broken"),
        "cancelled": _("cancelled"),
    },
    "offer": {
        "offered": _("offered"),
        "accepted": _("accepted"),
        "declined": _("declined"),
        "applied": _("applied"),
    },
    "case": {
        "draft": _("draft"),
        "approved": _("approved"),
        "sent": _("sent"),
        "cancelled": _("cancelled"),
    },
    "week": {
        "upcoming": _("upcoming"),
        "due": _("due now"),
        "draft": _("awaiting approval"),
        "queued": _("queued"),
        "sent": _("sent"),
        "held": _("held"),
        "skipped": _("skipped"),
        "replaced": _("replaced by the delay notice"),
    },
    "marker": {"today": _("today"), "promised": _("promised"), "stake": _("client needs it")},
    # The status page speaks to the client: their date, in their register.
    "client_marker": {
        "today": _("today"),
        "promised": _("promised"),
        "stake:formal": pgettext_lazy("formal, to the client", "your date"),
        "stake:informal": pgettext_lazy("informal, to the client", "your date"),
        "stake:vos": pgettext_lazy("informal, to the client", "your date"),
    },
    "language": {"es": _("Spanish"), "en": _("English")},
    # How a client is spoken to, in one phrase: language and register together.
    "speech": {
        "es:formal": _("Spanish, formal (usted)"),
        "es:informal": _("Spanish, informal (tú)"),
        "es:vos": _("Spanish, informal (vos)"),
        "en:formal": _("English, formal"),
        "en:informal": _("English, casual"),
        "en:vos": _("English, casual"),
    },
}
