"""Issue 14 on measurement: an indicator, a sasaran or a note typed as a formula is written
as text in the capaian matrix and the realisasi sheet, negative figures stay numbers; the
realisasi import page refuses a zip bomb, too many rows, too many bytes and a renamed PDF,
and writes nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.dokumen.tests.berkas_jahat import bom_zip, bukan_zip, xlsx_banyak_baris
from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator, Sasaran
from sakip.perencanaan.tests import bangun

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def renstra(persona):
    r = bangun.renstra(persona.a)
    Indikator.objects.filter(renstra=r, kode="IS4").update(penanggung_jawab=persona.a.j_staf)
    return r


def _tanpa_rumus(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        lembar = [n for n in arsip.namelist() if n.startswith("xl/worksheets/sheet")]
        return all(b"<f>" not in arsip.read(n) for n in lembar)


def test_sasaran_indikator_dan_catatan_berupa_rumus_tetap_teks_di_matriks_capaian(
    persona, renstra, client
):
    a = persona.a
    Sasaran.objects.filter(tujuan__renstra=renstra).update(uraian=HYPERLINK)
    Indikator.objects.filter(renstra=renstra, kode="IT1").update(nama="@SUM(A1)")
    it1 = Indikator.objects.get(renstra=renstra, kode="IT1")
    r = Realisasi(instansi=a.instansi, tahun=2025, bulan=1, indikator=it1, nilai=D("-2.5"))
    r.catatan = "=1+1"
    r = services.simpan_realisasi(aktor=a.camat, realisasi=r, ajukan=True)
    services.periksa_realisasi(aktor=a.camat, realisasi=r, setuju=True)
    client.force_login(a.staf)

    respons = client.get(f"/pengukuran/instansi/{a.instansi.pk}/capaian/excel/?tahun=2025&sampai=1")

    assert respons.status_code == 200 and _tanpa_rumus(respons.content)
    ws = load_workbook(io.BytesIO(respons.content))["Capaian"]
    baris = next(row for row in ws.iter_rows(min_row=7) if row[2].value == "IT1")
    assert (baris[3].value, baris[3].data_type, baris[3].quotePrefix) == ("@SUM(A1)", "s", True)
    assert (baris[6].value, baris[6].data_type) == (-2.5, "n")  # January, a negative number
    sasaran = [row[1] for row in ws.iter_rows(min_row=7) if HYPERLINK in str(row[1].value)]
    assert sasaran and all(c.data_type == "s" for c in sasaran)

    client.force_login(a.camat)
    templat = client.get(
        f"/pengukuran/instansi/{a.instansi.pk}/realisasi/templat/?tahun=2025&bulan=1"
    )
    assert _tanpa_rumus(templat.content)
    ws = load_workbook(io.BytesIO(templat.content))["Realisasi"]
    it1_baris = next(row for row in ws.iter_rows(min_row=7) if row[0].value == "IT1")
    assert [(c.value, c.data_type) for c in it1_baris[1::3]] == [("@SUM(A1)", "s"), (-2.5, "n")]
    assert (it1_baris[5].value, it1_baris[5].data_type) == ("=1+1", "s")


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("bom_zip_60_mb", lambda: bom_zip(60), "Isi berkas terlalu besar setelah diurai"),
        ("lembar_20001_baris", lambda: xlsx_banyak_baris(20_001), "lebih dari 20.000 baris"),
        ("berkas_6_mb", lambda: b"PK" + b"\0" * (6 * 1024 * 1024), "Berkas lebih dari 5 MB."),
        ("pdf_dinamai_xlsx", bukan_zip, "Berkas bukan Excel (.xlsx)"),
    ],
)
def test_halaman_impor_realisasi_menolak_berkas_jahat(persona, renstra, client, nama, buat, pesan):
    a = persona.a
    client.force_login(a.staf)

    r = client.post(
        f"/pengukuran/instansi/{a.instansi.pk}/realisasi/impor/?tahun=2025&bulan=3",
        {"berkas": SimpleUploadedFile(f"{nama}.xlsx", buat())},
    )

    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="galat-impor"' in html and pesan in html
    assert not Realisasi.objects.filter(instansi=a.instansi).exists()
