from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "sakip.sop"
    verbose_name = "SOP"
