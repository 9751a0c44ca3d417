"""Excel: the month's template lists the indicators one fills; an import is all-or-nothing
with a reason per bad row, and importing again updates; the capaian matrix export."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.pengukuran import excel, services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator, IndikatorPK
from sakip.perencanaan.tests import bangun

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def renstra(persona):
    r = bangun.renstra(persona.a)
    Indikator.objects.filter(renstra=r, kode="IS4").update(penanggung_jawab=persona.a.j_staf)
    return r


def _templat(client, a, bulan=3):
    r = client.get(
        f"/pengukuran/instansi/{a.instansi.pk}/realisasi/templat/?tahun=2025&bulan={bulan}"
    )
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(r.content))


def _baris_data(ws) -> dict[str, int]:
    """Excel row number of each indicator code (rows under the header row)."""
    judul = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Kode Indikator")
    return {ws.cell(r, 1).value: r for r in range(judul + 1, ws.max_row + 1) if ws.cell(r, 1).value}


def _isi(buku, nilai: dict[str, tuple]) -> bytes:
    """Fill Realisasi (and Catatan) of the given codes; a code not in the sheet gets a new row."""
    ws = buku["Realisasi"]
    baris = _baris_data(ws)
    for kode, isi in nilai.items():
        r = baris.get(kode) or ws.max_row + 1
        ws.cell(r, 1, kode)
        for kolom, v in zip((5, 6), isi, strict=False):
            ws.cell(r, kolom, v)
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def _impor(client, a, berkas: bytes, bulan=3, **lain):
    return client.post(
        f"/pengukuran/instansi/{a.instansi.pk}/realisasi/impor/?tahun=2025&bulan={bulan}",
        {"berkas": SimpleUploadedFile("realisasi.xlsx", berkas, XLSX), **lain},
    )


def test_templat_berisi_indikator_pengisi_dan_judul_bulan(persona, renstra, client):
    a = persona.a
    pk = bangun.pk(a, renstra)
    client.force_login(a.staf)
    ws = _templat(client, a)["Realisasi"]
    assert ws["A1"].value == "REALISASI KINERJA BULANAN"
    assert (ws["A2"].value, ws["B2"].value) == ("Instansi", "Kecamatan Alpha")
    assert (ws["B3"].value, ws["B4"].value) == (2025, "Maret")
    assert [c.value for c in ws[6]] == list(excel.KOLOM_REALISASI)
    assert list(_baris_data(ws)) == ["IS4"]  # only what the Staf fills
    assert ws.cell(7, 4).value == 10  # the 2025 target, as a number

    client.force_login(a.kasubag)
    sendiri = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, indikator_renstra__isnull=True)
    kode = list(_baris_data(_templat(client, a)["Realisasi"]))
    assert kode == ["IT1", "IS1", "IS2", "IS3", "IS4", f"PK-{sendiri.pk}"]


def test_impor_semua_atau_tidak_dengan_galat_per_baris(persona, renstra, client):
    a = persona.a
    client.force_login(a.kasubag)
    buku = _templat(client, a)
    baris = _baris_data(buku["Realisasi"])
    berkas = _isi(
        buku,
        {
            "IT1": (80, "Survei IKM triwulan I"),  # fine
            "IS1": ("tiga hari", None),  # not a number
            "IS2": ("WTT", None),  # not on the scale
            "IS3": ("88,5", None),  # fine (Indonesian decimal comma)
            "X99": (5, None),  # unknown code
        },
    )
    r = _impor(client, a, berkas)
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Impor dibatalkan — tidak ada data yang disimpan" in isi
    hasil = r.context["hasil"]
    galat = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
    assert "“tiga hari” bukan angka" in galat[(baris["IS1"], "Realisasi")]
    assert (
        "“WTT” bukan nilai skala indikator IS2 (pilihan: WTP, WDP, TW, TMP)"
        in galat[(baris["IS2"], "Realisasi")]
    )
    kode_x = max(baris.values()) + 1
    assert "Kode “X99” tidak dikenal" in galat[(kode_x, "Kode Indikator")]
    assert len(hasil.galat) == 3
    assert not Realisasi.objects.exists()  # IT1 and IS3 were fine, yet nothing was written


def test_impor_lalu_impor_ulang_memperbarui(persona, renstra, client):
    a = persona.a
    client.force_login(a.kasubag)
    berkas = _isi(
        _templat(client, a), {"IT1": (80, "Survei"), "IS2": ("wtp", None), "IS3": ("88,5",)}
    )
    r = _impor(client, a, berkas, ajukan="on")
    assert r.status_code == 302
    pesan = client.get(r["Location"]).content.decode()
    assert "Impor selesai: 3 realisasi baru, 0 diubah." in pesan
    it1 = Realisasi.objects.get(indikator__kode="IT1", bulan=3)
    assert it1.nilai == D(80) and it1.catatan == "Survei" and it1.status == "diajukan"
    assert Realisasi.objects.get(indikator__kode="IS2").nilai_skala == "WTP"
    assert Realisasi.objects.get(indikator__kode="IS3").nilai == D("88.5")

    # the new template carries what is stored; change one value, keep the rest
    buku = _templat(client, a)
    ws = buku["Realisasi"]
    assert ws.cell(_baris_data(ws)["IT1"], 5).value == 80
    berkas = _isi(buku, {"IT1": (82, None)})  # an empty Catatan keeps the stored note
    hasil = excel.impor_realisasi(
        aktor=a.kasubag, instansi=a.instansi, tahun=2025, bulan=3, berkas=berkas, ajukan=True
    )
    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 1, [])
    it1.refresh_from_db()
    assert it1.nilai == D(82) and it1.catatan == "Survei"
    assert Realisasi.objects.count() == 3


def test_impor_menolak_yang_bukan_tanggung_jawabnya(persona, renstra, client):
    a = persona.a
    client.force_login(a.staf)
    berkas = _isi(_templat(client, a), {"IS4": (3, None), "IT1": (80, None)})
    r = _impor(client, a, berkas)
    galat = r.context["hasil"].galat
    assert [g.pesan for g in galat] == ["Anda bukan penanggung jawab indikator IT1 (Camat)."]
    assert not Realisasi.objects.exists()
    client.force_login(persona.evaluator)
    assert _impor(client, a, berkas).status_code == 403


def test_impor_bulan_tertutup_dan_berkas_bulan_lain(persona, renstra, client):
    a = persona.a
    client.force_login(a.kasubag)
    februari = _isi(_templat(client, a, bulan=2), {"IT1": (80, None)})
    galat = _impor(client, a, februari, bulan=3).context["hasil"].galat
    assert [g.pesan for g in galat] == [
        "Berkas ini untuk bulan Februari, bukan Maret. Unduh templat bulan Maret."
    ]
    services.tutup_bulan(aktor=a.kasubag, instansi=a.instansi, tahun=2025, bulan=2)
    galat = _impor(client, a, februari, bulan=2).context["hasil"].galat
    assert "sudah ditutup" in galat[0].pesan and galat[0].baris == 0
    bukan = _impor(client, a, b"bukan excel").context["hasil"]
    assert bukan is None or bukan.galat  # refused by the form (.xlsx) or the reader
    assert not Realisasi.objects.exists()


def test_impor_realisasi_yang_sudah_disetujui_hanya_oleh_kasubag(persona, renstra, client):
    a = persona.a
    r = Realisasi(
        instansi=a.instansi, tahun=2025, bulan=3, indikator=renstra.indikator.get(kode="IS4")
    )
    r.nilai = D(3)
    r = services.simpan_realisasi(aktor=a.staf, realisasi=r, ajukan=True)
    services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    client.force_login(a.staf)
    berkas = _isi(_templat(client, a), {"IS4": (4, None)})
    galat = _impor(client, a, berkas).context["hasil"].galat
    assert "sudah disetujui" in galat[0].pesan
    client.force_login(a.kasubag)
    assert _impor(client, a, berkas).status_code == 302
    r.refresh_from_db()
    assert r.nilai == D(4) and r.status == "draf"


def test_ekspor_matriks_capaian(persona, renstra, client):
    a = persona.a
    dpa = bangun.dokumen(a, renstra, "dpa")
    ind = {i.kode: i for i in renstra.indikator.all()}
    for bulan, nilai in ((1, 78), (3, 80)):
        r = Realisasi(instansi=a.instansi, tahun=2025, bulan=bulan, indikator=ind["IT1"])
        r.nilai = D(nilai)
        r = services.simpan_realisasi(aktor=a.camat, realisasi=r, ajukan=True)
        services.periksa_realisasi(aktor=a.camat, realisasi=r, setuju=True)
    sub = dpa.item.get(kode="7.01.01.2.01.0001")
    services.simpan_realisasi_anggaran(aktor=a.kasubag, item=sub, bulan=2, jumlah=D(6_000_000))
    client.force_login(a.staf)
    r = client.get(f"/pengukuran/instansi/{a.instansi.pk}/capaian/excel/?tahun=2025&sampai=3")
    assert (
        r.status_code == 200 and "Capaian_Kecamatan_Alpha_2025_03.xlsx" in r["Content-Disposition"]
    )
    buku = load_workbook(io.BytesIO(r.content))
    ws = buku["Capaian"]
    judul = [c.value for c in ws[6]]
    assert judul[:6] == ["No", "Sasaran / Tujuan", "Kode", "Indikator", "Satuan", "Target"]
    assert judul[6:18] == list(excel.BULAN) and judul[18] == "Realisasi s.d. Maret"
    it1 = next(row for row in ws.iter_rows(min_row=7, values_only=True) if row[2] == "IT1")
    assert it1[6:9] == (78, None, 80) and it1[9] is None  # April on: after "sampai"
    assert it1[18] == 80 and it1[19] == pytest.approx(95.24) and it1[20] == "Sangat Baik"
    assert "80 / 84 × 100 = 95,24%" in it1[21]
    serapan = buku["Serapan Anggaran"]
    baris = {row[0]: row for row in serapan.iter_rows(min_row=7, values_only=True) if row[0]}
    assert baris["7.01.01.2.01.0001"][2:5] == (60_000_000, 6_000_000, 10)
