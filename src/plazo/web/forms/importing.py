"""Import work items from a tracker's CSV export: the file, then which column is which."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.core.tracker.export_csv import FIELDS, MAX_BYTES

__all__ = ["FIELD_LABELS", "MappingForm", "UploadForm"]

FIELD_LABELS = {
    "title": _("Title"),
    "project": _("Project"),
    "estimate_hours": _("Estimate"),
    "completed_on": _("Done on"),
    "status": _("Status"),
    "external_id": _("Id in the tracker"),
    "actual_hours": _("Hours it took"),
    "added_on": _("In the plan since"),
    "started_on": _("Started on"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file exported from your tracker"),
        help_text=_("UTF-8 text with a header row, up to 500 KB."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 500 KB."))
        try:
            text: str = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text; export it again as CSV (UTF-8).")
            ) from None
        return text


class MappingForm(forms.Form):
    """One select per plazo field, offering the file's columns; the file travels along."""

    csv_text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES)
    project_for_all = forms.ChoiceField(
        label=_("Project for every row"),
        required=False,
        help_text=_("Used when no column names the project."),
    )
    estimate_unit = forms.ChoiceField(
        label=_("The estimates are in"),
        choices=[
            ("hours", _("hours")),
            ("days", _("days of 8 hours")),
            ("minutes", _("minutes")),
            ("seconds", _("seconds (Jira's time tracking)")),
        ],
        initial="hours",
        help_text=_("Also for the hours it took."),
    )

    def __init__(self, *args: Any, header: list[str], projects: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in the file —")), *((name, name) for name in header if name)]
        for field in FIELDS:
            self.fields[f"map_{field}"] = forms.ChoiceField(
                label=FIELD_LABELS[field], choices=columns, required=False
            )
        project = self.fields["project_for_all"]
        assert isinstance(project, forms.ChoiceField)
        project.choices = [("", _("— from a column —")), *((p, p) for p in projects)]

    def mapped_fields(self) -> list[forms.BoundField]:
        return [self[f"map_{field}"] for field in FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get(f"map_{field}") for field in FIELDS]
        if not data.get("map_title"):
            self.add_error("map_title", _("Choose the column that holds each task's title."))
        if not data.get("map_project") and not data.get("project_for_all"):
            self.add_error(
                "project_for_all",
                _("Choose a project for every row, or the column that names each row's project."),
            )
        picked = [c for c in chosen if c]
        if len(picked) != len(set(picked)):
            raise forms.ValidationError(_("Each column of the file can be used once."))
        return data
