"""Issue 14 on the questionnaire import: the Excel kit's limits hold before the file is
parsed; each refusal is a 400 with a message in Indonesian, nothing stored. The template
is written through the kit too, with its 1–4 check on the answer columns."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.dokumen.tests.berkas_jahat import bom_zip, bukan_zip, xlsx_banyak_baris
from sakip.ikm.models import Responden
from sakip.ikm.tests import bangun

pytestmark = pytest.mark.django_db


@pytest.fixture
def periode(persona):
    bangun.layanan(persona.a, "Surat Keterangan")
    return bangun.periode(persona.a, populasi=100)


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("bom_zip_60_mb", lambda: bom_zip(60), "Isi berkas terlalu besar setelah diurai"),
        ("lembar_20001_baris", lambda: xlsx_banyak_baris(20_001), "lebih dari 20.000 baris"),
        ("berkas_6_mb", lambda: b"PK" + b"\0" * (6 * 1024 * 1024), "Berkas lebih dari 5 MB."),
        ("pdf_dinamai_xlsx", bukan_zip, "bukan lembar kerja Excel"),
    ],
)
def test_impor_kuesioner_menolak_berkas_jahat(persona, masuk, periode, nama, buat, pesan):
    sebelum = Responden.objects.count()

    r = masuk(persona.a.staf).post(
        reverse("ikm:impor", args=[periode.pk]),
        {"berkas": SimpleUploadedFile(f"{nama}.xlsx", buat())},
    )

    assert r.status_code == 400 and pesan in r.content.decode()
    assert Responden.objects.count() == sebelum


def test_templat_kuesioner_lewat_kit_dengan_validasi_jawaban(persona, masuk, periode):
    r = masuk(persona.a.staf).get(reverse("ikm:impor_templat", args=[periode.pk]))

    buku = load_workbook(io.BytesIO(r.content))
    assert buku.sheetnames == ["Kuesioner", "Petunjuk"]
    ws = buku["Kuesioner"]
    assert ws["A1"].value == "Layanan" and ws["A1"].font.bold and ws.freeze_panes == "A2"
    [aturan] = ws.data_validations.dataValidation
    assert (aturan.type, aturan.formula1, aturan.formula2, str(aturan.sqref)) == (
        "whole",
        "1",
        "4",
        "G2:O5001",
    )
