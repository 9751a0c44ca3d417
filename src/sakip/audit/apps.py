from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sakip.audit"
    verbose_name = "Riwayat (audit)"
