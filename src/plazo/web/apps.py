from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plazo.web"
    label = "plazo_web"
    verbose_name = "plazo web"

    def ready(self) -> None:
        from plazo.web import login_guard  # noqa: F401  (connects the log-in signals)
