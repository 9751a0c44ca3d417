"""Excel of the monitoring pages (seed 001): the month's kartu kendali and the quarterly
evaluation, with the columns of the pages, numbers as numbers (with number formats) and
the totals line.

Free text people typed (kendala, tindak lanjut, rekomendasi, kesimpulan) is written as
text even when it begins with = + - @, so a spreadsheet never runs it as a formula
(formula injection, OWASP "CSV injection"): every cell goes through the kit's `isi_sel`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.dokumen.excel import (
    BINGKAI,
    LATAR_JUDUL,
    Alignment,
    Font,
    buku_baru,
    get_column_letter,
    isi_sel,
    simpan_buku,
)
from sakip.dokumen.excel import sel_angka as _angka

from . import monitoring
from .models import EvaluasiTriwulan, KartuKendali
from .services import nama_bulan

RUPIAH = '"Rp" #,##0'
PERSEN = '#,##0.00"%"'
DESIMAL = "#,##0.##"
_ANGKA_ID = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def _dua(nilai) -> Decimal | None:
    """Two decimals, as the page shows (an average realisation has many)."""
    return None if nilai is None else Decimal(nilai).quantize(Decimal("0.01"))


def _angka_tampil(teks: str) -> int | float | str | None:
    """A figure shown the Indonesian way ("1.234,5") back as a number; anything else (a
    range, a scale value) stays as shown."""
    teks = (teks or "").strip()
    if teks in ("", "—"):
        return None
    if _ANGKA_ID.match(teks):
        return _angka(Decimal(teks.replace(".", "").replace(",", ".")))
    return teks


class _Lembar:
    """One sheet: a title block, a header row, body rows, each cell with its format."""

    def __init__(self, buku, nama: str, judul: list[tuple[str, Any]], kolom):
        self.ws = buku.create_sheet(nama)
        self.kolom = kolom  # [(header, width, number format or None)]
        for r, (label, nilai) in enumerate(judul, 1):
            self._teks(r, 1, label).font = Font(bold=True, size=13 if r == 1 else 11)
            if nilai is not None:
                self._teks(r, 2, nilai)
        self.baris = len(judul) + 2
        for c, (teks, lebar, _format) in enumerate(kolom, 1):
            sel = self._teks(self.baris, c, teks)
            sel.font, sel.fill, sel.border = Font(bold=True), LATAR_JUDUL, BINGKAI
            sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.ws.column_dimensions[get_column_letter(c)].width = lebar
        self.ws.freeze_panes = self.ws.cell(self.baris + 1, 1)
        self.ws.page_setup.orientation = "landscape"
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.fitToHeight = 0

    def _teks(self, r: int, c: int, nilai: Any):
        return isi_sel(self.ws.cell(r, c), nilai)  # text: never a formula

    def tambah(self, isi: list[Any], *, tebal: bool = False) -> None:
        self.baris += 1
        for c, (nilai, (_judul, _lebar, format_angka)) in enumerate(
            zip(isi, self.kolom, strict=True), 1
        ):
            sel = self._teks(self.baris, c, nilai)
            sel.border = BINGKAI
            sel.alignment = Alignment(vertical="top", wrap_text=isinstance(nilai, str))
            if format_angka and isinstance(nilai, int | float):
                sel.number_format = format_angka
            if tebal:
                sel.font = Font(bold=True)

    def catatan(self, label: str, teks: str) -> None:
        self.baris += 2
        self._teks(self.baris, 1, label).font = Font(bold=True)
        sel = self._teks(self.baris, 2, teks)
        sel.alignment = Alignment(wrap_text=True, vertical="top")


# ---------------------------------------------------------------- kartu kendali

KOLOM_KARTU = [
    ("Kode", 20, None),
    ("Program / kegiatan / sub kegiatan", 46, None),
    ("Pagu (Rp)", 17, RUPIAH),
    ("Rencana fisik (%)", 11, PERSEN),
    ("Realisasi fisik (%)", 11, PERSEN),
    ("Deviasi fisik", 10, PERSEN),
    ("Rencana keuangan (Rp)", 17, RUPIAH),
    ("Rencana keuangan (%)", 11, PERSEN),
    ("Realisasi keuangan (Rp)", 17, RUPIAH),
    ("Realisasi keuangan (%)", 11, PERSEN),
    ("Deviasi keuangan (Rp)", 17, RUPIAH),
    ("Deviasi keuangan (%)", 11, PERSEN),
    ("Kendala", 36, None),
    ("Tindak lanjut", 36, None),
]


def _baris_kartu(b: monitoring.BarisTampil, kode: str, nama: str) -> list[Any]:
    return [
        kode,
        nama,
        _angka(b.pagu),
        _angka(b.target_fisik),
        _angka(b.realisasi_fisik),
        _angka(b.deviasi_fisik),
        _angka(b.rencana_keuangan),
        _angka(b.persen_rencana_keuangan),
        _angka(b.realisasi_keuangan),
        _angka(b.persen_realisasi_keuangan),
        _angka(b.deviasi_keuangan),
        _angka(b.deviasi_keuangan_persen),
        b.baris.kendala if b.baris is not None else None,
        b.baris.tindak_lanjut if b.baris is not None else None,
    ]


def ekspor_kartu(kartu: KartuKendali) -> bytes:
    """The month's card as on its page: program → kegiatan → sub kegiatan, fisik and
    keuangan plan against realisation to date, kendala and tindak lanjut, the total line;
    then the recommendations the month checks."""
    susunan, total = monitoring.susunan_kartu(kartu)
    buku = buku_baru()
    judul = [
        ("KARTU KENDALI", None),
        (_("Instansi"), kartu.instansi.nama),
        (_("Bulan"), nama_bulan(kartu.tahun, kartu.bulan)),
        (_("Status"), str(kartu.get_status_display())),
    ]
    if kartu.ditandatangani_pada:
        tanggal = timezone.localtime(kartu.ditandatangani_pada).strftime("%d-%m-%Y %H:%M")
        judul.append((_("Ditandatangani"), tanggal))
    lembar = _Lembar(buku, "Kartu Kendali", judul, KOLOM_KARTU)
    for b in susunan:
        lembar.tambah(
            _baris_kartu(b, b.item.kode, ("    " * b.tingkat) + b.item.nama), tebal=b.baris is None
        )
    if total is not None:
        lembar.tambah(_baris_kartu(total, "", _("Jumlah")), tebal=True)
    if kartu.catatan:
        lembar.catatan(_("Catatan umum"), kartu.catatan)

    rekomendasi = monitoring.rekomendasi_kartu(kartu)
    if rekomendasi:
        r_lembar = _Lembar(
            buku,
            "Rekomendasi Dipantau",
            [("REKOMENDASI PERBAIKAN KINERJA YANG DIPANTAU", None), *judul[1:3]],
            KOLOM_REKOMENDASI,
        )
        for no, r in enumerate(rekomendasi, 1):
            r_lembar.tambah(_baris_rekomendasi(no, r))
    return simpan_buku(buku)


# ---------------------------------------------------------------- quarterly evaluation

KOLOM_EVALUASI = [
    ("No", 5, None),
    ("Perjanjian Kinerja", 34, None),
    ("Indikator", 44, None),
    ("Satuan", 10, None),
    ("Target", 12, DESIMAL),
    ("Acuan target", 11, None),
    ("Realisasi", 12, DESIMAL),
    ("Capaian (%)", 11, PERSEN),
    ("Kategori", 14, None),
    ("Status", 16, None),
    ("Rumus", 50, None),
]

KOLOM_REKOMENDASI = [
    ("No", 5, None),
    ("Rekomendasi", 60, None),
    ("Ditujukan kepada", 30, None),
    ("Indikator", 40, None),
    ("Status", 16, None),
    ("Tindak lanjut", 50, None),
]

STATUS_EVALUASI = {
    "tercapai": "Tercapai",
    "tidak_tercapai": "Belum tercapai",
    "belum_ada_data": "Belum ada realisasi",
    "tidak_ditargetkan": "Tidak ditargetkan",
}


def _baris_rekomendasi(no: int, r) -> list[Any]:
    return [
        no,
        r.uraian,
        r.jabatan.nama,
        r.indikator_pk.nama if r.indikator_pk_id else None,
        str(r.get_status_display()),
        r.tindak_lanjut or None,
    ]


def ekspor_evaluasi(evaluasi: EvaluasiTriwulan) -> bytes:
    """The quarter's evaluation as on its page: capaian of every PK indicator against the
    quarter's target with its formula, the count of targets met and missed; then the
    recommendations issued and the conclusion."""
    instansi = evaluasi.instansi
    baris = monitoring.capaian_triwulan(instansi, evaluasi.tahun, evaluasi.triwulan)
    buku = buku_baru()
    judul = [
        ("EVALUASI RENCANA AKSI", None),
        (_("Instansi"), instansi.nama),
        (_("Triwulan"), monitoring.label_triwulan(evaluasi.tahun, evaluasi.triwulan)),
        (_("Status"), _("Ditandatangani") if evaluasi.ditandatangani_pada else _("Draf")),
    ]
    lembar = _Lembar(buku, "Capaian", judul, KOLOM_EVALUASI)
    for no, b in enumerate(baris, 1):
        c = b.capaian
        realisasi = c.realisasi if isinstance(c.realisasi, str) else _angka(_dua(c.realisasi))
        nilai = _dua(b.hasil.nilai)
        lembar.tambah(
            [
                no,
                f"{b.pk.jabatan.nama} — {b.pk.pihak_pertama.nama_lengkap}",
                b.indikator.nama,
                c.satuan or None,
                _angka_tampil(b.target),
                b.acuan or None,
                realisasi,
                _angka(nilai),
                b.kategori or None,
                STATUS_EVALUASI[b.status],
                b.hasil.rumus or None,
            ]
        )
    jumlah = {s: sum(1 for b in baris if b.status == s) for s in STATUS_EVALUASI}
    ringkas = f"{jumlah['tercapai']} tercapai, {jumlah['tidak_tercapai']} belum tercapai"
    lembar.tambah(
        [None, _("Jumlah"), len(baris), None, None, None, None, None, None, ringkas, None],
        tebal=True,
    )
    if evaluasi.kesimpulan:
        lembar.catatan(_("Kesimpulan"), evaluasi.kesimpulan)

    r_lembar = _Lembar(
        buku,
        "Rekomendasi",
        [("REKOMENDASI PERBAIKAN KINERJA", None), *judul[1:3]],
        KOLOM_REKOMENDASI,
    )
    daftar = evaluasi.rekomendasi.select_related("jabatan", "indikator_pk").order_by("id")
    for no, r in enumerate(daftar, 1):
        r_lembar.tambah(_baris_rekomendasi(no, r))
    return simpan_buku(buku)
