import time

from django.core.management.base import BaseCommand

from sakip.antrian import services


class Command(BaseCommand):
    help = "Menjalankan pekerjaan latar (jadwal SOP, pengingat, pembuatan dokumen) dari antrian."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sekali", action="store_true", help="Jalankan yang jatuh tempo, lalu berhenti."
        )
        parser.add_argument(
            "--jeda", type=float, default=5.0, help="Detik antara pemeriksaan antrian."
        )

    def handle(self, *args, sekali=False, jeda=5.0, **options):
        from django.apps import apps

        apps.get_app_configs()  # handlers register when their apps import (AppConfig.ready)
        while True:
            services.jadwalkan_berkala()
            n = services.jalankan_semua()
            if n:
                self.stdout.write(f"{n} pekerjaan dijalankan")
            if sekali:
                return
            time.sleep(jeda)
