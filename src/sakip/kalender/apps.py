from django.apps import AppConfig


class KalenderConfig(AppConfig):
    name = "sakip.kalender"
    verbose_name = "Kalender kerja"
