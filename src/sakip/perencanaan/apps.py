from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "sakip.perencanaan"
    verbose_name = "Perencanaan kinerja"

    def ready(self) -> None:
        from .sop_dokumen import daftarkan_semua

        daftarkan_semua()  # the planning SOPs carry these documents
