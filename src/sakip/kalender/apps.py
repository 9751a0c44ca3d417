from django.apps import AppConfig


class KalenderConfig(AppConfig):
    name = "sakip.kalender"
    verbose_name = "Kalender kerja"

    def ready(self) -> None:
        from .tembolok import sambungkan

        sambungkan()
