"""`sakip kalender_libur [--tahun 2026 2027]`: national holidays into every Pemda's calendar."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sakip.kalender import services
from sakip.kalender.libur_nasional import BERKAS, tahun_tersedia
from sakip.organisasi.models import Pemda


class Command(BaseCommand):
    help = (
        "Menambahkan libur nasional dan cuti bersama (data/libur_nasional.yaml) ke setiap "
        "Pemda, dan membuat kalender kerja bawaan Pemda yang belum punya. Aman diulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tahun",
            nargs="+",
            type=int,
            metavar="TAHUN",
            help="tahun yang dimuat (bawaan: tahun ini dan tahun depan)",
        )

    def handle(self, *args: Any, tahun: list[int] | None, **opsi: Any) -> None:
        if not tahun:
            sekarang = timezone.localdate().year
            tahun = [sekarang, sekarang + 1]
        for t in sorted(set(tahun) - set(tahun_tersedia())):
            self.stderr.write(
                f"Peringatan: tahun {t} belum ada di {BERKAS.name}; tambahkan dari SKB 3 Menteri."
            )
        total = 0
        for pemda in Pemda.objects.order_by("nama"):
            # No user at the command line: the audit records these changes as "sistem".
            services.pastikan_kalender_default(aktor=None, pemda=pemda)
            jumlah = services.muat_libur_nasional(aktor=None, pemda=pemda, tahun=tahun)
            self.stdout.write(f"{pemda.nama}: {jumlah} hari libur ditambahkan.")
            total += jumlah
        daftar_tahun = ", ".join(str(t) for t in sorted(set(tahun)))
        self.stdout.write(f"Jumlah: {total} hari libur baru untuk tahun {daftar_tahun}.")
