from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "sakip.audit"
    verbose_name = "Riwayat (audit)"

    def ready(self) -> None:
        from . import penjaga

        # SQLite's append-only triggers call a function each connection must know.
        connection_created.connect(penjaga.daftarkan_fungsi, dispatch_uid="sakip_audit_penjaga")
