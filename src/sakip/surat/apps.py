from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SuratConfig(AppConfig):
    name = "sakip.surat"
    verbose_name = "Surat, penomoran, tanda tangan dan arsip"

    def ready(self) -> None:
        from .klasifikasi import setelah_migrasi

        # Reference data, not a data migration: migrations are regenerated (konteks.md).
        post_migrate.connect(setelah_migrasi, sender=self, dispatch_uid="surat_klasifikasi")
