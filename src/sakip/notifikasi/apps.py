from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "sakip.notifikasi"
    verbose_name = "Notifikasi"
