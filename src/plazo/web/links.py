"""The web's link builder: ``PLAZO_BASE_URL`` plus the URL names, for messages the store writes."""

from __future__ import annotations

from django.urls import reverse

__all__ = ["WebLinks"]


class WebLinks:
    """Absolute links to the dashboard's pages (``plazo.store.links.Links``)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def delay_case(self, case_id: int) -> str:
        return self.base_url + reverse("web:delay_case", args=[case_id])

    def project(self, project_id: int) -> str:
        return self.base_url + reverse("web:project", args=[project_id])

    def outbox(self) -> str:
        return self.base_url + reverse("web:outbox")

    def week(self) -> str:
        return self.base_url + reverse("web:week")

    def invitation(self, uidb64: str, token: str) -> str:
        return self.base_url + reverse("web:invitation", args=[uidb64, token])

    def password_reset(self, uidb64: str, token: str) -> str:
        return self.base_url + reverse("web:password_reset_confirm", args=[uidb64, token])

    def login(self) -> str:
        return self.base_url + reverse("web:login")
