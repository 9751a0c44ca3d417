"""`sakip pemulihan periksa` checks a restored instance; `sakip pemulihan cadangkan DIR`
takes the backup (sakip.portal.pemulihan, procedure in docs/backup.md).

`periksa` prints one line per check (checked / with problems) and each problem under it;
exit code 0 when every check is clean, 1 when any found a problem.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.portal import pemulihan


class Command(BaseCommand):
    help = "Cadangan dan pemulihan: ambil cadangan, atau periksa instans hasil pemulihan."

    def add_arguments(self, parser: CommandParser) -> None:
        aksi = parser.add_subparsers(dest="aksi", required=True, metavar="{periksa,cadangkan}")
        dari_baris = getattr(self, "_called_from_command_line", None)
        aksi.add_parser(
            "periksa",
            help="hash berkas bertanda tangan, log peristiwa SOP, rantai riwayat, nomor surat",
            called_from_command_line=dari_baris,
        )
        cadangkan = aksi.add_parser(
            "cadangkan",
            help="basis data lalu berkas ke folder baru DIR",
            called_from_command_line=dari_baris,
        )
        cadangkan.add_argument("dir", metavar="DIR", type=Path, help="folder baru untuk cadangan")

    def handle(self, *args: Any, aksi: str, **opsi: Any) -> None:
        if aksi == "cadangkan":
            self._cadangkan(opsi["dir"])
        else:
            self._periksa()

    def _periksa(self) -> None:
        bermasalah = 0
        for hasil in pemulihan.periksa_semua():
            status = "baik" if hasil.baik else "BERMASALAH"
            self.stdout.write(
                f"{hasil.nama}: {hasil.diperiksa} diperiksa, {len(hasil.masalah)} bermasalah"
                f" — {status}"
            )
            for masalah in hasil.masalah:
                self.stdout.write(f"  - {masalah}")
            bermasalah += not hasil.baik
        if bermasalah:
            raise CommandError(f"{bermasalah} pemeriksaan menemukan masalah.", returncode=1)
        self.stdout.write("Semua pemeriksaan baik.")

    def _cadangkan(self, tujuan: Path) -> None:
        if tujuan.exists():
            raise CommandError(f"{tujuan} sudah ada; cadangan ditulis ke folder baru.")
        try:
            berkas = pemulihan.cadangkan(tujuan)
        except Exception as exc:  # pg_dump's message is what the operator needs
            pesan = getattr(exc, "stderr", "") or str(exc)
            raise CommandError(f"Cadangan gagal: {pesan}".strip()) from exc
        for p in berkas:
            self.stdout.write(f"{p} ({p.stat().st_size} byte)")
