from django.apps import AppConfig


class IkmConfig(AppConfig):
    name = "sakip.ikm"
    verbose_name = "Survei Kepuasan Masyarakat (IKM) dan Standar Pelayanan"

    def ready(self) -> None:
        from .jenis_dokumen import daftarkan_jenis_skm

        daftarkan_jenis_skm()  # the SKM report's Word template
