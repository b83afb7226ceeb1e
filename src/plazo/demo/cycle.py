"""One whole cycle on the demo portfolio: forecast, risk, notice, weekly updates, delivery."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from plazo.store.models import (
    DelayCase,
    DelayCaseState,
    Message,
    Organisation,
    Project,
    StatusPage,
)
from plazo.store.services.access.status_pages import ensure_status_page
from plazo.store.services.checkins.week import decide_update
from plazo.store.services.checkins.weekly import UpdateNotWritten, queue_weekly_update
from plazo.store.services.delays.cases import open_case_if_at_risk
from plazo.store.services.delays.draft import NoticeDraft
from plazo.store.services.delays.review import save_notice_draft
from plazo.store.services.forecasting.run import reforecast_active
from plazo.worker.due import run_due_work

__all__ = ["DemoCycle", "run_demo_cycle"]

# What the owner of the at-risk project would type into the delay case, in the client's language.
PORTAL_CAUSE = (
    "la integración con el registro de acciones resultó más compleja de lo previsto: "
    "el proveedor cambió su interfaz a mitad del proyecto"
)
PORTAL_IDENTIFIED = (
    "son los cambios en la nueva interfaz del registro, y ya tenemos acceso a su entorno de pruebas"
)
PORTAL_PREVENTION = (
    "a partir de ahora validaremos cada integración externa con un prototipo en la primera "
    "semana del proyecto"
)
PORTAL_STEPS = (
    "dedicar a dos personas a la integración durante las próximas dos semanas",
    "adelantar en paralelo la migración de contenidos",
    "revisar el avance con ustedes cada viernes hasta la entrega",
)


@dataclass
class DemoCycle:
    """What this run did; all empty on a second run the same day."""

    forecasts_stored: int = 0
    cases_opened: list[DelayCase] = field(default_factory=list)
    to_review: list[DelayCase] = field(default_factory=list)  # drafts left for the newcomer
    notices: list[Message] = field(default_factory=list)
    updates: list[Message] = field(default_factory=list)
    delivered: list[int] = field(default_factory=list)
    status_page: StatusPage | None = None  # the at-risk project's client page
    awaiting_approval: list[str] = field(default_factory=list)  # drafts for the owner

    @property
    def changed(self) -> bool:
        return bool(
            self.forecasts_stored or self.cases_opened or self.notices or self.updates
            or self.delivered
        )  # fmt: skip


def run_demo_cycle(organisation: Organisation, *, today: date, now: datetime) -> DemoCycle:
    """Run the cycle the worker runs; the at-risk project's case is left for a person to review.

    The owner's facts are written into the draft (as a person would have typed them), and the
    project's weekly update is held until the notice is decided: once approved, the notice is
    that week's update. The newcomer then meets the review page and approves it.
    """
    cycle = DemoCycle()
    runs = reforecast_active(organisation, now=now)
    cycle.forecasts_stored = sum(run.stored for run in runs)
    for run in runs:
        if run.forecast is None:  # no work to forecast yet
            continue
        opened = open_case_if_at_risk(run.snapshot, run.forecast, now=now)
        if opened is not None:
            cycle.cases_opened.append(opened[0])
    drafts = DelayCase.objects.for_organisation(organisation).filter(
        state=DelayCaseState.DRAFT, project__name="Portal del inversor"
    )
    for case in drafts.select_related("project"):
        if case.recommended_on is not None and not case.cause:
            draft = NoticeDraft(
                new_on=case.recommended_on,
                cause=PORTAL_CAUSE,
                identified=PORTAL_IDENTIFIED,
                prevention=PORTAL_PREVENTION,
                recovery_steps=tuple(PORTAL_STEPS),
            )
            save_notice_draft(case, draft, now=now)
            decide_update(
                case.project, "hold", now=now, reason="until the delay notice is reviewed"
            )
        cycle.to_review.append(case)
    active = Project.objects.for_organisation(organisation).filter(status="active")
    for project in active.select_related("client").order_by("pk"):
        try:
            message, created = queue_weekly_update(project, now=now)
        except UpdateNotWritten:
            continue  # held while its delay notice waits for review
        if created:
            cycle.updates.append(message)
    cycle.delivered = run_due_work(now=now, rng=random.Random(0)).delivery.sent
    cycle.awaiting_approval = [
        f"{m.get_kind_display()}: {m.subject}"
        for m in Message.objects.for_organisation(organisation).filter(state="draft")
    ] + [
        f"delay case of {case.project.name}"
        for case in DelayCase.objects.for_organisation(organisation)
        .filter(state=DelayCaseState.DRAFT)
        .select_related("project")
    ]
    portal = (
        Project.objects.for_organisation(organisation).filter(name="Portal del inversor").first()
    )
    if portal is not None:
        cycle.status_page = ensure_status_page(portal, now=now)
    return cycle
