"""`sakip ikm hitung FILE.csv [--json]`: the IKM of a CSV of questionnaires, no database.

Contract kept for tools outside the project (do not change without telling them):
- FILE.csv has a header row; columns U1 … U9 hold one respondent's answers (1–4) per
  row; other columns are ignored; "," ";" or tab separated, UTF-8 (with or without BOM).
- Output: a table of the nine NRR (3 decimals), the IKM (2 decimals), mutu and kinerja.
- `--json`: {"responden": n, "nrr": {"U1": x, …, "U9": x}, "ikm": x, "mutu": "A",
  "kinerja": "Sangat Baik"} with NRR as exact-as-float numbers and the IKM rounded to 2.
- Exit codes: 0 computed; 2 unreadable input, a missing U column or an answer outside
  1–4 (the message on stderr names the row and the column).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.ikm.hitung import KODE_UNSUR, DataTidakSah, HasilIkm, baca_csv, bulat, hitung_ikm


class Command(BaseCommand):
    help = "Survei Kepuasan Masyarakat: hitung IKM dari berkas CSV (tanpa basis data)."
    # Only reads a file: no system checks, migrations or database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        dari_cli = {"called_from_command_line": getattr(self, "_called_from_command_line", None)}
        aksi = parser.add_subparsers(dest="aksi", required=True, metavar="{hitung}")
        hitung = aksi.add_parser(
            "hitung", help="hitung NRR, IKM, mutu dan kinerja dari CSV", **dari_cli
        )
        hitung.add_argument("berkas", metavar="FILE.csv", help="CSV dengan kolom U1 … U9")
        hitung.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, aksi: str, **opsi: Any) -> None:
        try:
            baris = baca_csv(opsi["berkas"])
            hasil = hitung_ikm(baris)
        except OSError as e:
            raise CommandError(f"Berkas tidak dapat dibaca: {e}", returncode=2) from e
        except UnicodeDecodeError as e:
            raise CommandError("Berkas bukan teks UTF-8.", returncode=2) from e
        except DataTidakSah as e:
            raise CommandError(str(e), returncode=2) from e
        if not hasil.responden:
            raise CommandError("Berkas tidak berisi satu baris jawaban pun.", returncode=2)
        if opsi["json"]:
            self.stdout.write(json.dumps(hasil.sebagai_json(), ensure_ascii=False))
        else:
            self._tabel(hasil)

    def _tabel(self, hasil: HasilIkm) -> None:
        self.stdout.write(f"Responden: {hasil.responden}")
        self.stdout.write(f"{'UNSUR':<6} {'NRR':>6} {'NRR×1/9':>8}  MUTU")
        for kode in KODE_UNSUR:
            huruf = hasil.mutu_unsur(kode)[0]
            self.stdout.write(
                f"{kode:<6} {bulat(hasil.nrr[kode], 3):>6} "
                f"{bulat(hasil.nrr_tertimbang[kode], 3):>8}  {huruf}"
            )
        self.stdout.write(f"IKM: {bulat(hasil.ikm, 2)}")
        self.stdout.write(f"Mutu: {hasil.mutu}")
        self.stdout.write(f"Kinerja: {hasil.kinerja}")
