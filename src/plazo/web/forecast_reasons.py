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
from django.utils.translation import ngettext

from plazo.core.forecast.choice import REASONS, read_reason

__all__ = ["REASON_TEXTS", "model_reason_text", "remaining_counts_text"]

# Each reason around its counts (``%(counts)s``: :func:`remaining_counts_text`, which takes the
# plural of its own number: "1 of 1 remaining item has an estimate", never "0 of 0 items").
REASON_TEXTS: dict[str, Promise] = {
    "estimates_set": _("estimates, as the project is set (%(counts)s)"),
    "estimates_auto": _("estimates, chosen by itself: %(counts)s"),
    "estimates_no_pace": _(
        "estimates: no items completed in recent weeks to count throughput from (%(counts)s)"
    ),
    "throughput_set": _("throughput, as the project is set: %(counts)s"),
    "throughput_auto": _("throughput, chosen by itself: %(counts)s"),
}
assert REASON_TEXTS.keys() == REASONS.keys(), "every reason the chooser writes needs words here"


def remaining_counts_text(estimated: int, total: int) -> str:
    """How many of the remaining items have estimates, agreeing with ``total``; none left is
    said so rather than counted ("0 of 0")."""
    if total == 0:
        return str(_("no item remains"))
    return ngettext(
        "%(estimated)s of %(total)s remaining item has an estimate",
        "%(estimated)s of %(total)s remaining items have estimates",
        total,
    ) % {"estimated": estimated, "total": total}


def model_reason_text(why: str, model: str) -> str:
    """The stored reason translated; text it does not know as stored; no reason: the model."""
    read = read_reason(why)
    if read is None:
        return why or model
    return str(REASON_TEXTS[read.code]) % {
        "counts": remaining_counts_text(read.estimated, read.total)
    }
