"""Add a webhook endpoint: its URL and the events it receives."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.store.models import WebhookEvent
from plazo.store.services.webhooks.endpoints import SUBSCRIBABLE_EVENTS

__all__ = ["EVENT_LABELS", "WebhookForm"]

EVENT_LABELS = {
    WebhookEvent.CASE_OPENED.value: _("a delay case was opened"),
    WebhookEvent.NOTICE_SENT.value: _("a delay notice was sent"),
    WebhookEvent.UPDATE_SENT.value: _("a weekly update was sent"),
    WebhookEvent.PING.value: _("a test ping"),
}


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("URL to post events to"),
        max_length=500,  # WebhookEndpoint.url
        assume_scheme="https",
        help_text=_(
            "An http:// or https:// address of your own tool; use https:// outside your network."
        ),
    )
    events = forms.MultipleChoiceField(
        label=_("Events it receives"),
        choices=[(event, EVENT_LABELS[event]) for event in SUBSCRIBABLE_EVENTS],
        initial=list(SUBSCRIBABLE_EVENTS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )
