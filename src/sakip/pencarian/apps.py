from django.apps import AppConfig


class PencarianConfig(AppConfig):
    name = "sakip.pencarian"
    verbose_name = "Pencarian"
