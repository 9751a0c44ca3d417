from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "sakip.laporan"
    verbose_name = "Laporan kinerja"

    def ready(self) -> None:
        from .jenis_dokumen import daftarkan_jenis_laporan

        daftarkan_jenis_laporan()  # the Word templates of the five report kinds
        from . import render  # noqa: F401 — registers the draft PDF job with the queue
