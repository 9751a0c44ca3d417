"""Issue 14 on the planning matrices: a tujuan or indicator typed as a formula is exported
as text and imports back unchanged; the import page refuses a zip bomb, a sheet over the
row limit and a renamed PDF with a message, and writes nothing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.dokumen.tests.berkas_jahat import bom_zip, bukan_zip, xlsx_banyak_baris
from sakip.perencanaan import excel
from sakip.perencanaan.models import Indikator, Tujuan

from .excel_bantu import DATA, isi_renstra, siapkan

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def test_uraian_tujuan_dan_indikator_berupa_rumus_tetap_teks_di_matriks_renstra(persona):
    renstra = siapkan("renstra", persona)
    Tujuan.objects.filter(renstra=renstra).update(uraian=HYPERLINK)
    Indikator.objects.filter(renstra=renstra, kode="IT1").update(nama="@SUM(A1)")

    data = excel.ekspor("renstra", renstra)

    ws = load_workbook(BytesIO(data))["Renstra"]
    sel = [c for row in ws.iter_rows(min_row=DATA) for c in row if isinstance(c.value, str)]
    jahat = [c for c in sel if c.value in (HYPERLINK, "@SUM(A1)")]
    assert {c.value for c in jahat} == {HYPERLINK, "@SUM(A1)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in jahat)
    with zipfile.ZipFile(BytesIO(data)) as arsip:
        assert b"<f>" not in arsip.read("xl/worksheets/sheet1.xml")
    # read back by the kit: the same text, so importing the export changes nothing
    sebelum = isi_renstra(renstra)
    hasil = excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=BytesIO(data))
    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 0, [])
    assert isi_renstra(renstra) == sebelum


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("bom_zip_60_mb", lambda: bom_zip(60), "Isi berkas terlalu besar setelah diurai"),
        ("lembar_20001_baris", lambda: xlsx_banyak_baris(20_001, kolom_pertama="Tujuan"),
         "berisi lebih dari 20.000 baris"),
        ("pdf_dinamai_xlsx", bukan_zip, "Berkas bukan Excel (.xlsx)"),
    ],
)  # fmt: skip
def test_halaman_impor_menolak_berkas_jahat_tanpa_menulis(persona, masuk, nama, buat, pesan):
    renstra = siapkan("renstra", persona)
    sebelum, audit = isi_renstra(renstra), CatatanAudit.objects.count()
    berkas = SimpleUploadedFile(f"{nama}.xlsx", buat())

    r = masuk(persona.a.staf).post(
        f"/perencanaan/matriks/renstra/{renstra.pk}/impor/", {"berkas": berkas}
    )

    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="galat-impor"' in html and pesan in html
    assert isi_renstra(renstra) == sebelum and CatatanAudit.objects.count() == audit


def test_halaman_impor_menolak_berkas_lebih_dari_batas_byte(persona, masuk, settings):
    settings.SAKIP_IMPOR_MAKS_BYTE = 2048
    renstra = siapkan("renstra", persona)
    data = excel.ekspor("renstra", renstra)
    assert len(data) > 2048
    sebelum = isi_renstra(renstra)

    r = masuk(persona.a.staf).post(
        f"/perencanaan/matriks/renstra/{renstra.pk}/impor/",
        {"berkas": SimpleUploadedFile("renstra.xlsx", data)},
    )

    assert "Berkas lebih dari 2 KB." in r.content.decode()
    assert isi_renstra(renstra) == sebelum
