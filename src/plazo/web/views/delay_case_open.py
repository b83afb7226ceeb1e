"""Open a delay case by hand, after a confirmation; discard a draft case.

``GET /projects/<id>/delay-case/`` says what opening a case does (and whether the forecast sees a
delay at all) and asks to confirm; ``POST`` opens it (:func:`open_case`) and leads to its
review. ``POST /cases/<id>/discard/`` cancels a draft with a reason (:func:`discard_draft_case`); an
approved or sent case cannot be discarded: its notice went to the client.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plazo.store.models import DelayCase, Project
from plazo.store.services.delays.discard import CaseNotDiscardable
from plazo.store.services.delays.manual import CaseNotOpened
from plazo.store.services.editing.cases import discard_draft_case, open_case
from plazo.store.services.pages.project import project_page
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["discard_delay_case", "open_delay_case"]


@require_http_methods(["GET", "POST"])
@organisation_view
def open_delay_case(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Confirm (GET), then open a delay case by hand (POST): a person knows of a delay before
    the forecast does."""
    projects = Project.objects.for_organisation(request.organisation).select_related("client")
    project = get_object_or_404(projects, pk=project_id)
    if request.method == "GET":
        page = project_page(project, now=timezone.now())
        if page.open_case is not None:
            return redirect("web:delay_case", case_id=page.open_case.pk)
        return render(request, "plazo/delay_case_open.html", {"page": page})
    try:
        case = open_case(project, now=timezone.now())
    except CaseNotOpened as error:
        messages.error(request, str(error))
        return redirect("web:project", project_id=project.pk)
    return redirect("web:delay_case", case_id=case.pk)


@require_POST
@organisation_view
def discard_delay_case(request: OrganisationRequest, case_id: int) -> HttpResponse:
    """Discard the draft case with the reason given; nothing is sent to the client."""
    cases = DelayCase.objects.for_organisation(request.organisation)
    case = get_object_or_404(cases, pk=case_id)
    reason = request.POST.get("reason", "")
    if not reason.strip():
        messages.error(request, _("Say why the draft is discarded; nothing changed."))
        return redirect("web:delay_case", case_id=case.pk)
    try:
        discard_draft_case(case, reason=reason, now=timezone.now())
    except CaseNotDiscardable:
        messages.error(request, _("Only a draft can be discarded; its notice went to the client."))
        return redirect("web:delay_case", case_id=case.pk)
    messages.success(request, _("The draft delay case was discarded; nothing was sent."))
    return redirect("web:project", project_id=case.project_id)
