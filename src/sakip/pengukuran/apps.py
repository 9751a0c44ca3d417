from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "sakip.pengukuran"
    verbose_name = "Pengukuran kinerja"

    def ready(self) -> None:
        from .sop_monitoring import daftarkan_semua
        from .sop_permintaan import daftarkan_pengikat

        daftarkan_semua()  # the monitoring SOPs carry the month's control card
        daftarkan_pengikat()  # the data-request SOP carries the agency's answer
