"""The weekly update: done, next, % complete, promised date, forecast, health and the chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from plazo.core.compose.chart import CHART_HEIGHT_PX, CHART_WIDTH_PX, render_timeline_png
from plazo.core.compose.common import (
    audience_for_client,
    base_problems,
    build_client_message,
    local_day,
)
from plazo.core.compose.envelope import sender_domain
from plazo.core.compose.headers import raise_if
from plazo.core.compose.inputs import Client, Contact, ForecastView, Organisation, Project, Updates
from plazo.core.compose.message import Attachment, Message

__all__ = ["compose_weekly_update"]


def compose_weekly_update(
    organisation: Organisation,
    client: Client,
    contacts: Sequence[Contact],
    project: Project,
    forecast: ForecastView,
    updates: Updates,
    *,
    sent_at: datetime,
    message_key: str | None = None,
    with_chart: bool = True,
) -> Message:
    """Compose one weekly update; ``message_key`` defaults to ``weekly-<ISO week>``."""
    raise_if(base_problems(organisation, project, client, contacts))
    audience = audience_for_client(client)
    today = local_day(sent_at, client.time_zone)
    year, week, _ = today.isocalendar()
    key = message_key or f"weekly-{year}-W{week:02d}"
    attachments: list[Attachment] = []
    chart_cid = None
    if with_chart:
        chart_cid = f"timeline.{key}.{project.key}@{sender_domain(organisation)}"
        png = render_timeline_png(
            project,
            forecast,
            language=audience.language,
            locale=audience.locale,
            formal=audience.formal,
        )
        attachments.append(Attachment("timeline.png", "image/png", png, content_id=chart_cid))
    return build_client_message(
        kind="weekly_update",
        organisation=organisation,
        client=client,
        contacts=contacts,
        project=project,
        sent_at=sent_at,
        message_key=key,
        audience=audience,
        context={
            "forecast": forecast,
            "health": str(forecast.health),
            "updates": updates,
            "chart_cid": chart_cid,
            "chart_width": CHART_WIDTH_PX,
            "chart_height": CHART_HEIGHT_PX,
        },
        attachments=attachments,
    )
