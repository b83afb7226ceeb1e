"""What a page says after an edit re-forecast the project: the new numbers, or that none moved."""

from __future__ import annotations

from django.utils.translation import gettext as _

from plazo.store.models import Forecast, ProjectStatus
from plazo.store.services.editing.dashboard import Refreshed
from plazo.web.templatetags.plazo import day, percent

__all__ = ["forecast_sentence"]


def forecast_sentence(refreshed: Refreshed, *, before: Forecast | None) -> str:
    """One sentence: re-forecast before this page answered, P85 and the chance of the promise."""
    forecast = refreshed.forecast
    if forecast is None and refreshed.project.status == ProjectStatus.ACTIVE:
        return _("No forecast yet: add the project's tasks to get one.")
    if forecast is None:
        return _("The project is not active, so it was not re-forecast.")
    p85 = day(forecast.finish_p85_on) or "—"
    if before is not None and forecast.pk == before.pk:
        sentence = _("Forecast re-checked before this page answered: unchanged (P85 %(p85)s).") % {
            "p85": p85
        }
    else:
        sentence = _("Forecast updated before this page answered: P85 finish %(p85)s.") % {
            "p85": p85
        }
    if forecast.p_on_time is not None and refreshed.project.promised_on is not None:
        sentence += " " + _("%(chance)s likely by the promised date.") % {
            "chance": percent(forecast.p_on_time)
        }
    if refreshed.opened is not None:
        sentence += " " + _("The promise is in danger: a delay case was opened for your review.")
    return sentence
