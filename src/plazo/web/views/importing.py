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
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plazo.core.tracker.export_csv import (
    FIELDS,
    Mapping,
    header_of,
    remap,
    suggest,
)
from plazo.store.models import Project, Role
from plazo.store.services.importing import ImportRejected, Problem, import_text
from plazo.web.forms.importing import FIELD_LABELS, MappingForm, UploadForm
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
    projects = _projects(request)
    external_ids = Project.objects.for_organisation(request.organisation).exclude(external_id="")
    suggested = suggest(text, [*projects, *external_ids.values_list("external_id", flat=True)])
    initial = {f"map_{field}": column for field, column in suggested.columns.items()}
    initial["csv_text"] = text
    initial["estimate_unit"] = suggested.estimate_unit
    return MappingForm(data, header=header_of(text), projects=projects, initial=initial)


def _in_reading_language(problem: Problem) -> str:
    """What is wrong, in the page's language when the catalogue has it (else the import's
    English); empty for a problem with no catalogue entry and no detail. Another column the
    problem names (``other``: "must not be before added_on") is named by the label the page
    shows it under ("In the plan since"), as the problem's own column is."""
    if not problem.template:
        return problem.detail
    translated = gettext(problem.template)
    params = dict(problem.params)
    other = params.get("other")
    if isinstance(other, str) and other in FIELD_LABELS:
        params["other"] = str(FIELD_LABELS[other])
    return translated % params if params else translated


def _problem_lines(problems: list[Problem], columns: dict[str, str]) -> list[dict[str, object]]:
    """Each problem with the page's name for its column and the file's, e.g. "Done on
    (Resolved): …" instead of the import's ``completed_on: …``."""
    lines: list[dict[str, object]] = []
    for problem in problems:
        message = problem.message
        detail = _in_reading_language(problem)
        if not problem.field:
            message = detail or message
        elif detail:
            message = f"{problem.field}: {detail}"
        if problem.field in FIELD_LABELS:
            label = FIELD_LABELS[problem.field]
            column = columns.get(problem.field)
            named = (
                _("%(label)s (column “%(column)s”)") % {"label": label, "column": column}
                if column
                else str(label)
            )
            message = f"{named}: {detail or problem.detail}"
        lines.append({"line": problem.line, "message": message})
    return lines


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
            problems=_problem_lines(rejected.problems, mapping.columns),
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
