"""``/projects/<id>/items/``: quick add, inline edit, done with hours, reorder, remove and restore.

Every change re-forecasts the project before the page answers. With htmx a change swaps only
the item section (``#items``); without JavaScript each form posts and comes back to the page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.store.models import Project, WorkItem
from plazo.store.services.editing import dashboard
from plazo.store.services.work.progress import ProgressEventError
from plazo.store.services.work.records import RecordError
from plazo.web.forms.items import DoneForm, ItemEditForm, QuickAddForm
from plazo.web.templatetags.plazo import day
from plazo.web.tenancy import OrganisationRequest, organisation_view
from plazo.web.views.refreshed import forecast_sentence

__all__ = ["item_done", "item_edit", "item_move", "item_remove", "item_restore", "project_items"]


def _project(request: OrganisationRequest, project_id: int) -> Project:
    projects = Project.objects.for_organisation(request.organisation).select_related("client")
    return get_object_or_404(projects, pk=project_id)


def _item(request: OrganisationRequest, item_id: int) -> WorkItem:
    # The client comes along: every change works out the client's today.
    items = WorkItem.objects.for_organisation(request.organisation).select_related(
        "project__client"
    )
    return get_object_or_404(items, pk=item_id)


_ID_MARK = 987654321  # an id in no link's text but its own: each row link is split around it


def _row_links() -> dict[str, tuple[str, str]]:
    """Each item form's link, reversed once per table instead of twice per row: the text before
    and after the item's id (the ``with_id`` filter puts a row's id back in)."""
    links = {}
    for form in ("edit", "done", "move", "remove", "restore"):
        head, _, tail = reverse(f"web:item_{form}", args=[_ID_MARK]).partition(str(_ID_MARK))
        links[form] = (head, tail)
    return links


def _quick_add(project: Project, data: object = None) -> QuickAddForm:
    return QuickAddForm(data, start=project.start_on, today=project.client_today(timezone.now()))


def _context(
    project: Project,
    note: str = "",
    quick: QuickAddForm | None = None,
    error: str = "",
    error_item: int | None = None,
) -> dict[str, object]:
    # The plan first, in order; removed items after it (NULLs sort differently per database).
    items = list(
        project.work_items.order_by(F("removed_on").asc(nulls_first=True), "position", "pk")
    )
    return {
        "project": project,
        "items": items,
        "live": [i for i in items if i.removed_on is None],
        "forecast": project.forecasts.latest_run(),
        "quick": quick or _quick_add(project),
        "note": note,
        "error": error,
        "error_item": error_item,  # the row the error belongs to, shown under that row
        # The day a task is done on unless told otherwise, and the latest it can be: today, or
        # the start of a project that has not started (``Project.entry_day``).
        "done_day": project.entry_day(project.client_today(timezone.now())),
        "statuses": ItemEditForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        "links": _row_links(),
    }


def _answer(
    request: OrganisationRequest,
    project: Project,
    note: str,
    error: str = "",
    item: WorkItem | None = None,
) -> HttpResponse:
    """The item section alone for htmx; otherwise back to the page with the note.

    An error about one row is shown under that row (and focused), not above the page: htmx gets
    the section, a plain form post the page again (422; the form's ``#item-<id>`` anchor scrolls
    to the row).
    """
    row = item.pk if item is not None and error else None
    if request.headers.get("HX-Request"):
        context = _context(project, note, error=error, error_item=row)
        return render(request, "plazo/_items.html", context)
    if error:
        context = _context(project, error=error, error_item=row)
        return render(request, "plazo/items.html", context, status=422)
    if note:
        messages.info(request, note)
    return redirect("web:project_items", project_id=project.pk)


@organisation_view
def project_items(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """The page, and the quick add (POST): many items at once, "Title, 6h" per line."""
    project = _project(request, project_id)
    quick = _quick_add(project, request.POST or None)
    if request.method == "POST":
        if not quick.is_valid():
            return _quick_add_refused(request, project, quick)
        lines = quick.cleaned_data["lines"]
        titles = [title for title, _estimate in lines]
        repeated = dashboard.titles_already_open(project, titles)
        if repeated and not quick.cleaned_data["add_anyway"]:
            quick.ask_to_confirm(repeated)
            return _quick_add_refused(request, project, quick)
        before = project.forecasts.latest_run()
        refreshed = dashboard.add_items(
            project,
            lines,
            on=quick.cleaned_data["added_on"],
            now=timezone.now(),
        )
        return _answer(request, project, forecast_sentence(refreshed, before=before))
    return render(request, "plazo/items.html", _context(project))


def _quick_add_refused(
    request: OrganisationRequest, project: Project, quick: QuickAddForm
) -> HttpResponse:
    """The form again with what is wrong under its fields (the section alone for htmx)."""
    if request.headers.get("HX-Request"):
        return render(request, "plazo/_items.html", _context(project, quick=quick))
    return render(request, "plazo/items.html", _context(project, quick=quick), status=422)


def _change(
    request: OrganisationRequest, item: WorkItem, apply: Callable[[], dashboard.Refreshed]
) -> HttpResponse:
    before = item.project.forecasts.latest_run()
    try:
        refreshed = apply()
    except ProgressEventError as error:
        return _answer(request, item.project, "", error=_progress_error(error), item=item)
    except RecordError as error:
        return _answer(request, item.project, "", error=str(error), item=item)
    return _answer(request, item.project, forecast_sentence(refreshed, before=before))


@require_POST
@organisation_view
def item_edit(request: OrganisationRequest, item_id: int) -> HttpResponse:
    """Inline edit: title, estimate and status."""
    item = _item(request, item_id)
    form = ItemEditForm(request.POST)
    if not form.is_valid():
        return _answer(request, item.project, "", error=_errors(form), item=item)
    data = form.cleaned_data
    return _change(
        request,
        item,
        lambda: dashboard.change_item(
            item,
            estimate_hours=data["estimate_hours"],
            status=data["status"],
            now=timezone.now(),
            title=data["title"],
        ),
    )


@require_POST
@organisation_view
def item_done(request: OrganisationRequest, item_id: int) -> HttpResponse:
    """Mark done with the hours it took and the day."""
    item = _item(request, item_id)
    project = item.project
    form = DoneForm(
        request.POST, start=project.start_on, today=project.client_today(timezone.now())
    )
    if not form.is_valid():
        return _answer(request, item.project, "", error=_errors(form), item=item)
    data = form.cleaned_data
    return _change(
        request,
        item,
        lambda: dashboard.finish_item(
            item,
            on=data["completed_on"],
            actual_hours=data["actual_hours"],
            now=timezone.now(),
        ),
    )


@require_POST
@organisation_view
def item_move(request: OrganisationRequest, item_id: int) -> HttpResponse:
    """One place up or down the plan."""
    item = _item(request, item_id)
    up = request.POST.get("direction") != "down"
    return _change(request, item, lambda: dashboard.move_item(item, up=up, now=timezone.now()))


@require_POST
@organisation_view
def item_remove(request: OrganisationRequest, item_id: int) -> HttpResponse:
    """Out of scope today; the row stays, struck through, as a scope change."""
    item = _item(request, item_id)
    return _change(
        request,
        item,
        lambda: dashboard.remove_item(item, now=timezone.now()),
    )


@require_POST
@organisation_view
def item_restore(request: OrganisationRequest, item_id: int) -> HttpResponse:
    """Undo a removal: the task is back in the plan where it stood (removing stays one click)."""
    item = _item(request, item_id)
    return _change(request, item, lambda: dashboard.restore_item(item, now=timezone.now()))


def _progress_error(error: ProgressEventError) -> str:
    """The service's refusal in the page's language, naming the day it clashed with."""
    when = day(error.day) if error.day else ""
    texts = {
        "done_before_added": _("A task cannot be done before it entered the plan (%(day)s)."),
        "done_before_start": _("A task cannot be done before the project's start (%(day)s)."),
        "done_before_started": _("A task cannot be done before it was started (%(day)s)."),
        "removed_before_added": _("A task cannot leave the plan before it entered it (%(day)s)."),
        "removed_item": _("This task left the plan on %(day)s. Reload the page."),
        "no_item": _("This task is no longer in this project. Reload the page."),
    }
    text = texts.get(error.code)
    return text % {"day": when} if text else str(error)


def _errors(form: DoneForm | ItemEditForm) -> str:
    return " ".join(
        f"{form.fields[name].label}: {' '.join(str(e) for e in errs)}"
        for name, errs in form.errors.items()
    )
