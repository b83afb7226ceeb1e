"""Review a delay notice: pick the date, state the facts, adjust the offer, preview, approve.

``/cases/<id>/`` shows the page (GET) and takes the form (POST ``action`` = preview, save or
approve); ``/cases/<id>/preview/`` is what HTMX calls as the owner types, and answers with the
live part of the page only. Both read the same draft and call the same store services.

``/cases/<id>/draft/`` keeps what the owner typed as the case's draft without a button: the page's
script posts the form to it a moment after typing stops and when the page is left (see
:func:`delay_case_autosave`), so facts typed and not yet sent are there on return.

``/cases/<id>/notice.html`` is the notice's HTML version alone, for the page's sandboxed frame:
the stored draft, or the draft in the query string (the form as last previewed). A frame written
inline (``srcdoc``) would inherit the page's policy, which refuses the e-mail's inline styles;
this response carries its own policy instead: inline styles, no script, nothing fetched.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plazo.core.errors import PlazoError
from plazo.core.policy.edits import (
    OfferEditError,
    OfferProblem,
    editable_offers,
    stored_offer_edits,
)
from plazo.store.models import DelayCase, DelayCaseState, MessageKind
from plazo.store.services.delays.cases import (
    CaseNotOpenError,
    IncompleteNoticeError,
    approve_notice,
)
from plazo.store.services.delays.draft import NoticeDraft, draft_from_case
from plazo.store.services.delays.fact_languages import MixedLanguageError
from plazo.store.services.delays.review import NoticeReview, review_notice, save_notice_draft
from plazo.web.checker_result import ELEMENT_LABELS
from plazo.web.highlights import highlight
from plazo.web.labels import LABELS
from plazo.web.review_form import (
    CAUSE_CATEGORY_LABELS,
    OFFER_KIND_LABELS,
    PRACTICE_LABELS,
    ParsedDraft,
    field_problem_text,
    offer_problem_text,
    parse_draft,
    posted_day,
)
from plazo.web.templatetags.plazo import day
from plazo.web.templatetags.plazo_ledger import money
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = [
    "NOTICE_HTML_POLICY",
    "delay_case",
    "delay_case_autosave",
    "delay_case_preview",
    "notice_html",
]

# The e-mail's own styles and pictures written into it; no script, no request, no form, framed
# by plazo's pages only, and sandboxed even if opened on its own.
NOTICE_HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)
# Form fields that are not the draft, never copied into the frame's address.
_NOT_DRAFT = ("csrfmiddlewaretoken", "action")


def _case(request: OrganisationRequest, case_id: int) -> DelayCase:
    """The case, only if it is the current organisation's: anything else is a 404."""
    cases = DelayCase.objects.for_organisation(request.organisation).select_related(
        "project__client", "project__organisation", "project__owner"
    )
    return get_object_or_404(cases, pk=case_id)


def _ui() -> str:
    """The reviewer's language (the page's), for the policy's explanation."""
    return (get_language() or "en")[:2]


def _today(case: DelayCase) -> date:
    """The day it is for the client, whose dates the promise is in."""
    return case.project.client_today(timezone.now())


def _context(
    review: NoticeReview,
    errors: tuple[str, ...] = (),
    offer_problems: tuple[OfferProblem, ...] = (),
    next_working_on: date | None = None,
) -> dict[str, Any]:
    """What the templates print: the review and its problems in the owner's words."""
    cap = money(review.cap, review.case.project.currency)
    # The same problem comes from the refused save or approval and from the page's own pricing:
    # say it once.
    problems = tuple(dict.fromkeys(offer_problems + review.offer_problems))
    return {
        "review": review,
        "case": review.case,
        "project": review.case.project,
        "errors": [*errors, *(offer_problem_text(p, cap) for p in problems)],
        "missing": [field_problem_text(p) for p in review.problems],
        "missing_fields": {p.field for p in review.problems},
        "runs": highlight(review.notice.text, review.report)
        if review.notice and review.report
        else [],
        "practices": [
            (
                PRACTICE_LABELS[name],
                [(ELEMENT_LABELS[e], e, _found(review, e, found)) for e, found in elements],
            )
            for name, elements in review.practices()
        ],
        "steps_text": "\n".join(review.draft.recovery_steps),
        "offer_rows": _offer_rows(review, problems),
        "offer_refused": bool(problems),
        "cap_text": str(review.cap),
        "editable": review.case.state == DelayCaseState.DRAFT,
        "next_working_on": next_working_on,  # the chosen date is not a working day
        "cause_category": review.draft.cause_category or review.case.cause_category,
        "cause_choices": [(value, str(label)) for value, label in CAUSE_CATEGORY_LABELS.items()],
        "date_history": _date_history(review),
        "confidence_target": float(review.case.project.confidence_target),
        **_language_context(review),
    }


_DATE_CHANGES = {
    2: gettext_lazy("Second change of date"),
    3: gettext_lazy("Third change of date"),
    4: gettext_lazy("Fourth change of date"),
    5: gettext_lazy("Fifth change of date"),
}


def _date_history(review: NoticeReview) -> str:
    """A re-slip's history in one line ("Second change of date: first promised 12 Feb 2027,
    then 19 Feb 2027"); empty for a first slip."""
    if not review.earlier_promised_on:
        return ""
    n = review.date_change
    heading = _DATE_CHANGES.get(n) or _("Change of date number %(n)d") % {"n": n}
    first, *later = review.promised_dates
    dates = [_("first promised %(day)s") % {"day": day(first)}]
    dates += [_("then %(day)s") % {"day": day(promised)} for promised in later]
    return f"{heading}: {', '.join(dates)}"


# The facts the notice quotes as typed, in the form's order (offers' wording come after).
_FACT_FIELDS = ("cause", "identified", "prevention", "recovery_steps", "ready_for_stake")


def _language_name(code: str) -> str:
    return str(LABELS["language"].get(code, code))


def _language_context(review: NoticeReview) -> dict[str, Any]:
    """Each fact's language note (empty when it is in the client's language) and the checker's
    summary of the facts in another language."""
    project = review.case.project
    notice_in = _language_name(project.client.language)
    foreign = {fact.field: fact.language for fact in review.foreign_facts}

    def note(field: str) -> str:
        if field not in foreign:
            return ""
        return _(
            "This reads as %(fact)s; the notice is in %(notice)s: the client will read it as typed."
        ) % {"fact": _language_name(foreign[field]), "notice": notice_in}

    fields = [f for f in _FACT_FIELDS if f != "ready_for_stake" or project.stake_on]
    return {
        "language_notes": {field: note(field) for field in fields},
        "offer_language_note": note,  # the offer rows take theirs by index
        "notice_language": notice_in,
        "foreign_languages": ", ".join(
            dict.fromkeys(_language_name(f.language) for f in review.foreign_facts)
        ),
        "own_language": _language_name(_ui()),
    }


def _found(review: NoticeReview, element: str, found: bool) -> bool | None:
    """Whether the checker found ``element``; None for a compensation nobody owes (the policy
    offers nothing for this delay and the owner added nothing)."""
    if element == "compensation" and not found and not review.offer_due and not review.offers:
        return None
    return found


def _offer_rows(
    review: NoticeReview, problems: tuple[OfferProblem, ...] = ()
) -> list[dict[str, Any]]:
    """The editable offers as form rows, holding the owner's edits while they still match.

    A row whose amount is refused is marked (``invalid``); a total above the cap marks them all.
    """
    bad = {p.index for p in problems if p.code != "kinds_changed"}
    project = review.case.project
    offers = editable_offers(review.decision, project.currency) if review.decision else ()
    edits = review.draft.offer_edits
    kept = [e.kind for e in edits] == [str(o.kind) for o in offers]
    return [
        {
            "kind": str(offer.kind),
            "kind_label": str(OFFER_KIND_LABELS.get(str(offer.kind), offer.kind)),
            "amount": str(edits[i].amount if kept else offer.amount),
            "description": edits[i].description if kept else offer.description,
            "policy_amount": str(offer.amount),
            "policy_description": offer.description,
            "invalid": i in bad or None in bad,
            "field": f"offer-{i}-description",
        }
        for i, offer in enumerate(offers)
    ]


def _html_src(case: DelayCase, posted: QueryDict | None = None) -> str:
    """The frame's address: the stored draft's HTML, or the posted draft's."""
    url = reverse("web:notice_html", args=[case.pk])
    if posted is None:
        return url
    draft = posted.copy()
    for name in _NOT_DRAFT:
        draft.pop(name, None)
    return f"{url}?{draft.urlencode()}" if draft else url


def _posted_choices(request: OrganisationRequest, context: dict[str, Any]) -> None:
    """Keep the page's own ticks as posted: the facts' languages confirmed, the owner's-language
    version shown (both are redrawn with each preview)."""
    context["language_confirmed"] = request.POST.get("confirm_language") == "yes"
    context["show_own"] = request.POST.get("show_own") == "yes"
    for row in context.get("offer_rows", []):
        row["language_note"] = context["offer_language_note"](row["field"])


def _page(request: OrganisationRequest, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("html_src", _html_src(context["case"]))
    context["submitted"] = request.method == "POST"  # mark the fields still missing facts
    _posted_choices(request, context)
    if not context["editable"]:
        sent = context["case"].messages.filter(kind=MessageKind.DELAY_NOTICE)
        context["sent"] = sent.order_by("-created_at", "-pk").first()
    return render(request, "plazo/notice_review.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def delay_case(request: OrganisationRequest, case_id: int) -> HttpResponse:
    """The review page; POST previews, saves or approves the draft in the form."""
    case = _case(request, case_id)
    if request.method == "GET":
        return _page(
            request,
            _context(
                review_notice(case, draft_from_case(case), now=timezone.now(), explain_in=_ui())
            ),
        )
    if case.state != DelayCaseState.DRAFT:
        messages.error(request, _("This delay case is no longer a draft; nothing changed."))
        return redirect("web:delay_case", case_id=case.pk)
    parsed = parse_draft(case, request.POST, today=_today(case))
    action = request.POST.get("action", "preview")
    if action == "recommend":  # back to the forecast's date, which the draft follows again
        try:
            _keep(case, replace(parsed.draft, new_on=None), keep_date=True)
        except CaseNotOpenError:
            messages.error(request, _("This delay case is no longer a draft; nothing changed."))
        else:
            messages.success(request, _("The notice's date is the recommended one again."))
        return redirect("web:delay_case", case_id=case.pk)
    if parsed.errors or parsed.offer_problems or action not in ("save", "approve"):
        return _review_page(request, case, parsed)
    try:
        if action == "save":
            save_notice_draft(case, parsed.draft, now=timezone.now())
        else:
            approved = approve_notice(
                case,
                parsed.draft,
                now=timezone.now(),
                approved_by=request.user,
                other_language_confirmed=request.POST.get("confirm_language") == "yes",
                warn_in=_ui(),
            )
    except OfferEditError as error:
        return _review_page(request, case, parsed, offer_problems=error.problems)
    except IncompleteNoticeError:
        return _review_page(request, case, parsed, (_("The notice is not complete yet."),))
    except MixedLanguageError as error:
        text = _(
            "Not sent: some facts are not in %(language)s. Rewrite them in %(language)s, or tick "
            "“Send them as typed” to send them as they are."
        ) % {"language": _language_name(error.language)}
        return _review_page(request, case, parsed, (text,))
    except PlazoError as error:
        return _review_page(request, case, parsed, (str(error),))
    if action == "save":
        messages.success(request, _("The draft is saved; nothing was sent."))
        return redirect("web:delay_case", case_id=case.pk)
    messages.success(
        request,
        _("The delay notice is queued: “%(subject)s”.") % {"subject": approved.notice.subject},
    )
    for warning in approved.warnings:
        messages.warning(request, warning)
    return redirect("web:project", project_id=case.project_id)


def _review_page(
    request: OrganisationRequest,
    case: DelayCase,
    parsed: ParsedDraft,
    errors: tuple[str, ...] = (),
    offer_problems: tuple[OfferProblem, ...] = (),
) -> HttpResponse:
    """The page for the posted draft: reviewed only when it is shown (never before a save)."""
    review = review_notice(case, parsed.draft, now=timezone.now(), explain_in=_ui())
    context = _context(
        review,
        (*parsed.errors, *errors),
        (*parsed.offer_problems, *offer_problems),
        parsed.next_working_on,
    )
    context["html_src"] = _html_src(case, request.POST)
    return _page(request, context)


@require_POST
@organisation_view
def delay_case_preview(request: OrganisationRequest, case_id: int) -> HttpResponse:
    """The live part of the review for the draft in the form (HTMX); nothing is written."""
    case = _case(request, case_id)
    parsed = parse_draft(case, request.POST, today=_today(case))
    review = review_notice(case, parsed.draft, now=timezone.now(), explain_in=_ui())
    context = _context(review, parsed.errors, parsed.offer_problems, parsed.next_working_on)
    context["oob"] = _moved(request, parsed.draft.new_on) or _cause_changed(request, parsed)
    context["live"] = True  # the stake check above the date is redrawn too
    context["html_src"] = _html_src(case, request.POST)
    _posted_choices(request, context)
    return render(request, "plazo/_notice_review_live.html", context)


@require_POST
@organisation_view
def delay_case_autosave(request: OrganisationRequest, case_id: int) -> HttpResponse:
    """Keep the form as the case's draft, as *Save draft* does, but never refuse the facts.

    The page's script calls it as the owner types and when the page is left (a beacon), so what
    was typed is there on return. The date is not kept: trying a date in the field or on the
    slider shows its chance, and only *Save draft* or *Approve* make it the notice's date (a
    date tried and left behind would otherwise become the promise, and set the offer, with
    nobody having chosen it). What cannot be kept as typed keeps its saved value instead of
    losing the rest: offer amounts that are not numbers or break the caps. Answers 204; 409 once
    the case is no longer a draft (approved or discarded in another tab), changing nothing.
    """
    case = _case(request, case_id)
    if case.state != DelayCaseState.DRAFT:
        return HttpResponse(status=409)
    parsed = parse_draft(case, request.POST, today=_today(case))
    draft = parsed.draft
    if parsed.next_working_on is not None:  # a weekend or a holiday cannot price the offer
        draft = replace(draft, new_on=draft_from_case(case).new_on)
    if parsed.offer_problems:
        draft = replace(draft, offer_edits=stored_offer_edits(case.offer_edits))
    try:
        _keep(case, draft)
    except CaseNotOpenError:
        return HttpResponse(status=409)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _keep(case: DelayCase, draft: NoticeDraft, *, keep_date: bool = False) -> None:
    """Save ``draft`` (its date only with ``keep_date``); offer edits the caps refuse fall back
    to the saved ones, then to none."""
    for edits in (draft.offer_edits, stored_offer_edits(case.offer_edits), ()):
        try:
            save_notice_draft(
                case, replace(draft, offer_edits=edits), now=timezone.now(), keep_date=keep_date
            )
        except OfferEditError:
            continue
        return


def _moved(request: OrganisationRequest, chosen: date | None) -> str:
    """Which date control the page must redraw: the other one than the owner moved, or none."""
    if chosen == posted_day(request.POST, "shown_on"):
        return ""
    return "slider" if chosen == posted_day(request.POST, "new_on") else "date"


def _cause_changed(request: OrganisationRequest, parsed: ParsedDraft) -> str:
    """ "cause" when the owner chose another cause than the page showed: the policy's offer (and
    so the offer rows) may change with it; else nothing to redraw."""
    shown = request.POST.get("shown_cause_category", "")
    chosen = parsed.draft.cause_category
    return "cause" if chosen and shown and chosen != shown else ""


@require_GET
@xframe_options_sameorigin
@organisation_view
def notice_html(request: OrganisationRequest, case_id: int) -> HttpResponse:
    """The notice's HTML version alone, under its own policy; nothing is written.

    Another organisation's case is a 404, as on the page. With no draft in the query string
    it is the stored draft; a notice that cannot be written yet is an empty 404.
    """
    case = _case(request, case_id)
    if request.GET:
        draft = parse_draft(case, request.GET, today=_today(case)).draft
    else:
        draft = draft_from_case(case)
    review = review_notice(case, draft, now=timezone.now(), explain_in=_ui())
    if review.notice is None:
        response = HttpResponse(status=404, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(review.notice.html, content_type="text/html; charset=utf-8")
    # django-csp leaves a policy the view set alone: this one replaces the page's.
    response["Content-Security-Policy"] = NOTICE_HTML_POLICY
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
