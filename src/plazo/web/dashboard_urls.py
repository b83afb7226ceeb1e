"""The dashboard's and the status page's URLs (namespace ``web``)."""

from django.urls import path

from plazo.web.views import (
    api_tokens,
    auth,
    check,
    clients,
    delay_case_open,
    delivery,
    items,
    ledger,
    members,
    notice_review,
    organisation,
    outbox,
    portfolio,
    project,
    project_edit,
    setup,
    status,
    webhooks,
    week,
)
from plazo.web.views.invitation import InvitationView

app_name = "web"

urlpatterns = [
    path("", portfolio.portfolio, name="portfolio"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("organisation/", auth.switch_organisation, name="switch_organisation"),
    path("setup/", setup.setup, name="setup"),
    path("clients/", clients.client_list, name="clients"),
    path("clients/new/", clients.client_new, name="client_new"),
    path("clients/<int:client_id>/", clients.client_detail, name="client"),
    path("clients/<int:client_id>/contacts/", clients.client_contact_add, name="contact_add"),
    path("contacts/<int:contact_id>/remove/", clients.client_contact_remove, name="contact_remove"),
    path("members/", members.members, name="members"),
    path("settings/", organisation.organisation_settings, name="organisation_settings"),
    path("settings/policy/", organisation.organisation_policy_page, name="organisation_policy"),
    path("settings/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path(
        "settings/api-tokens/<int:token_id>/revoke/",
        api_tokens.revoke_token,
        name="api_token_revoke",
    ),
    path("settings/webhooks/", webhooks.webhooks, name="webhooks"),
    path(
        "settings/webhooks/<int:endpoint_id>/pause/", webhooks.webhook_toggle, name="webhook_toggle"
    ),
    path("settings/webhooks/<int:endpoint_id>/ping/", webhooks.webhook_ping, name="webhook_ping"),
    path(
        "settings/webhooks/<int:endpoint_id>/delete/",
        webhooks.webhook_delete,
        name="webhook_delete",
    ),
    path(
        "members/<int:membership_id>/resend-invitation/",
        members.resend,
        name="invitation_resend",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        InvitationView.as_view(),
        name="invitation",
    ),
    path("week/", week.week, name="week"),
    path("week/<int:project_id>/preview/", week.week_preview, name="week_preview"),
    path("week/<int:project_id>/decide/", week.week_decide, name="week_decide"),
    path("projects/new/", project_edit.project_new, name="project_new"),
    path("projects/<int:project_id>/", project.project_detail, name="project"),
    path("projects/<int:project_id>/edit/", project_edit.project_edit, name="project_edit"),
    path("projects/<int:project_id>/items/", items.project_items, name="project_items"),
    path(
        "projects/<int:project_id>/delay-case/",
        delay_case_open.open_delay_case,
        name="delay_case_open",
    ),
    path("projects/<int:project_id>/deliver/", delivery.deliver, name="project_deliver"),
    path("offers/<int:offer_id>/", delivery.offer_step, name="offer_step"),
    path("items/<int:item_id>/", items.item_edit, name="item_edit"),
    path("items/<int:item_id>/done/", items.item_done, name="item_done"),
    path("items/<int:item_id>/move/", items.item_move, name="item_move"),
    path("items/<int:item_id>/remove/", items.item_remove, name="item_remove"),
    path(
        "projects/<int:project_id>/status-link/",
        project.create_status_link,
        name="status_link_create",
    ),
    path(
        "projects/<int:project_id>/status-link/revoke/",
        project.revoke_status_link,
        name="status_link_revoke",
    ),
    path("ledger/", ledger.ledger, name="ledger"),
    path("check/", check.check_message, name="check"),
    path("cases/<int:case_id>/", notice_review.delay_case, name="delay_case"),
    path(
        "cases/<int:case_id>/discard/",
        delay_case_open.discard_delay_case,
        name="delay_case_discard",
    ),
    path(
        "cases/<int:case_id>/preview/",
        notice_review.delay_case_preview,
        name="delay_case_preview",
    ),
    path("cases/<int:case_id>/notice.html", notice_review.notice_html, name="notice_html"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:message_id>/", outbox.message_detail, name="message"),
    path("outbox/<int:message_id>/body.html", outbox.message_html, name="message_html"),
    path("outbox/<int:message_id>/retry/", outbox.retry, name="message_retry"),
    path("outbox/<int:message_id>/cancel/", outbox.cancel, name="message_cancel"),
    path("s/<str:token>/", status.status_page, name="status_page"),
]
