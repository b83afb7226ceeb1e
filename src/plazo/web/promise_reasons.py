"""Why a promise was made, in the reader's language.

The ledger stores each promise's reason as written: a person's own words, or one of the few
sentences plazo writes itself when nobody gave one (in English, like every stored reason, so the
API and the CLI read the same). Those are translated here when the page is drawn; a person's
words are shown as they wrote them.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plazo.store.services.editing.dashboard import CREATED_REASON, EDITED_REASON
from plazo.store.services.work.records import API_REASON

__all__ = ["SYSTEM_REASONS", "promise_reason_text"]

SYSTEM_REASONS: dict[str, Promise] = {
    CREATED_REASON: _("Promised when the project was created."),
    EDITED_REASON: _("Changed in the dashboard."),
    API_REASON: _("Set through the API."),
}
_IMPORTED = re.compile(r"^Imported from (?P<source>[\w .-]{1,40})\.$")  # the importers' reason


def promise_reason_text(reason: str) -> str:
    """``reason`` in the active language when plazo wrote it; otherwise as stored."""
    known = SYSTEM_REASONS.get(reason)
    if known is not None:
        return str(known)
    imported = _IMPORTED.match(reason)
    if imported:
        return gettext("Imported from %(source)s.") % {"source": imported["source"]}
    return reason
