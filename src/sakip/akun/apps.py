from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "sakip.akun"
    verbose_name = "Akun dan masuk"
