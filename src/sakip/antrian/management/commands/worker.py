"""`sakip worker`: run the job queue; `sakip worker --periksa`: its health, for monitoring.

Exit codes of `--periksa`: 0 healthy, 1 no worker beat within `--batas-detak` seconds or
jobs overdue by more than `--batas-terlambat` seconds (the numbers are printed either way).
"""

import json
import signal
import sys
import threading

from django.core.management.base import BaseCommand

from sakip.antrian import pekerja, services


class Command(BaseCommand):
    help = "Menjalankan pekerjaan latar (jadwal SOP, pengingat, pembuatan dokumen) dari antrian."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sekali", action="store_true", help="Jalankan yang jatuh tempo, lalu berhenti."
        )
        parser.add_argument(
            "--jeda", type=float, default=5.0, help="Detik antara pemeriksaan antrian."
        )
        parser.add_argument(
            "--sewa",
            type=float,
            default=services.SEWA_DETIK,
            help="Detik sewa sebuah pekerjaan: bila pekerja mati, pekerjaannya diambil lagi "
            "setelah sewa habis.",
        )
        parser.add_argument(
            "--periksa",
            "--health",
            action="store_true",
            help="Jangan menjalankan apa pun: cetak kesehatan antrian; kode keluar 1 bila "
            "tidak sehat.",
        )
        parser.add_argument(
            "--batas-detak",
            type=int,
            default=pekerja.BATAS_DETAK_DETIK,
            help="(--periksa) detik tanpa detak pekerja sebelum dianggap mati.",
        )
        parser.add_argument(
            "--batas-terlambat",
            type=int,
            default=pekerja.BATAS_TERLAMBAT_DETIK,
            help="(--periksa) detik sebuah pekerjaan boleh menunggu setelah jatuh tempo.",
        )
        parser.add_argument("--json", action="store_true", help="(--periksa) keluaran JSON")

    def handle(self, *args, **opsi):
        if opsi["periksa"]:
            self._periksa(opsi)
            return
        from django.apps import apps

        apps.get_app_configs()  # handlers register when their apps import (AppConfig.ready)
        berhenti = threading.Event()
        if not opsi["sekali"]:
            # systemd stops with SIGTERM: finish the job at hand, then leave cleanly.
            for sinyal in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sinyal, lambda *_: berhenti.set())
        pekerja.jalankan_pekerja(
            jeda=opsi["jeda"],
            sewa=opsi["sewa"],
            sekali=opsi["sekali"],
            berhenti=berhenti,
            tulis=self.stdout.write,
        )

    def _periksa(self, opsi):
        hasil = pekerja.kesehatan(
            batas_detak_detik=opsi["batas_detak"], batas_terlambat_detik=opsi["batas_terlambat"]
        )
        if opsi["json"]:
            self.stdout.write(json.dumps(hasil.sebagai_dict(), ensure_ascii=False))
        else:
            for baris in hasil.baris():
                self.stdout.write(baris)
        if not hasil.sehat:
            sys.exit(1)
