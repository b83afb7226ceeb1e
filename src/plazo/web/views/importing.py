"""``/import/``: an owner imports work items from a tracker's CSV export, without a terminal.

1. Upload the CSV; the page shows the columns found and guesses which is which.
2. The person maps plazo's fields (title, project or one project for every row, estimate and its
   unit, done date, status, id…) and previews: a dry run of the import shows the rows as plazo
   reads them and every problem, by line.
3. *Import* runs the same service as ``plazo import FILE --kind items``
   (``plazo.store.services.importing.import_text``): all or nothing, matched by id on a second
   run. The file travels in the form (a hidden field), so nothing is kept between steps.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plazo.store.models import Project, Role
from plazo.store.services.importing import ImportRejected, import_text
from plazo.web.forms.importing import FIELD_LABELS, MappingForm, UploadForm
from plazo.web.import_mapping import FIELDS, Mapping, guess, header_of, remap
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["import_items"]

_PREVIEW_ROWS = 20


def _is_owner(request: OrganisationRequest) -> bool:
    mine = next(m for m in request.memberships if m.organisation_id == request.organisation.pk)
    return mine.role == Role.OWNER


def _projects(request: OrganisationRequest) -> list[str]:
    projects = Project.objects.for_organisation(request.organisation).order_by("name")
    return list(projects.values_list("name", flat=True))


def _page(request: OrganisationRequest, status: int = 200, **context: object) -> HttpResponse:
    context.setdefault("upload", UploadForm())
    context["nav"] = "settings"
    context["organisation"] = request.organisation
    return render(request, "plazo/import.html", context, status=status)


def _mapping_form(
    request: OrganisationRequest, text: str, data: dict[str, str] | None = None
) -> MappingForm:
    header = header_of(text)
    initial = {f"map_{field}": column for field, column in guess(header).items()}
    initial["csv_text"] = text
    return MappingForm(data, header=header, projects=_projects(request), initial=initial)


def _preview_rows(text: str) -> tuple[list[str], list[list[tuple[str, str]]], int]:
    """The re-headed file's column labels, its first rows as (label, value) and its row count."""
    records = [r for r in csv.reader(io.StringIO(text)) if any(v.strip() for v in r)]
    if not records:
        return [], [], 0
    header = [str(FIELD_LABELS.get(name, name)) for name in records[0]]
    rows = [list(zip(header, record, strict=False)) for record in records[1 : _PREVIEW_ROWS + 1]]
    return header, rows, len(records) - 1


@require_http_methods(["GET", "POST"])
@organisation_view
def import_items(request: OrganisationRequest) -> HttpResponse:
    """Upload, map and preview, then import (owners only)."""
    if not _is_owner(request):
        return _page(request, status=403, refused=True)
    if request.method == "GET":
        return _page(request)
    step = request.POST.get("step", "upload")
    if step == "upload":
        upload = UploadForm(request.POST, request.FILES)
        if not upload.is_valid():
            return _page(request, status=422, upload=upload)
        text = upload.cleaned_data["file"]
        if not header_of(text):
            upload.add_error("file", _("The file is empty."))
            return _page(request, status=422, upload=upload)
        return _page(request, mapping=_mapping_form(request, text), columns=header_of(text))
    text = request.POST.get("csv_text", "")
    form = _mapping_form(request, text, request.POST)
    if not form.is_valid():
        return _page(request, status=422, mapping=form, columns=header_of(text))
    data = form.cleaned_data
    mapping = Mapping(
        columns={field: data[f"map_{field}"] for field in FIELDS if data[f"map_{field}"]},
        project=data["project_for_all"],
        estimate_unit=data["estimate_unit"],
    )
    items = remap(text, mapping)
    dry_run = step != "import"
    try:
        report = import_text(
            request.organisation,
            "items",
            items,
            "csv",
            source="upload.csv",
            now=timezone.now(),
            dry_run=dry_run,
        )
    except ImportRejected as rejected:
        return _page(
            request,
            status=422,
            mapping=form,
            columns=header_of(text),
            problems=rejected.problems,
            preview=_preview_rows(items),
        )
    if dry_run:
        return _page(
            request,
            mapping=form,
            columns=header_of(text),
            report=report,
            counts={
                "created": sum(report.created.values()),
                "updated": sum(report.updated.values()),
                "unchanged": sum(report.unchanged.values()),
            },
            preview=_preview_rows(items),
        )
    messages.success(
        request,
        _("Imported: %(created)d tasks added, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "created": sum(report.created.values()),
            "updated": sum(report.updated.values()),
            "unchanged": sum(report.unchanged.values()),
        },
    )
    answer = redirect("web:portfolio")
    answer.status_code = 303
    return answer
