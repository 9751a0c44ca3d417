"""The Kasubag of Kecamatan Alpha downloads April's kartu kendali and the TW I evaluation as
Excel: the columns of the pages, numbers as numbers, the totals; a kendala someone typed
as "=HYPERLINK(…)" stays text. Kecamatan Beta's staff get 404; the evaluator reads."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from sakip.pengukuran import monitoring
from sakip.pengukuran.models import RealisasiAnggaran

from .test_monitoring import TAHUN, realisasi_pk, rencana  # noqa: F401 (fixture)

JAHAT = '=HYPERLINK("http://contoh.invalid","klik")'


def _buka(respons):
    assert respons.status_code == 200
    assert respons["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(io.BytesIO(respons.content))


def _baris_dengan(ws, teks: str, kolom: int = 2):
    for baris in ws.iter_rows():
        nilai = baris[kolom - 1].value
        if isinstance(nilai, str) and nilai.strip() == teks:
            return baris
    raise AssertionError(f"{teks!r} tidak ada di lembar {ws.title}")


@pytest.fixture
def kartu_april(persona, rencana):  # noqa: F811
    a = persona.a
    RealisasiAnggaran.objects.create(item=rencana["sub1"], bulan=4, jumlah=D(4_000_000))
    kartu = monitoring.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, bulan=4)
    baris = {b.item_id: b for b in kartu.baris.all()}
    monitoring.isi_kartu(
        aktor=a.kasubag,
        kartu=kartu,
        isian={
            baris[rencana["sub1"].pk].pk: monitoring.IsianBaris(D(40), D("37.5"), JAHAT, "+62 81"),
            baris[rencana["sub2"].pk].pk: monitoring.IsianBaris(D(30), D(30), "Lancar", "-"),
        },
        catatan="@semua: kirim bukti",
    )
    return kartu


def test_kartu_kendali_excel_angka_tetap_angka_dan_teks_tidak_menjadi_rumus(
    persona,
    rencana,  # noqa: F811 (the fixture imported above)
    kartu_april,
    masuk,
):
    c = masuk(persona.a.kasubag)
    halaman = c.get(f"/pengukuran/kartu-kendali/{kartu_april.pk}/").content.decode()
    assert (
        f"/pengukuran/kartu-kendali/{kartu_april.pk}/xlsx/" in halaman and "Unduh Excel" in halaman
    )

    r = c.get(f"/pengukuran/kartu-kendali/{kartu_april.pk}/xlsx/")
    assert "Kartu_Kendali_Kecamatan_Alpha_2025_04.xlsx" in r["Content-Disposition"]
    ws = _buka(r)["Kartu Kendali"]
    assert ws["A1"].value == "KARTU KENDALI"
    assert ws["B2"].value == "Kecamatan Alpha" and ws["B3"].value == "April 2025"
    judul = [s.value for s in _baris_dengan(ws, "Program / kegiatan / sub kegiatan")]
    assert judul[2] == "Pagu (Rp)" and judul[-2:] == ["Kendala", "Tindak lanjut"]

    sub1 = _baris_dengan(ws, "7.01.01.2.01.0001", kolom=1)
    pagu, rencana_fisik, realisasi_fisik, deviasi = (s.value for s in sub1[2:6])
    assert pagu == int(rencana["sub1"].pagu) and sub1[2].number_format == '"Rp" #,##0'
    assert (rencana_fisik, realisasi_fisik, deviasi) == (40, 37.5, -2.5)
    assert sub1[3].data_type == "n" and sub1[3].number_format == '#,##0.00"%"'
    assert sub1[8].value == 4_000_000  # realisasi keuangan to April

    # Free text typed like a formula is stored as a string, never as a formula.
    kendala, tindak = sub1[12], sub1[13]
    assert kendala.value == JAHAT and kendala.data_type == "s"
    assert tindak.value == "+62 81" and tindak.data_type == "s"
    assert _baris_dengan(ws, "-", kolom=14)[13].data_type == "s"
    catatan = _baris_dengan(ws, "Catatan umum", kolom=1)
    assert catatan[1].value == "@semua: kirim bukti" and catatan[1].data_type == "s"

    # The total line sums the sub kegiatan like the page's "Jumlah".
    _susunan, total = monitoring.susunan_kartu(kartu_april)
    jumlah = _baris_dengan(ws, "Jumlah")
    assert jumlah[2].value == int(total.pagu) and jumlah[8].value == 4_000_000
    assert jumlah[2].font.bold


def test_evaluasi_triwulan_excel_capaian_dan_rekomendasi(persona, rencana, masuk):  # noqa: F811
    a = persona.a
    ind = rencana["ind_kasubag"]
    realisasi_pk(a, ind, 3, 20)  # 20 against the TW I target of 25: 80%
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    monitoring.terbitkan_rekomendasi(
        aktor=a.sekcam, evaluasi=ev, uraian="=1+1 percepat dokumen", indikator_pk=ind
    )
    c = masuk(a.kasubag)
    assert f"/pengukuran/evaluasi-triwulan/{ev.pk}/xlsx/" in (
        c.get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/").content.decode()
    )
    buku = _buka(c.get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/xlsx/"))
    ws = buku["Capaian"]
    assert ws["A1"].value == "EVALUASI RENCANA AKSI" and ws["B2"].value == "Kecamatan Alpha"
    assert "2025" in ws["B3"].value
    baris = _baris_dengan(ws, "Dokumen perencanaan tepat waktu", kolom=3)
    target, acuan, realisasi, capaian = (s.value for s in baris[4:8])
    assert (target, acuan, realisasi, capaian) == (25, "TW I", 20, 80)
    assert baris[7].number_format == '#,##0.00"%"' and baris[9].value == "Belum tercapai"
    assert "20 / 25 × 100" in baris[10].value
    jumlah = _baris_dengan(ws, "Jumlah")
    assert jumlah[2].value == len(monitoring.capaian_triwulan(a.instansi, TAHUN, 1))
    assert "1 belum tercapai" in jumlah[9].value

    rek = _baris_dengan(buku["Rekomendasi"], "=1+1 percepat dokumen")
    assert rek[1].data_type == "s" and rek[3].value == "Dokumen perencanaan tepat waktu"


def test_instansi_lain_404_evaluator_membaca(persona, kartu_april, masuk):
    a = persona.a
    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=TAHUN, triwulan=1)
    urls = [
        f"/pengukuran/kartu-kendali/{kartu_april.pk}/xlsx/",
        f"/pengukuran/evaluasi-triwulan/{ev.pk}/xlsx/",
    ]
    for orang in (persona.b.staf, persona.b.camat, persona.evaluator_lain):
        c = masuk(orang)
        assert [c.get(u).status_code for u in urls] == [404, 404]
    c = masuk(persona.evaluator)
    assert [c.get(u).status_code for u in urls] == [200, 200]
