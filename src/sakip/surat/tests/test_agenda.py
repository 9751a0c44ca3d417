"""The agenda book: incoming letters registered with their scans, searched, exported."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.surat import services
from sakip.surat.models import Surat, Urutan

from .bantu import PNG, pindaian, surat_keluar, surat_masuk

pytestmark = pytest.mark.django_db


def test_surat_masuk_mendapat_nomor_agenda_berurutan(persona):
    a = persona.a
    s1, s2 = surat_masuk(a, 1), surat_masuk(a, 2)
    assert (s1.nomor_agenda, s2.nomor_agenda) == (1, 2)
    assert s1.status == Surat.Status.DITERIMA and s1.tanggal_agenda == datetime.date(2026, 11, 3)
    assert s1.berkas.read().startswith(b"%PDF-")
    assert CatatanAudit.objects.filter(keterangan="Mendaftarkan surat masuk").count() == 2
    # Agency B counts its own book from 1.
    assert surat_masuk(persona.b, 1).nomor_agenda == 1


def test_daftar_ulang_surat_yang_sama_tidak_menggandakan(persona):
    a = persona.a
    pertama = surat_masuk(a, 7)
    kedua = surat_masuk(a, 7, asal="BUPATI UJI")  # a double submit, retyped
    assert pertama.pk == kedua.pk
    assert Urutan.objects.get(instansi=a.instansi, jenis="agenda_masuk").terakhir == 1


def test_agenda_masuk_mulai_lagi_tahun_baru(persona):
    a = persona.a
    dikirim = datetime.date(2025, 12, 29)
    surat_masuk(a, 1, tanggal_surat=dikirim, diterima_pada=datetime.date(2025, 12, 30))
    surat_masuk(a, 2, tanggal_surat=dikirim, diterima_pada=datetime.date(2025, 12, 31))
    jan = surat_masuk(a, 3, tanggal_surat=dikirim, diterima_pada=datetime.date(2026, 1, 2))
    assert jan.nomor_agenda == 1 and jan.tahun_nomor == 2026


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("surat.exe", b"MZ\x90\x00", "harus PDF, JPG atau PNG"),
        ("surat.docx", b"PK\x03\x04", "harus PDF, JPG atau PNG"),
        ("surat.pdf", b"<html>bukan pdf</html>", "bukan PDF yang sah"),
        ("foto.png", b"\xff\xd8\xff palsu", "bukan PNG yang sah"),
    ],
)
def test_unggahan_salah_ditolak_dan_tidak_ada_yang_tertulis(persona, masuk, nama, isi, pesan):
    a = persona.a
    c = masuk(a.staf)
    r = c.post(
        f"/surat/instansi/{a.instansi.pk}/masuk/baru/",
        {
            "asal": "Bupati Uji",
            "nomor_surat": "1/2026",
            "tanggal_surat": "2026-11-02",
            "diterima_pada": "2026-11-03",
            "sifat": "biasa",
            "perihal": "Uji unggahan",
            "berkas": pindaian(nama, isi, "application/octet-stream"),
        },
    )
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert not Surat.objects.exists()
    assert not Urutan.objects.exists()
    assert not CatatanAudit.objects.filter(keterangan="Mendaftarkan surat masuk").exists()


def test_pindaian_png_diterima(persona):
    s = surat_masuk(persona.a, 1, berkas=pindaian("foto.png", PNG, "image/png"))
    assert s.berkas.name.endswith(".png")


def test_tanggal_surat_setelah_diterima_ditolak(persona):
    with pytest.raises(ValidationError) as e:
        surat_masuk(persona.a, 1, tanggal_surat=datetime.date(2026, 12, 1))
    assert "setelah tanggal diterima" in str(e.value)


def _agenda(persona):
    a = persona.a
    surat_masuk(a, 1, perihal="Survei Kepuasan Masyarakat", asal="Bupati Uji")
    surat_masuk(
        a,
        2,
        perihal="Permintaan Data Kinerja Triwulan III",
        asal="Bagian Administrasi Pembangunan",
        kode_klasifikasi="000.7.5",
        diterima_pada=datetime.date(2026, 10, 5),
        tanggal_surat=datetime.date(2026, 10, 1),
    )
    surat_masuk(
        a,
        3,
        perihal="Undangan Rapat",
        asal="Inspektorat",
        kode_klasifikasi="000.1.5",
        diterima_pada=datetime.date(2026, 9, 1),
        tanggal_surat=datetime.date(2026, 8, 28),
    )
    return Surat.objects.filter(instansi=a.instansi)


@pytest.mark.parametrize(
    ("params", "perihal"),
    [
        ({"q": "survei"}, {"Survei Kepuasan Masyarakat"}),
        ({"q": "000.8.3.2/3/"}, {"Undangan Rapat"}),
        ({"nomor_agenda": "2"}, {"Permintaan Data Kinerja Triwulan III"}),
        ({"pihak": "inspektorat"}, {"Undangan Rapat"}),
        ({"klasifikasi": "000.7"}, {"Permintaan Data Kinerja Triwulan III"}),
        ({"klasifikasi": "000.1.5"}, {"Undangan Rapat"}),
        (
            {"dari": "2026-10-01", "sampai": "2026-11-30"},
            {"Survei Kepuasan Masyarakat", "Permintaan Data Kinerja Triwulan III"},
        ),
        ({"dari": "bukan-tanggal"}, None),  # ignored, not an error
    ],
)
def test_cari_agenda(persona, params, perihal):
    qs = _agenda(persona)
    hasil = set(services.cari_agenda(qs, params).values_list("perihal", flat=True))
    assert hasil == (perihal if perihal is not None else set(qs.values_list("perihal", flat=True)))


def test_halaman_agenda_mencari_dan_memisahkan_arah(persona, masuk):
    a = persona.a
    _agenda(persona)
    surat_keluar(a, perihal="Penyampaian PK 2026")
    c = masuk(a.kasubag)
    url = f"/surat/instansi/{a.instansi.pk}/agenda/"
    isi = c.get(url, {"arah": "masuk", "q": "rapat"}).content.decode()
    assert "Undangan Rapat" in isi and "Survei Kepuasan" not in isi
    isi = c.get(url, {"arah": "keluar"}).content.decode()
    assert "Penyampaian PK 2026" in isi and "000.7.2.7/001/KEC-A/2026" in isi
    assert "Undangan Rapat" not in isi


def test_agenda_berhalaman(persona, masuk):
    a = persona.a
    for n in range(1, 31):
        surat_masuk(a, n, berkas=None)
    c = masuk(a.staf)
    url = f"/surat/instansi/{a.instansi.pk}/agenda/"
    h1 = c.get(url, {"arah": "masuk", "pihak": "bupati"}).content.decode()
    assert "Halaman 1 dari 2" in h1 and "Kepuasan Masyarakat 30<" in h1
    assert "pihak=bupati" in h1  # the next-page link keeps the search
    h2 = c.get(url, {"arah": "masuk", "pihak": "bupati", "hal": 2}).content.decode()
    assert "Kepuasan Masyarakat 1<" in h2 and "Kepuasan Masyarakat 30<" not in h2


def test_ekspor_excel_mengikuti_pencarian(persona, masuk):
    a = persona.a
    _agenda(persona)
    r = masuk(a.staf).get(
        f"/surat/instansi/{a.instansi.pk}/agenda/xlsx/", {"arah": "masuk", "klasifikasi": "000.7"}
    )
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    baris = [list(b) for b in ws.iter_rows(min_row=5, values_only=True)]
    assert len(baris) == 1
    assert baris[0][2] == "000.8.3.2/2/ORG/2026"
    assert baris[0][5] == "Permintaan Data Kinerja Triwulan III"
    assert ws["A1"].value == "BUKU AGENDA SURAT MASUK"


def test_surat_batal_tampil_di_agenda_dan_excel(persona, masuk):
    a = persona.a
    s = surat_keluar(a, perihal="Undangan salah tanggal")
    services.batalkan(aktor=a.kasubag, surat=s, alasan="Salah tanggal rapat")
    c = masuk(a.staf)
    isi = c.get(f"/surat/instansi/{a.instansi.pk}/agenda/", {"arah": "keluar"}).content.decode()
    assert "Batal" in isi and "Salah tanggal rapat" in isi and s.nomor_surat in isi
    r = c.get(f"/surat/instansi/{a.instansi.pk}/agenda/xlsx/", {"arah": "keluar"})
    baris = list(load_workbook(BytesIO(r.content)).active.iter_rows(min_row=5, values_only=True))
    assert baris[0][8] == "Batal" and "BATAL: Salah tanggal rapat" in baris[0][9]


def _banyak(a, n):
    for i in range(n):
        surat_masuk(a, 100 + i, berkas=None, kode_klasifikasi="000.7.5")
        surat_keluar(a, perihal=f"Keluar {i}")


@pytest.mark.parametrize("n", [3, 9])
def test_kueri_agenda_terbatas(persona, masuk, django_assert_max_num_queries, n):
    a = persona.a
    _banyak(a, n)
    c = masuk(a.staf)
    for arah in ("masuk", "keluar"):
        with django_assert_max_num_queries(20):
            r = c.get(f"/surat/instansi/{a.instansi.pk}/agenda/", {"arah": arah})
        assert r.status_code == 200


@pytest.mark.parametrize("n", [3, 9])
def test_kueri_api_agenda_terbatas(persona, masuk, django_assert_max_num_queries, n):
    a = persona.a
    _banyak(a, n)
    c = masuk(a.staf)
    with django_assert_max_num_queries(8):
        r = c.get("/api/surat", {"instansi_id": a.instansi.pk, "arah": "masuk"})
    data = r.json()
    assert data["count"] == n
    assert {s["klasifikasi"] for s in data["items"]} == {"000.7.5"}


def test_api_agenda_dibatasi_instansi(persona, masuk):
    surat_masuk(persona.a, 1)
    c = masuk(persona.b.camat)
    assert c.get("/api/surat").json()["count"] == 0
    assert c.get("/api/surat", {"instansi_id": persona.a.instansi.pk}).json()["count"] == 0
    assert masuk(persona.evaluator).get("/api/surat").json()["count"] == 1
