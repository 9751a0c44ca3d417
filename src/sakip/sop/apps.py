from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "sakip.sop"
    verbose_name = "SOP"

    def ready(self) -> None:
        from . import jadwal  # noqa: F401 — registers the periodic jobs with the queue
