from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plazo.web"
    label = "plazo_web"
    verbose_name = "plazo web"

    def ready(self) -> None:
        from django.conf import settings

        from plazo.store.links import register_links
        from plazo.web import login_guard  # noqa: F401  (connects the log-in signals)
        from plazo.web.links import WebLinks

        register_links(WebLinks(settings.PLAZO_BASE_URL))
