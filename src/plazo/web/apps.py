from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plazo.web"
    label = "plazo_web"
    verbose_name = "plazo web"
