"""The budget matrices (Renja, RKA, DPA): Indonesian number formats, levels from the
Kepmendagri code, the cash plan equal to the pagu, the DPA approval date in the title block.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from sakip.perencanaan import excel
from sakip.perencanaan.excel.anggaran import tingkat_dari_kode

from . import bangun
from .excel_bantu import DATA, isi_anggaran, siapkan, tempat, ubah

pytestmark = pytest.mark.django_db


def test_ekspor_memakai_angka_dan_format_indonesia(persona):
    dpa = siapkan("dpa", persona)
    ws = load_workbook(BytesIO(excel.ekspor("dpa", dpa)))["DPA"]

    assert ws["A1"].value == "DOKUMEN PELAKSANAAN ANGGARAN (DPA) TAHUN 2025"
    assert ws["A2"].value == "Kecamatan Alpha — Kabupaten Uji"
    assert ws["B3"].value.date() == bangun.TANGGAL_DPA
    assert ws.freeze_panes == f"A{DATA}"
    pagu = ws.cell(DATA, 6)
    assert (pagu.value, pagu.number_format) == (150_000_000, "#,##0")
    kegiatan = ws.cell(DATA + 2, 5)
    assert (kegiatan.value, kegiatan.number_format) == (97.5, "#,##0.00")
    assert ws.cell(DATA, 5).value == "WTP"  # a scale target as its value
    assert ws.cell(DATA + 1, 5).value == "85 – 95"  # a range target
    assert ws.cell(DATA + 1, 2).value is None  # second indicator: kode repeated, name empty


def test_lembar_dpa_salah_ditolak_utuh(persona):
    kosong = siapkan("dpa", persona, isi=False)
    data = ubah(
        excel.ekspor("dpa", siapkan("dpa", persona)),
        {
            (DATA, "Pagu (Rp)"): "seratus juta",
            (DATA + 1, "Program/Kegiatan/Sub Kegiatan"): "Program ganda",
            (DATA + 2, "Jan"): 1000,
            (DATA + 3, "Kode Indikator Renstra"): "IX9",
            (DATA + 4, "Kode"): "7.01.01.2.02.0006",
        },
    )

    hasil = excel.impor("dpa", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert tempat(hasil) == [
        (DATA, "Pagu (Rp)"),
        (DATA + 1, "Kode"),
        (DATA + 2, "Jan"),
        (DATA + 3, "Kode Indikator Renstra"),
        (DATA + 4, "Kode"),
    ]
    pesan = [g.pesan for g in hasil.galat]
    assert pesan[0] == "“seratus juta” bukan angka."
    assert pesan[1].startswith(f"Kode 7.01.01 sudah dipakai di baris {DATA}")
    assert pesan[2] == "Anggaran kas hanya diisi pada sub kegiatan."
    assert pesan[3] == "Kode indikator IX9 tidak ada di Renstra 2021–2026."
    assert pesan[4] == (
        "Sub kegiatan 7.01.01.2.02.0006: kode kegiatan 7.01.01.2.02 tidak ada di lembar "
        "maupun di dokumen."
    )
    assert isi_anggaran(kosong) == {"item": [], "indikator": [], "kas": []}


def test_anggaran_kas_harus_sama_dengan_pagu(persona):
    rka = siapkan("rka", persona)
    data = ubah(excel.ekspor("rka", rka), {(DATA + 3, "Des"): 6_000_000})

    hasil = excel.impor("rka", aktor=persona.a.staf, objek=rka, berkas=BytesIO(data))

    assert tempat(hasil) == [(DATA + 3, "Pagu (Rp)")]
    assert hasil.galat[0].pesan == (
        "Jumlah anggaran kas Rp 61.000.000 tidak sama dengan pagu Rp 60.000.000."
    )


def test_tanggal_pengesahan_dpa_dibaca_dari_blok_judul(persona):
    dpa = siapkan("dpa", persona)
    buku = load_workbook(BytesIO(excel.ekspor("dpa", dpa)))
    buku.active["B3"] = "15 Januari 2025"
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor("dpa", aktor=persona.a.staf, objek=dpa, berkas=keluaran)

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 1, [])
    assert dpa.tanggal_pengesahan.isoformat() == "2025-01-15"


@pytest.mark.parametrize(
    ("kode", "harapan"),
    [
        ("7.01.01", ("program", "")),
        ("7.01.01.2.01", ("kegiatan", "7.01.01")),
        ("7.01.01.2.01.0001", ("sub", "7.01.01.2.01")),
        ("7.01", None),
        ("7.01.01.2", None),
        ("7..01", None),
    ],
)
def test_tingkat_dari_kode_kepmendagri(kode, harapan):
    assert tingkat_dari_kode(kode) == harapan
