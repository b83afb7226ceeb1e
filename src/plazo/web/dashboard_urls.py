"""The dashboard's and the status page's URLs (namespace ``web``)."""

from django.urls import path

from plazo.web.views import auth, ledger, notice_review, outbox, portfolio, project, status

app_name = "web"

urlpatterns = [
    path("", portfolio.portfolio, name="portfolio"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("organisation/", auth.switch_organisation, name="switch_organisation"),
    path("projects/<int:project_id>/", project.project_detail, name="project"),
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
    path("cases/<int:case_id>/", notice_review.delay_case, name="delay_case"),
    path(
        "cases/<int:case_id>/preview/",
        notice_review.delay_case_preview,
        name="delay_case_preview",
    ),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:message_id>/retry/", outbox.retry, name="message_retry"),
    path("outbox/<int:message_id>/cancel/", outbox.cancel, name="message_cancel"),
    path("s/<str:token>/", status.status_page, name="status_page"),
]
