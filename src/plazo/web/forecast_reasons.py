"""Why a forecast used its model, in the reader's language.

A forecast stores its reason as the English sentence the core's chooser wrote
(``Forecast.model_reason``). The dashboard reads it back into a code and its counts
(:func:`plazo.core.forecast.choice.read_reason`) and prints the translated sentence. The
translation happens here, when the page is drawn, rather than in a stored code: forecasts already
stored (and the CLI's JSON, which keeps the English) need no migration, and the chooser's
wording stays defined once, in the core, where a change is caught by the web's test of every
branch.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plazo.core.forecast.choice import REASONS, read_reason

__all__ = ["REASON_TEXTS", "model_reason_text"]

REASON_TEXTS: dict[str, Promise] = {
    "estimates_set": _(
        "estimates, as the project is set (%(estimated)s of %(total)s remaining items have "
        "estimates)"
    ),
    "estimates_auto": _(
        "estimates, chosen by itself: %(estimated)s of %(total)s remaining items have estimates"
    ),
    "estimates_no_pace": _(
        "estimates: no items completed in recent weeks to count throughput from "
        "(%(estimated)s of %(total)s remaining items have estimates)"
    ),
    "throughput_set": _(
        "throughput, as the project is set: %(estimated)s of %(total)s remaining items have "
        "estimates"
    ),
    "throughput_auto": _(
        "throughput, chosen by itself: %(estimated)s of %(total)s remaining items have estimates"
    ),
}
assert REASON_TEXTS.keys() == REASONS.keys(), "every reason the chooser writes needs words here"


def model_reason_text(why: str, model: str) -> str:
    """The stored reason translated; text it does not know as stored; no reason: the model."""
    read = read_reason(why)
    if read is None:
        return why or model
    return str(REASON_TEXTS[read.code]) % {"estimated": read.estimated, "total": read.total}
