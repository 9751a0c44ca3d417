from django.apps import AppConfig


class AntrianConfig(AppConfig):
    name = "sakip.antrian"
    verbose_name = "Antrian pekerjaan latar"
