"""The message composer: weekly updates, delay notices, delivered, owner alerts and invitations.

Pure: templates per language under ``templates/<lang>/``, Babel for dates and money, Pillow for the
timeline chart, icalendar for the moved delivery event. Time is an argument (``sent_at``).
"""

from plazo.core.compose.chart import render_timeline_png
from plazo.core.compose.delay_notice import compose_delay_notice
from plazo.core.compose.delivered import compose_delivered
from plazo.core.compose.delivery_failed import compose_delivery_failed
from plazo.core.compose.errors import ComposeError
from plazo.core.compose.formats import supported_languages
from plazo.core.compose.inputs import (
    BurnUp,
    Cause,
    Client,
    Contact,
    DateSupport,
    DelayCase,
    ForecastBasis,
    ForecastView,
    Offer,
    OfferKind,
    Organisation,
    Project,
    Register,
    Updates,
)
from plazo.core.compose.invitation import compose_invitation
from plazo.core.compose.message import Attachment, Message
from plazo.core.compose.owner_alert import compose_owner_alert
from plazo.core.compose.password_reset import compose_password_reset
from plazo.core.compose.weekly_update import compose_weekly_update

__all__ = [
    "Attachment",
    "BurnUp",
    "Cause",
    "Client",
    "ComposeError",
    "Contact",
    "DateSupport",
    "DelayCase",
    "ForecastBasis",
    "ForecastView",
    "Message",
    "Offer",
    "OfferKind",
    "Organisation",
    "Project",
    "Register",
    "Updates",
    "compose_delay_notice",
    "compose_delivered",
    "compose_delivery_failed",
    "compose_invitation",
    "compose_owner_alert",
    "compose_password_reset",
    "compose_weekly_update",
    "render_timeline_png",
    "supported_languages",
]
