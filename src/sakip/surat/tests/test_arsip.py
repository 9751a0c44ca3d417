"""The archive: Staf Alpha files the signed letters; anyone of the agency (and the Pemda's
evaluators) finds them by code, year or text, sees their retention, and downloads the PDF
exactly as it was signed."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sakip.audit.models import CatatanAudit
from sakip.surat import arsip
from sakip.surat.models import KodeKlasifikasi, Surat

from .contoh_akses_kirim import kode, surat_bertanda_tangan

BATAS_QUERY_ARSIP = 16  # constant: the base layout alone costs about seven


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _arsip(a, nomor, perihal, tanggal, k):
    s = surat_bertanda_tangan(a, nomor=nomor, perihal=perihal, tanggal=tanggal, klasifikasi=k)
    return arsip.arsipkan(aktor=a.staf, surat=s)


def test_arsipkan_sekali_saja(persona):
    a = persona.a
    surat = surat_bertanda_tangan(a, klasifikasi=kode())
    hasil = arsip.arsipkan(aktor=a.staf, surat=surat)
    assert hasil.status == Surat.Status.DIARSIPKAN and hasil.diarsipkan_oleh == a.staf
    waktu = hasil.diarsipkan_pada
    lagi = arsip.arsipkan(aktor=a.kasubag, surat=surat)
    assert (lagi.diarsipkan_pada, lagi.diarsipkan_oleh) == (waktu, a.staf)
    assert CatatanAudit.objects.filter(keterangan="Mengarsipkan surat").count() == 1

    draf = Surat.objects.create(
        instansi=a.instansi, arah="keluar", status=Surat.Status.BERNOMOR, perihal="Draf"
    )
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        arsip.arsipkan(aktor=a.staf, surat=draf)
    with pytest.raises(PermissionDenied):
        arsip.arsipkan(aktor=persona.evaluator, surat=surat_bertanda_tangan(a, nomor="x/2"))
    # The end of an SOP run files the letter on the system's behalf.
    sistem = arsip.arsipkan(aktor=None, surat=surat_bertanda_tangan(a, nomor="x/5"))
    assert sistem.status == Surat.Status.DIARSIPKAN and sistem.diarsipkan_oleh is None


def test_retensi_dihitung_dari_tahun_surat(persona):
    a = persona.a
    k = kode("000.8.3.3", "SOP", aktif=3, inaktif=5, nasib=KodeKlasifikasi.NasibAkhir.PERMANEN)
    s = surat_bertanda_tangan(a, tanggal=datetime.date(2024, 12, 31), klasifikasi=k)
    r = arsip.retensi(s)
    assert (r["aktif_sampai"], r["inaktif_sampai"], r["nasib_akhir"]) == (2027, 2032, "Permanen")

    # Without a date the year it was filed counts.
    tanpa_tanggal = surat_bertanda_tangan(a, nomor="x/3", tanggal=None, klasifikasi=k)
    tanpa_tanggal = arsip.arsipkan(aktor=a.staf, surat=tanpa_tanggal)
    tahun = timezone.localtime(tanpa_tanggal.diarsipkan_pada).year
    assert arsip.retensi(tanpa_tanggal)["aktif_sampai"] == tahun + 3

    tanpa_kode = surat_bertanda_tangan(a, nomor="x/4")
    r = arsip.retensi(tanpa_kode)
    assert r["aktif_sampai"] is None and r["nasib_akhir"] == "Belum diklasifikasi"


def test_halaman_arsip_dikelompokkan_dan_disaring(persona, masuk):
    a = persona.a
    pk_kode = kode("000.7.2.7", "Penetapan/Kontrak Kinerja", aktif=2, inaktif=3)
    lap_kode = kode("000.7.2.8", "Laporan Berkala", aktif=1, inaktif=4)
    _arsip(a, "000.7.2.7/001/KEC-A/2025", "PK Camat 2025", datetime.date(2025, 2, 1), pk_kode)
    _arsip(a, "000.7.2.7/003/KEC-A/2026", "PK Camat 2026", datetime.date(2026, 1, 9), pk_kode)
    _arsip(
        a,
        "000.7.2.8/004/KEC-A/2026",
        "Laporan Bulanan Januari",
        datetime.date(2026, 2, 3),
        lap_kode,
    )
    surat_bertanda_tangan(a, nomor="000.7.2.8/005/KEC-A/2026", perihal="Belum diarsipkan")

    c = masuk(a.staf)
    url = f"/surat/instansi/{a.instansi.pk}/arsip/"
    isi = c.get(url).content.decode()
    assert "Belum diarsipkan" not in isi
    assert isi.index("000.7.2.7 Penetapan/Kontrak Kinerja") < isi.index("000.7.2.8 Laporan Berkala")
    assert "aktif sampai 2027, inaktif sampai 2030, musnah" in isi  # PK 2025
    assert "aktif sampai 2027, inaktif sampai 2031" in isi  # Laporan 2026

    def perihal(**saring):
        isi = c.get(url, saring).content.decode()
        return {
            p for p in ("PK Camat 2025", "PK Camat 2026", "Laporan Bulanan Januari") if p in isi
        }

    assert perihal(kode="000.7.2.7") == {"PK Camat 2025", "PK Camat 2026"}
    assert perihal(kode="000.7") == {"PK Camat 2025", "PK Camat 2026", "Laporan Bulanan Januari"}
    assert perihal(tahun=2026) == {"PK Camat 2026", "Laporan Bulanan Januari"}
    assert perihal(q="januari") == {"Laporan Bulanan Januari"}
    assert perihal(q="003/KEC-A") == {"PK Camat 2026"}
    assert perihal(kode="000.7.2.7", tahun=2025) == {"PK Camat 2025"}
    assert "Tidak ada arsip yang cocok" in c.get(url, {"q": "tidak ada"}).content.decode()


def test_unduhan_arsip_utuh_dengan_tanda_tangannya(persona, client):
    a = persona.a
    surat = _arsip(a, "000.7.2.7/001/KEC-A/2026", "PK", datetime.date(2026, 1, 2), kode())
    url = f"/surat/arsip/{surat.pk}/unduh/"
    for orang in (a.staf, persona.evaluator):  # the Pemda's evaluators read archives
        client.force_login(orang)
        r = client.get(url)
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        isi = b"".join(r.streaming_content)
        assert hashlib.sha256(isi).hexdigest() == surat.sha256_ttd
        assert 'filename="000.7.2.7-001-KEC-A-2026.pdf"' in r["Content-Disposition"]
    client.force_login(persona.evaluator)
    isi = client.get(f"/surat/instansi/{a.instansi.pk}/arsip/").content.decode()
    assert "000.7.2.7/001/KEC-A/2026" in isi
    for orang in (persona.b.staf, persona.evaluator_lain):
        client.force_login(orang)
        assert client.get(url).status_code == 404
        assert client.get(f"/surat/instansi/{a.instansi.pk}/arsip/").status_code == 404
    # A letter not yet signed has nothing to download: back to the letter, with the reason.
    draf = Surat.objects.create(instansi=a.instansi, arah="keluar", perihal="Draf")
    client.force_login(a.staf)
    r = client.get(f"/surat/arsip/{draf.pk}/unduh/", follow=True)
    assert r.redirect_chain[-1][0] == f"/surat/{draf.pk}/"
    assert "belum bertanda tangan elektronik" in r.content.decode()


def test_tombol_arsipkan_kembali_ke_halaman_surat(persona, masuk):
    a = persona.a
    surat = surat_bertanda_tangan(a, klasifikasi=kode())
    c = masuk(a.staf)
    r = c.post(f"/surat/arsip/{surat.pk}/arsipkan/", {"kembali": f"/surat/{surat.pk}/"})
    assert r.status_code == 302 and r["Location"] == f"/surat/{surat.pk}/"
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DIARSIPKAN
    # An outside address is not followed.
    r = c.post(f"/surat/arsip/{surat.pk}/arsipkan/", {"kembali": "https://jahat.example/"})
    assert r["Location"] == f"/surat/instansi/{a.instansi.pk}/arsip/"
    c = masuk(persona.evaluator)
    assert c.post(f"/surat/arsip/{surat.pk}/arsipkan/").status_code == 404


def test_jumlah_query_arsip_tetap(persona, masuk, django_assert_max_num_queries):
    a = persona.a
    kode_list = [kode(f"000.7.2.{i}", f"Kode {i}") for i in range(1, 4)]
    c = masuk(a.staf)
    url = f"/surat/instansi/{a.instansi.pk}/arsip/"
    nomor = 0
    for n in (3, 9):
        while nomor < n:
            nomor += 1
            k = kode_list[nomor % 3]
            _arsip(a, f"{k.kode}/{nomor:03d}/KEC-A/2026", f"Arsip {nomor}", None, k)
        with django_assert_max_num_queries(BATAS_QUERY_ARSIP):
            isi = c.get(url).content.decode()
        assert isi.count('id="arsip-') == n
        with django_assert_max_num_queries(BATAS_QUERY_ARSIP):
            c.get(url, {"kode": "000.7.2.1", "tahun": timezone.localdate().year, "q": "Arsip"})
