"""Work items: the quick add ("Title, 6h" per line), the inline edit and marking one done."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plazo.store.models import WorkItemStatus
from plazo.web.forms.widgets import DayInput
from plazo.web.templatetags.plazo import day as day_text

__all__ = ["DoneForm", "ItemEditForm", "QuickAddForm", "parse_quick_add"]

MAX_LINES = 200
# "Title, 6h", "Title; 1,5 h", "Title, 6 horas"; the estimate is the number after the last
# separator; a line without one is added unestimated.
_LINE = re.compile(
    r"^(?P<title>.*?)\s*[,;]\s*(?P<hours>\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?|horas?)?\s*$", re.I
)


def parse_quick_add(text: str) -> list[tuple[str, Decimal | None]]:
    """One (title, estimate) per non-blank line; ``ValueError`` names the first bad line."""
    lines: list[tuple[str, Decimal | None]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("-*•").strip()
        if not line:
            continue
        match = _LINE.match(line)
        title, estimate = line, None
        if match:
            title = match["title"].strip()
            try:
                estimate = Decimal(match["hours"].replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
                estimate = None
            if estimate is not None and not Decimal("0") < estimate < Decimal("100000"):
                raise ValueError(
                    gettext("line %(number)d: the estimate must be more than 0 hours")
                    % {"number": number}
                )
        if not title:
            raise ValueError(gettext("line %(number)d: the title is empty") % {"number": number})
        if len(title) > 300:
            raise ValueError(
                gettext("line %(number)d: the title is longer than 300 characters")
                % {"number": number}
            )
        lines.append((title, estimate))
    if len(lines) > MAX_LINES:
        raise ValueError(gettext("add at most %(count)d lines at once") % {"count": MAX_LINES})
    return lines


class QuickAddForm(forms.Form):
    lines = forms.CharField(
        label=_("Add work items, one per line: 'Title, 6h'"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "Diseño de la portada, 6h"}),
    )
    added_on = forms.DateField(
        label=_("In the plan since"),
        widget=DayInput(),
        required=False,  # a quick add posted without it is today's
        help_text=_(
            "For a project already under way: the day these items entered the plan, not before "
            "the project's start. Leave today for new work."
        ),
    )

    def __init__(self, *args: Any, start: date, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"added_on": today})
        super().__init__(*args, **kwargs)
        self.start, self.today = start, today  # the project's start; its client's today
        widget = self.fields["added_on"].widget
        assert isinstance(widget, DayInput)
        widget.bound(earliest=start, latest=today)

    def clean_added_on(self) -> date:
        day: date = self.cleaned_data["added_on"] or self.today
        if day > self.today:
            raise forms.ValidationError(_("Items cannot enter the plan in the future."))
        if day < self.start:
            raise forms.ValidationError(
                _("Not before the project's start (%(day)s).") % {"day": day_text(self.start)}
            )
        return day

    def clean_lines(self) -> list[tuple[str, Decimal | None]]:
        try:
            parsed = parse_quick_add(self.cleaned_data["lines"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if not parsed:
            raise forms.ValidationError(_("Write at least one line."))
        return parsed


class ItemEditForm(forms.Form):
    estimate_hours = forms.DecimalField(
        label=_("Estimate (h)"), min_value=Decimal("0.01"), max_digits=8, decimal_places=2,
        required=False,
    )  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), choices=WorkItemStatus.choices)


class DoneForm(forms.Form):
    actual_hours = forms.DecimalField(
        label=_("Hours it took"), min_value=Decimal("0"), max_digits=8, decimal_places=2,
        required=False,
    )  # fmt: skip
    completed_on = forms.DateField(label=_("Done on"), widget=DayInput())

    def __init__(self, *args: Any, start: date, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start, self.today = start, today  # the project's start; its client's today

    def clean_completed_on(self) -> date:
        day: date = self.cleaned_data["completed_on"]
        if day > self.today:
            raise forms.ValidationError(_("A task cannot be done in the future."))
        if day < self.start:  # an earlier day than the item's own moves its added day back
            raise forms.ValidationError(
                _("A task cannot be done before the project's start (%(day)s).")
                % {"day": day_text(self.start)}
            )
        return day
