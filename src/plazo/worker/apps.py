from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "plazo.worker"
    label = "plazo_worker"
    verbose_name = "plazo worker"

    def ready(self) -> None:
        from plazo.worker import signals  # noqa: F401  (connects the progress-change hook)
