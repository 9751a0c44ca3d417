"""The agenda export writes a perihal or sender typed as a formula as text (issue 14)."""

from __future__ import annotations

import datetime
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook

from sakip.organisasi.models import Instansi
from sakip.surat.ekspor import agenda_xlsx
from sakip.surat.models import Surat


@pytest.mark.parametrize("perihal", ['=HYPERLINK("http://x","y")', "@SUM(A1)"])
def test_perihal_berupa_rumus_tetap_teks_di_agenda(perihal):
    surat = Surat(
        arah=Surat.Arah.MASUK,
        nomor_agenda=1,
        tanggal_agenda=datetime.date(2025, 3, 3),
        nomor_surat="-005/KEC/2025",
        tanggal_surat=datetime.date(2025, 3, 1),
        asal="+62 811 Pengirim",
        perihal=perihal,
        keterangan="=1+1",
    )

    data = agenda_xlsx(Instansi(nama="Kecamatan Alpha"), Surat.Arah.MASUK, [surat])

    ws = load_workbook(BytesIO(data)).active
    baris = {sel.column_letter: sel for sel in ws[5]}
    assert (baris["F"].value, baris["F"].data_type) == (perihal, "s")
    assert (baris["C"].value, baris["C"].data_type) == ("-005/KEC/2025", "s")
    assert (baris["E"].value, baris["E"].data_type) == ("+62 811 Pengirim", "s")
    assert (baris["J"].value, baris["J"].data_type) == ("=1+1", "s")
    assert (baris["A"].value, baris["A"].data_type) == (1, "n")
    assert baris["B"].value == datetime.datetime(2025, 3, 3)  # dates stay dates
    with zipfile.ZipFile(BytesIO(data)) as arsip:
        assert b"<f>" not in arsip.read("xl/worksheets/sheet1.xml")
