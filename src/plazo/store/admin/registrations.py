"""Model admins: lists an owner can scan, forms that keep rows inside one organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.forms import (
    BaseInlineFormSet,
    CheckboxSelectMultiple,
    ModelForm,
    MultipleChoiceField,
    URLField,
)
from django.http import HttpRequest
from django.utils import timezone

from plazo.core.policy import PolicyError, load_policy
from plazo.store.admin.actions import (
    accept_offers,
    apply_offers,
    approve_and_send_notices,
    decline_offers,
)
from plazo.store.admin.scoped import ScopedAdmin, ScopedInline, member_organisations
from plazo.store.models import (
    ApiToken,
    Client,
    Commitment,
    Contact,
    DelayCase,
    Forecast,
    Membership,
    Message,
    Offer,
    Organisation,
    Project,
    WebhookDelivery,
    WebhookEndpoint,
    WorkItem,
)
from plazo.store.services.webhooks.endpoints import (
    SUBSCRIBABLE_EVENTS,
    WebhookEndpointError,
    check_endpoint_url,
)


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationForm(ModelForm[Organisation]):
    """Refuses a compensation policy that does not load, with its line-numbered errors."""

    class Meta:
        model = Organisation
        fields = [
            "name", "slug", "language", "currency", "country", "time_zone", "sender_email",
            "policy_toml", "send_updates_automatically",
        ]  # fmt: skip

    def clean_policy_toml(self) -> str:
        text: str = self.cleaned_data["policy_toml"]
        if text.strip():
            try:
                load_policy(text, source="policy")
            except PolicyError as error:
                raise ValidationError([issue.format("line") for issue in error.errors]) from error
        return text


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = OrganisationForm
    list_display = ["name", "slug", "language", "currency", "country", "time_zone"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        return member_organisations(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff) and member_organisations(request).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (
            obj is None or member_organisations(request).filter(pk=obj.pk).exists()
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)


class TenantAdmin(ScopedAdmin):
    """Fills the organisation of inline rows from their parent."""

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        for inline_form in formset.forms:
            if (
                hasattr(inline_form.instance, "organisation_id")
                and not inline_form.instance.organisation_id
            ):
                inline_form.instance.organisation_id = form.instance.organisation_id
        super().save_formset(request, form, formset, change)


class ContactInline(ScopedInline):
    model = Contact
    fields = ["name", "first_name", "salutation", "email", "is_primary"]


@admin.register(Client)
class ClientAdmin(TenantAdmin):
    list_display = ["name", "organisation", "language", "register", "time_zone", "tier"]
    list_filter = ["language", "register", "tier"]
    search_fields = ["name"]
    inlines = [ContactInline]


class WorkItemInline(ScopedInline):
    model = WorkItem
    fields = [
        "title",
        "status",
        "estimate_hours",
        "actual_hours",
        "estimator",
        "added_on",
        "completed_on",
    ]


@admin.register(Project)
class ProjectAdmin(TenantAdmin):
    list_display = ["name", "client", "status", "promised_on", "stake_on", "value", "currency"]
    list_filter = ["status", "client"]
    search_fields = ["name", "client__name", "stake"]
    readonly_fields = ["promised_on"]
    inlines = [WorkItemInline]


@admin.register(WorkItem)
class WorkItemAdmin(TenantAdmin):
    list_display = [
        "title",
        "project",
        "status",
        "estimate_hours",
        "actual_hours",
        "estimator",
        "completed_on",
    ]
    list_filter = ["status", "estimator"]
    search_fields = ["title", "project__name"]


class ReadOnlyAdmin(TenantAdmin):
    """Rows written only by plazo's services (history, ledger): viewable, never edited here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Forecast)
class ForecastAdmin(ReadOnlyAdmin):
    list_display = ["project", "created_at", "model", "finish_p50_on", "finish_p85_on", "p_on_time"]
    list_filter = ["model"]
    date_hierarchy = "created_at"


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["project", "promised_on", "made_at", "made_to", "is_current", "outcome"]
    list_filter = ["outcome", "is_current"]


@admin.register(DelayCase)
class DelayCaseAdmin(TenantAdmin):
    list_display = ["project", "state", "trigger", "opened_at", "recommended_on", "chosen_on"]
    list_filter = ["state", "trigger", "cause_category"]
    readonly_fields = ["state", "recommended_on", "previous_promised_on", "forecast"]
    actions = [approve_and_send_notices]


@admin.register(Offer)
class OfferAdmin(TenantAdmin):
    list_display = ["project", "kind", "amount", "currency", "state", "offered_at"]
    list_filter = ["kind", "state"]
    readonly_fields = ["state", "decided_at", "applied_at", "applied_amount"]
    actions = [accept_offers, decline_offers, apply_offers]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "project", "kind", "language", "state", "attempts", "created_at"]
    list_filter = ["kind", "state", "language"]
    search_fields = ["subject", "idempotency_key"]
    exclude = ["mime"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "organisation", "created_at", "last_used_at", "revoked_at"]
    exclude = ["digest"]


class WebhookEndpointForm(ModelForm[WebhookEndpoint]):
    """Events as checkboxes of the subscribable ones, so a typo cannot subscribe to nothing."""

    url = URLField(
        max_length=500, assume_scheme="https", validators=[URLValidator(schemes=["http", "https"])]
    )
    events = MultipleChoiceField(
        choices=[(event, event) for event in SUBSCRIBABLE_EVENTS], widget=CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["organisation", "url", "events", "active"]

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        try:
            check_endpoint_url(url)
        except WebhookEndpointError as error:
            raise ValidationError(str(error)) from None
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(TenantAdmin):
    """Endpoints are edited here; the secret is generated on save and shown on the change page."""

    form = WebhookEndpointForm
    list_display = ["url", "organisation", "events", "active", "created_at"]
    list_filter = ["active"]
    readonly_fields = ["secret", "created_at"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = ["organisation", "url", "events", "active"]
        return fields if obj is None else [*fields, "secret", "created_at"]

    def save_model(
        self, request: HttpRequest, obj: WebhookEndpoint, form: ModelForm[Any], change: bool
    ) -> None:
        if not change:
            obj.created_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "created_at",
        "sent_at",
    ]
    list_filter = ["event", "state"]
    search_fields = ["event_id", "endpoint__url"]
