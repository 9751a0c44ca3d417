"""The IKU, PK and Rencana Aksi matrices: bad cells placed by row and column, a header
that does not match is one galat, a signed PK refuses the import.
"""

from __future__ import annotations

from io import BytesIO

import pytest

from sakip.perencanaan import excel
from sakip.perencanaan.models import PerjanjianKinerja

from .excel_bantu import DATA, JUDUL_KOLOM, isi_db, isi_pk, siapkan, tempat, ubah

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("jenis", "lembar", "perubahan", "harapan"),
    [
        (
            "iku",
            None,
            {(DATA, "Kode Indikator"): "IX", (DATA + 1, "Berlaku Mulai"): 2030},
            [(DATA, "Kode Indikator"), (DATA + 1, "Berlaku Mulai")],
        ),
        ("iku", None, {(DATA, "Penanggung Jawab"): None}, [(DATA, "Penanggung Jawab")]),
        ("pk", "Sasaran", {(DATA, "Target"): "delapan puluh"}, [(DATA, "Target")]),
        ("pk", "Anggaran", {(DATA + 1, "Anggaran (Rp)"): "banyak"}, [(DATA + 1, "Anggaran (Rp)")]),
        (
            "rencana_aksi",
            None,
            {(DATA, "TW I"): "x", (DATA + 2, "TW IV"): "Baik", (DATA + 3, "TW II"): 45},
            [(DATA, "TW I"), (DATA + 2, "TW IV"), (DATA + 3, "TW II")],
        ),
    ],
)
def test_sel_salah_di_iku_pk_dan_rencana_aksi(persona, jenis, lembar, perubahan, harapan):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)
    data = ubah(excel.ekspor(jenis, objek), perubahan, lembar)

    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))

    assert tempat(hasil) == harapan
    assert isi_db(jenis, objek) == sebelum


def test_judul_kolom_yang_tidak_cocok_satu_galat(persona):
    renstra = siapkan("iku", persona)
    data = ubah(excel.ekspor("iku", renstra), {(JUDUL_KOLOM, "Satuan"): "Unit"})

    hasil = excel.impor("iku", aktor=persona.a.staf, objek=renstra, berkas=BytesIO(data))

    assert tempat(hasil) == [(JUDUL_KOLOM, "")]
    assert "Kode Indikator | Indikator Kinerja Utama | Satuan | Alasan" in hasil.galat[0].pesan


@pytest.mark.parametrize("jenis", ["pk", "rencana_aksi"])
def test_pk_yang_ditandatangani_menolak_impor(persona, jenis):
    pk = siapkan(jenis, persona)
    data = excel.ekspor(jenis, pk)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status="ditandatangani")
    sebelum = isi_pk(pk)

    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=pk, berkas=BytesIO(data))

    assert not hasil.berhasil
    assert [(g.baris, g.pesan) for g in hasil.galat] == [
        (0, "PK ini sudah ditandatangani dan tidak dapat diubah; buat revisi PK.")
    ]
    assert isi_pk(pk) == sebelum
