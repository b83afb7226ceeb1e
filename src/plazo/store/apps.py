from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "plazo.store"
    label = "plazo"
    verbose_name = "plazo"
    default_auto_field = "django.db.models.BigAutoField"
