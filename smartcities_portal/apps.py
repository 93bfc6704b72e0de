from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "smartcities_portal"
    verbose_name = "Smart Cities Strategy portal"
