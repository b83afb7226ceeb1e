"""Work items: the quick add ("Title, 6h" per line), the inline edit and marking one done."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from plazo.store.models import WorkItemStatus, limits
from plazo.web.forms.widgets import DayInput
from plazo.web.templatetags.plazo import day as day_text

__all__ = ["DoneForm", "ItemEditForm", "QuickAddError", "QuickAddForm", "parse_quick_add"]

MAX_LINES = 200
HOURS_PER_DAY = Decimal(8)  # a day of estimate, as the tracker imports count it
_HOURS = Decimal("0.01")
# "Title, 6h", "Title; 1,5 h", "Title, 6 horas", "Title, 2 days", "Title, 2d", "Title, 90 min":
# the estimate is the number after the last separator, with an optional unit (hours when none).
_TAIL = re.compile(r"^(?P<title>.*?)\s*[,;]\s*(?P<estimate>\d+(?:[.,]\d+)?\s*[^\W\d_]*\.?)\s*$")
_LOOSE_TAIL = re.compile(r"^(?P<title>.*)[,;]\s*(?P<estimate>\d[^,;]*?)\s*$")  # "2 weeks", "3-4h"
_ESTIMATE = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[^\W\d_]*)\.?$")
_UNITS = {
    **dict.fromkeys(("", "h", "hr", "hrs", "hour", "hours", "hora", "horas", "hs"), Decimal(1)),
    **dict.fromkeys(("d", "day", "days", "día", "días", "dia", "dias"), HOURS_PER_DAY),
    **dict.fromkeys(
        ("m", "min", "mins", "minute", "minutes", "minuto", "minutos"), Decimal(1) / 60
    ),
}


class QuickAddError(ValueError):
    """Every line of a quick add that cannot be read, each named by its number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _estimate(text: str) -> Decimal | None:
    """Hours for "6", "6h", "1,5 h", "2 days", "2d", "1,5 días" or "90 min"; None if unreadable."""
    found = _ESTIMATE.match(text)
    if found is None:
        return None
    unit = _UNITS.get(found["unit"].lower())
    if unit is None:
        return None
    return (Decimal(found["number"].replace(",", ".")) * unit).quantize(_HOURS)


def parse_quick_add(text: str) -> list[tuple[str, Decimal | None]]:
    """One (title, estimate in hours) per non-blank line.

    A line whose last part after a comma or semicolon starts with a digit is an estimate; one
    that cannot be read ("2 weeks", "3 sprints") is refused with the line named, rather than
    kept in the title. :class:`QuickAddError` lists every bad line.
    """
    lines: list[tuple[str, Decimal | None]] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("-*•").strip()
        if not line:
            continue
        match = _TAIL.match(line) or _LOOSE_TAIL.match(line)
        title, estimate = line, None
        if match:
            title = match["title"].strip()
            estimate = _estimate(match["estimate"])
            if estimate is None:
                problems.append(
                    gettext(
                        "line %(number)d: “%(estimate)s” is not an estimate plazo can read; "
                        "write hours, days or minutes, such as 6h, 2 days or 90 min"
                    )
                    % {"number": number, "estimate": match["estimate"]}
                )
                continue
            if not Decimal("0") < estimate < Decimal("100000"):
                problems.append(
                    gettext("line %(number)d: the estimate must be more than 0 hours")
                    % {"number": number}
                )
                continue
        if not title:
            problems.append(gettext("line %(number)d: the title is empty") % {"number": number})
        elif len(title) > 300:
            problems.append(
                gettext("line %(number)d: the title is longer than 300 characters")
                % {"number": number}
            )
        else:
            lines.append((title, estimate))
    if problems:
        raise QuickAddError(problems)
    if len(lines) > MAX_LINES:
        raise QuickAddError([gettext("add at most %(count)d lines at once") % {"count": MAX_LINES}])
    return lines


class QuickAddForm(forms.Form):
    lines = forms.CharField(
        label=_("Add work items, one per line: 'Title, 6h'"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "After the last comma, the estimate: hours (6h, 1.5 h), days of 8 hours (2 days, "
            "2d) or minutes (90 min). A line without one is added unestimated."
        ),
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

    add_anyway = forms.BooleanField(
        label=_("Add them anyway"), required=False, widget=forms.HiddenInput
    )  # shown (a checkbox) once the lines are found in the plan already

    def __init__(self, *args: Any, start: date, today: date, **kwargs: Any) -> None:
        # The latest day is today, or the start of a project that has not started (its work is
        # in the plan since the start, ``Project.entry_day``): never before the earliest.
        latest = max(today, start)
        kwargs.setdefault("initial", {"added_on": latest})
        super().__init__(*args, **kwargs)
        self.start, self.today, self.latest = start, today, latest  # today: the client's
        lines = self.fields["lines"].widget
        lines.attrs["placeholder"] = gettext("Home page design, 6h\nContent migration, 2 days")
        widget = self.fields["added_on"].widget
        assert isinstance(widget, DayInput)
        widget.bound(earliest=start, latest=latest)
        if start > today:
            self.fields["added_on"].help_text = _(
                "The project starts on %(day)s: items added before then are in the plan since "
                "its start."
            ) % {"day": day_text(start)}

    def clean_added_on(self) -> date:
        day: date = self.cleaned_data["added_on"] or self.latest
        if day > self.latest:
            raise forms.ValidationError(_("Items cannot enter the plan in the future."))
        if day < self.start and self.start > self.today:
            raise forms.ValidationError(
                _(
                    "Items added before the project starts are in the plan since its start "
                    "(%(day)s)."
                )
                % {"day": day_text(self.start)}
            )
        if day < self.start:
            raise forms.ValidationError(
                _("Not before the project's start (%(day)s).") % {"day": day_text(self.start)}
            )
        return day

    def ask_to_confirm(self, titles: list[str]) -> None:
        """Refuse the lines that name open items already, until *Add them anyway* is ticked."""
        self.fields["add_anyway"].widget = forms.CheckboxInput()
        named = ", ".join(f"“{title}”" for title in titles)
        self.add_error(
            "add_anyway",
            ngettext(
                "Already in the plan, not done: %(titles)s. Tick “Add them anyway” to add it a "
                "second time.",
                "Already in the plan, not done: %(titles)s. Tick “Add them anyway” to add them "
                "a second time.",
                len(titles),
            )
            % {"titles": named},
        )

    def clean_lines(self) -> list[tuple[str, Decimal | None]]:
        try:
            parsed = parse_quick_add(self.cleaned_data["lines"])
        except QuickAddError as error:
            raise forms.ValidationError(error.problems) from None
        if not parsed:
            raise forms.ValidationError(_("Write at least one line."))
        return parsed


class ItemEditForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, validators=[limits.validate_text]
    )  # blank: unchanged (an older page posts no title)
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
        if day > self.today and self.start > self.today:
            # Work done before the project starts counts on its start (Project.entry_day).
            if day != self.start:
                raise forms.ValidationError(
                    _(
                        "The project starts on %(day)s: a task done before then counts as done "
                        "on its start."
                    )
                    % {"day": day_text(self.start)}
                )
            return day
        if day > self.today:
            raise forms.ValidationError(_("A task cannot be done in the future."))
        if day < self.start:  # an earlier day than the item's own moves its added day back
            raise forms.ValidationError(
                _("A task cannot be done before the project's start (%(day)s).")
                % {"day": day_text(self.start)}
            )
        return day
