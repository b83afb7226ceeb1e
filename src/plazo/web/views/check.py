"""``/check/``: check a message a person wrote, with the checker behind ``plazo check``.

Any member may use it. Nothing is stored: the text goes to :func:`plazo.core.check.check` and
the page shows the report (each element and warning found or not, as ``plazo check`` prints it,
the evidence marked in the message), as the delay review does for plazo's own draft.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from plazo.core.check import CheckError, CheckReport, check
from plazo.web.checker_result import report_rows
from plazo.web.forms.check import CheckMessageForm, oversized_form
from plazo.web.highlights import highlight
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["check_message", "check_too_large"]


def _problem_text(error: CheckError) -> str:
    """Why the checker could not read the message, in the reader's language."""
    if error.code == "empty":
        return _("There are no words to check in this message.")
    if error.code == "language":
        return _("The language of the message could not be told; choose Spanish or English above.")
    return str(error)


@never_cache  # the page holds the person's own text
@require_http_methods(["GET", "POST"])
@organisation_view
def check_message(request: OrganisationRequest) -> HttpResponse:
    """The form; a POST checks the text and shows the report under it."""
    form = CheckMessageForm(request.POST if request.method == "POST" else None)
    report: CheckReport | None = None
    if form.is_valid():
        text = form.cleaned_data["text"]
        try:
            report = check(text, lang=form.cleaned_data["lang"])
        except CheckError as error:
            form.add_error("text", _problem_text(error))
    context: dict[str, Any] = {"form": form, "report": report, "nav": "check"}
    if report is not None:
        context["elements"], context["warnings"] = report_rows(report)
        context["runs"] = highlight(text, report)
    return render(request, "plazo/check.html", context)


@never_cache
@organisation_view
def check_too_large(request: OrganisationRequest) -> HttpResponse:
    """The form again, after a paste larger than Django reads (``DATA_UPLOAD_MAX_MEMORY_SIZE``),
    with the limits in the text field's error: 413, never a bare 400 (see ``views.errors``)."""
    form = oversized_form(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    context: dict[str, Any] = {"form": form, "report": None, "nav": "check"}
    return render(request, "plazo/check.html", context, status=413)
