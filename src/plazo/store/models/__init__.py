"""plazo's domain model (DESIGN §4) as Django models; every row belongs to one organisation."""

from plazo.store.models.api_token import ApiToken
from plazo.store.models.checkin_claim import CheckinClaim
from plazo.store.models.checkin_decision import CheckinDecision, CheckinDecisionKind
from plazo.store.models.choices import (
    CauseCategory,
    CommitmentOutcome,
    DelayCaseState,
    DelayTrigger,
    ForecastMode,
    Language,
    MessageKind,
    MessageState,
    OfferKind,
    OfferState,
    ProjectStatus,
    Register,
    Role,
    WorkItemStatus,
)
from plazo.store.models.client import Client, Contact
from plazo.store.models.commitment import Commitment, PromiseEvent, PromiseEventKind
from plazo.store.models.delay import OPEN_CASE_STATES, DelayCase, Offer
from plazo.store.models.forecast import Forecast
from plazo.store.models.login_throttle import LoginThrottle
from plazo.store.models.message import Message
from plazo.store.models.organisation import Membership, Organisation
from plazo.store.models.project import Project
from plazo.store.models.scoping import OrganisationQuerySet, TenantModel
from plazo.store.models.status_page import StatusPage, new_status_token
from plazo.store.models.webhook import (
    WebhookDelivery,
    WebhookDeliveryState,
    WebhookEndpoint,
    WebhookEvent,
    new_webhook_secret,
)
from plazo.store.models.work import WorkItem

__all__ = [
    "OPEN_CASE_STATES",
    "ApiToken",
    "CauseCategory",
    "CheckinClaim",
    "CheckinDecision",
    "CheckinDecisionKind",
    "Client",
    "Commitment",
    "CommitmentOutcome",
    "Contact",
    "DelayCase",
    "DelayCaseState",
    "DelayTrigger",
    "Forecast",
    "ForecastMode",
    "Language",
    "LoginThrottle",
    "Membership",
    "Message",
    "MessageKind",
    "MessageState",
    "Offer",
    "OfferKind",
    "OfferState",
    "Organisation",
    "OrganisationQuerySet",
    "Project",
    "ProjectStatus",
    "PromiseEvent",
    "PromiseEventKind",
    "Register",
    "Role",
    "StatusPage",
    "TenantModel",
    "WebhookDelivery",
    "WebhookDeliveryState",
    "WebhookEndpoint",
    "WebhookEvent",
    "WorkItem",
    "WorkItemStatus",
    "new_status_token",
    "new_webhook_secret",
]
