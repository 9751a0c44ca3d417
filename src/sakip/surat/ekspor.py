"""The agenda book as an Excel sheet: the columns of the paper book (docs/domain.md §11).

Written through the document kit, so a perihal typed as "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

from sakip.dokumen.excel import (
    Alignment,
    Font,
    buku_baru,
    get_column_letter,
    simpan_buku,
    tambah_baris,
)
from sakip.organisasi.models import Instansi

from .models import Surat

KOLOM = [
    ("No. agenda", 10),
    ("Tanggal agenda", 14),
    ("Nomor surat", 30),
    ("Tanggal surat", 14),
    ("Asal/Tujuan", 32),
    ("Perihal", 48),
    ("Lampiran", 14),
    ("Klasifikasi", 14),
    ("Status", 14),
    ("Keterangan", 32),
]


def _baris(s: Surat) -> list:
    keterangan = s.keterangan
    if s.status == Surat.Status.BATAL:
        keterangan = f"BATAL: {s.alasan_batal}" + (f" — {keterangan}" if keterangan else "")
    return [
        s.nomor_agenda,
        s.tanggal_agenda,
        s.nomor_surat,
        s.tanggal_surat,
        s.asal if s.arah == Surat.Arah.MASUK else s.tujuan,
        s.perihal,
        s.lampiran,
        s.klasifikasi.kode if s.klasifikasi_id else "",
        s.get_status_display(),
        keterangan,
    ]


def agenda_xlsx(instansi: Instansi, arah: str, surat) -> bytes:
    wb = buku_baru()
    ws = wb.create_sheet("Agenda masuk" if arah == Surat.Arah.MASUK else "Agenda keluar")
    judul = "BUKU AGENDA SURAT " + ("MASUK" if arah == Surat.Arah.MASUK else "KELUAR")
    tambah_baris(ws, [judul])
    tambah_baris(ws, [instansi.nama])
    tambah_baris(ws, [])
    tambah_baris(ws, [k for k, _lebar in KOLOM])
    ws["A1"].font = Font(bold=True, size=13)
    for sel in ws[4]:
        sel.font = Font(bold=True)
        sel.alignment = Alignment(wrap_text=True, vertical="center")
    for i, (_k, lebar) in enumerate(KOLOM, start=1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    for s in surat:
        tambah_baris(ws, _baris(s))
    for baris in ws.iter_rows(min_row=5):
        for sel in baris[1:4:2]:
            sel.number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A5"
    return simpan_buku(wb)
