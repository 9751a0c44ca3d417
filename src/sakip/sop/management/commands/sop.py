"""`sakip sop list|show|lint`: membaca pustaka SOP dari berkas, tanpa basis data.

Kontrak yang dipakai alat di luar proyek (jangan diubah tanpa memberi tahu mereka):
- `list --json`: larik {kode, nama, sumber, jumlah_langkah, pelaksana}.
- `show KODE --json`: {kode, nama, sumber, langkah: [{no, kegiatan, pelaksana, kelengkapan,
  waktu, output, keterangan, keputusan, subproses}]}; `no` adalah posisi 1-based.
- `lint [KODE] --json`: larik {kode, langkah, jenis, pesan}.
- Kode keluar: 0 beres, 1 ada temuan (lint), 2 masukan tidak terbaca atau KODE tidak ada.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.sop.definisi import PustakaError, Sop, muat_pustaka
from sakip.sop.linter import Temuan, periksa, periksa_pustaka


class Command(BaseCommand):
    help = "Pustaka SOP: daftar, tampilkan, dan periksa (lint) SOP dari berkas YAML."
    # Hanya membaca berkas: tidak butuh pemeriksaan sistem, migrasi, maupun basis data.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        # Subparser mewarisi perilaku galat parser Django (keluar 2 bila dari baris perintah).
        dari_cli = {"called_from_command_line": getattr(self, "_called_from_command_line", None)}
        aksi = parser.add_subparsers(dest="aksi", required=True, metavar="{list,show,lint}")

        daftar = aksi.add_parser("list", help="daftar semua SOP", **dari_cli)
        self._opsi_umum(daftar)

        tampil = aksi.add_parser("show", help="langkah-langkah satu SOP", **dari_cli)
        tampil.add_argument("kode", help="kode SOP, mis. 000-rka")
        self._opsi_umum(tampil)

        lint = aksi.add_parser("lint", help="periksa cacat SOP", **dari_cli)
        lint.add_argument("kode", nargs="?", help="kode SOP; tanpa kode: seluruh pustaka")
        self._opsi_umum(lint)

    @staticmethod
    def _opsi_umum(parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="keluaran JSON")
        parser.add_argument("--pustaka", metavar="FOLDER", help="folder pustaka SOP lain")

    def handle(self, *args: Any, aksi: str, **opsi: Any) -> None:
        try:
            pustaka = muat_pustaka(opsi["pustaka"])
        except PustakaError as e:
            raise CommandError(str(e), returncode=2) from e
        if aksi == "list":
            self._list(pustaka, sebagai_json=opsi["json"])
        elif aksi == "show":
            self._show(_ambil(pustaka, opsi["kode"]), sebagai_json=opsi["json"])
        else:
            self._lint(pustaka, opsi["kode"], sebagai_json=opsi["json"])

    # --- list -------------------------------------------------------------------------

    def _list(self, pustaka: dict[str, Sop], *, sebagai_json: bool) -> None:
        if sebagai_json:
            self._tulis_json([_ringkasan(sop) for sop in pustaka.values()])
            return
        self.stdout.write(f"{'KODE':<30} {'LANGKAH':>7}  {'SUMBER':<24} NAMA")
        for sop in pustaka.values():
            sumber = sop.sumber or "(disusun sendiri)"
            self.stdout.write(f"{sop.kode:<30} {len(sop.langkah):>7}  {sumber:<24} {sop.nama}")
        jumlah_seed = sum(1 for s in pustaka.values() if s.dari_seed)
        self.stdout.write(
            f"\n{len(pustaka)} SOP ({jumlah_seed} dari seed), "
            f"{sum(len(s.langkah) for s in pustaka.values())} langkah."
        )

    # --- show -------------------------------------------------------------------------

    def _show(self, sop: Sop, *, sebagai_json: bool) -> None:
        if sebagai_json:
            self._tulis_json(_rincian(sop))
            return
        jadwal = sop.jadwal.frekuensi.replace("_", " ")
        self.stdout.write(sop.nama)
        self.stdout.write(f"Kode: {sop.kode}   Sumber: {sop.sumber or '(disusun sendiri)'}")
        self.stdout.write(f"Dokumen: {sop.dokumen}   Jadwal: {jadwal}")
        self.stdout.write(f"Pelaksana: {', '.join(sop.pelaksana)}\n")
        for posisi, langkah in enumerate(sop.langkah, 1):
            nomor = _nomor_sumber(langkah.no_seed, posisi)
            self.stdout.write(f"{posisi}. [{langkah.pelaksana}] {langkah.kegiatan}{nomor}")
            self.stdout.write(
                f"   Kelengkapan: {langkah.kelengkapan or '-'} | Waktu: {langkah.waktu or '-'}"
                f" | Output: {langkah.output or '-'}"
            )
            if langkah.keterangan:
                self.stdout.write(f"   Keterangan: {langkah.keterangan}")
            if langkah.keputusan:
                ya, tidak = langkah.keputusan.ya, langkah.keputusan.tidak
                self.stdout.write(
                    f"   Keputusan: ya → langkah {ya or '?'}, tidak → langkah {tidak or '?'}"
                )
            if langkah.subproses:
                self.stdout.write(f"   Subproses: {langkah.subproses}")

    # --- lint -------------------------------------------------------------------------

    def _lint(self, pustaka: dict[str, Sop], kode: str | None, *, sebagai_json: bool) -> None:
        temuan = periksa(_ambil(pustaka, kode), pustaka) if kode else periksa_pustaka(pustaka)
        if sebagai_json:
            self._tulis_json([t.sebagai_dict() for t in temuan])
        else:
            for t in temuan:
                self.stdout.write(_baris_temuan(t))
            sop_kena = len({t.kode for t in temuan})
            self.stdout.write(
                f"{len(temuan)} temuan pada {sop_kena} SOP." if temuan else "Tidak ada temuan."
            )
        if temuan:
            sys.exit(1)

    def _tulis_json(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def _ambil(pustaka: dict[str, Sop], kode: str) -> Sop:
    if kode not in pustaka:
        raise CommandError(
            f"SOP '{kode}' tidak ada di pustaka. Lihat daftar kode dengan: sakip sop list",
            returncode=2,
        )
    return pustaka[kode]


def _ringkasan(sop: Sop) -> dict:
    return {
        "kode": sop.kode,
        "nama": sop.nama,
        "sumber": sop.sumber,
        "jumlah_langkah": len(sop.langkah),
        "pelaksana": list(sop.pelaksana),
    }


def _rincian(sop: Sop) -> dict:
    langkah = []
    for posisi, lk in enumerate(sop.langkah, 1):
        keputusan = {"ya": lk.keputusan.ya, "tidak": lk.keputusan.tidak} if lk.keputusan else None
        langkah.append(
            {
                "no": posisi,
                "kegiatan": lk.kegiatan,
                "pelaksana": lk.pelaksana,
                "kelengkapan": lk.kelengkapan,
                "waktu": lk.waktu,
                "output": lk.output,
                "keterangan": lk.keterangan,
                "keputusan": keputusan,
                "subproses": lk.subproses,
            }
        )
    return {"kode": sop.kode, "nama": sop.nama, "sumber": sop.sumber, "langkah": langkah}


def _nomor_sumber(no_seed: str | None, posisi: int) -> str:
    """Catatan bila nomor tercetak di sumber berbeda dari posisinya."""
    if no_seed is None:
        return " (tidak bernomor di sumber)"
    if no_seed.strip().rstrip(".") != str(posisi):
        return f" (no. {no_seed} di sumber)"
    return ""


def _baris_temuan(t: Temuan) -> str:
    letak = f"{t.kode} langkah {t.langkah}" if t.langkah else t.kode
    return f"{letak}: [{t.jenis}] {t.pesan}"
