"""April's kartu kendali, from the Kasubag's draft to the Camat's TTE (seed 001, Alpha).

The Kasubag's drafting step (step 2) hands the card to the Sekretaris: refused while a
row has no realisasi fisik, naming each sub kegiatan in words with a link to its row, and
nothing is written. Filled, it goes on; the Sekretaris initials; the Camat previews the
exact PDF (the card's figures, the Lembar Pengesahan with the paraf, no signature), types
a wrong passphrase (PassphraseSalah, nothing signed), then signs: the signed PDF is the
card itself, and the card's print link serves that signed file from then on.
"""

import io
import re
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran import dokumen_monitoring, monitoring
from sakip.pengukuran.models import EvaluasiTriwulan, KartuKendali
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine, tindakan
from sakip.sop import services as sop_services
from sakip.sop.models import Lampiran, Peristiwa
from sakip.sop.tests.conftest import jalankan_sampai
from sakip.surat.models import Surat, TandaTangan
from sakip.surat.tte import PassphraseSalah
from sakip.surat.tte import services as tte

SANDI = "rahasia-camat-alpha"
JUDUL = "Rencana Program dan Rencana Aksi Kinerja — Kartu Kendali Bulan April 2025"


def teks_pdf(isi: bytes) -> str:
    return " ".join(" ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages).split())


@pytest.fixture
def run_april(persona):
    """Alpha: the 2025 DPA (two sub kegiatan), seed 001 adopted, the Camat's TTE key, and
    April's monitoring run started by the Kasubag (it drafts April's card)."""
    a = persona.a
    bangun.dokumen(a, bangun.renstra(a), "dpa")
    for nama, jabatan in (
        ("Kasubag Perencanaan", a.j_kasubag),
        ("Sekretaris Camat", a.j_sekcam),
        ("Tim Monitoring", a.j_kasubag),
        ("Fungsional Umum", a.j_staf),
    ):
        PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=jabatan)
    sop = sop_services.adopsi(aktor=a.camat, instansi=a.instansi, kode="001-monev-rencana-aksi")
    tte.buat_kunci_demo(pegawai=a.camat, passphrase=SANDI)
    p = engine.mulai(aktor=a.kasubag, sop=sop, judul="Monitoring April 2025", periode="2025-04")
    return p, dokumen_terikat.dokumen_dari(p)


def _isi(aktor, kartu, nilai: dict[str, D | None]) -> None:
    isian = {
        b.pk: monitoring.IsianBaris(b.target_fisik, nilai[b.item.kode], "", "")
        for b in kartu.baris.select_related("item")
    }
    monitoring.isi_kartu(aktor=aktor, kartu=kartu, isian=isian)


def _jejak() -> tuple[int, int, int]:
    return CatatanAudit.objects.count(), Peristiwa.objects.count(), Lampiran.objects.count()


def test_draf_kasubag_ditolak_selama_realisasi_kosong_dan_tidak_menulis_apa_pun(persona, run_april):
    a = persona.a
    p, kartu = run_april
    susun = jalankan_sampai(p, 2)
    assert susun.pelaksana_nama == "Kasubag Perencanaan"
    sebelum = _jejak()
    with pytest.raises(dokumen_terikat.DokumenBelumLengkap) as galat:
        engine.selesaikan(aktor=a.kasubag, tugas=susun, catatan="Draf selesai")
    assert str(galat.value) == "Kartu kendali April 2025 belum lengkap untuk langkah ini (2 hal)."
    baris = {b.item.kode: b for b in kartu.baris.select_related("item")}
    assert [(k.pesan, k.url) for k in galat.value.kekurangan] == [
        (
            "Realisasi fisik sub kegiatan “Penyusunan Dokumen Perencanaan” "
            "(7.01.01.2.01.0001) belum diisi",
            f"/pengukuran/kartu-kendali/{kartu.pk}/#baris-{baris['7.01.01.2.01.0001'].pk}",
        ),
        (
            "Realisasi fisik sub kegiatan “Penyusunan Laporan Kinerja” "
            "(7.01.01.2.01.0006) belum diisi",
            f"/pengukuran/kartu-kendali/{kartu.pk}/#baris-{baris['7.01.01.2.01.0006'].pk}",
        ),
    ]
    assert _jejak() == sebelum  # no audit row, no event, no file
    susun.refresh_from_db()
    assert susun.status == "terbuka" and susun.catatan == ""

    # The link lands on the row: the card page carries the anchor.
    halaman = _klien(a.kasubag).get(galat.value.kekurangan[0].url.split("#")[0])
    assert f'id="baris-{baris["7.01.01.2.01.0001"].pk}"' in halaman.content.decode()

    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("45.5"), "7.01.01.2.01.0006": None})
    with pytest.raises(dokumen_terikat.DokumenBelumLengkap) as galat:
        engine.selesaikan(aktor=a.kasubag, tugas=susun)
    assert len(galat.value.kekurangan) == 1 and "Penyusunan Laporan Kinerja" in str(
        galat.value.kekurangan[0].pesan
    )
    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("45.5"), "7.01.01.2.01.0006": D(20)})
    engine.selesaikan(aktor=a.kasubag, tugas=susun, catatan="Draf selesai")
    assert p.tugas.get(status="terbuka").langkah_no == 3


def _klien(pegawai):
    from django.test import Client

    c = Client()
    c.force_login(pegawai)
    return c


def test_pratinjau_passphrase_salah_lalu_tte_kartu_dengan_angkanya(persona, run_april):
    a = persona.a
    p, kartu = run_april
    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("45.5"), "7.01.01.2.01.0006": D(20)})
    ttd = jalankan_sampai(p, 4)  # the Sekretaris initialled at step 3
    assert engine.perlu_passphrase(ttd, a.camat)

    # The Camat previews the exact PDF: the card's figures and the paraf, no signature.
    pratinjau, nama = tindakan.pratinjau_pdf(p, ttd, a.camat)
    assert nama.endswith(".pdf")
    isi = teks_pdf(pratinjau)
    assert JUDUL in isi
    assert "Penyusunan Dokumen Perencanaan" in isi and "45,50%" in isi and "20,00%" in isi
    assert "LEMBAR PENGESAHAN" in isi and a.sekcam.nama_lengkap in isi
    assert tte.periksa_pdf(pratinjau) == []  # not signed
    assert not TandaTangan.objects.exists()
    assert tindakan.pratinjau_pdf(p, p.tugas.get(langkah_no=1), a.camat) is None

    # A row emptied again: the document's gap is said, not hidden behind the passphrase.
    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("45.5"), "7.01.01.2.01.0006": None})
    with pytest.raises(dokumen_terikat.DokumenBelumLengkap):
        engine.putuskan(aktor=a.camat, tugas=ttd, setuju=True, passphrase="bukan-ini")
    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("45.5"), "7.01.01.2.01.0006": D(20)})

    # A wrong passphrase: said as such, nothing signed, no number, the card not frozen.
    with pytest.raises(PassphraseSalah) as galat:
        engine.putuskan(aktor=a.camat, tugas=ttd, setuju=True, passphrase="bukan-ini")
    assert galat.value.code == "passphrase_salah"
    assert str(galat.value) == (
        "Passphrase salah. Dokumen belum ditandatangani dan tidak ada nomor yang diambil."
    )
    kartu.refresh_from_db()
    ttd.refresh_from_db()
    assert kartu.status == KartuKendali.Status.DRAF and ttd.status == "terbuka"
    assert not TandaTangan.objects.exists()
    assert not Surat.objects.exclude(nomor_surat="").filter(dokumen_id=kartu.pk).exists()

    engine.putuskan(aktor=a.camat, tugas=ttd, setuju=True, passphrase=SANDI)
    kartu.refresh_from_db()
    assert kartu.status == KartuKendali.Status.DITANDATANGANI
    surat = Surat.objects.get(arah="keluar", dokumen_id=kartu.pk, pelaksanaan=p)
    with surat.berkas_ttd.open("rb") as f:
        ditandatangani = f.read()
    isi = teks_pdf(ditandatangani)
    assert JUDUL in isi and "Penyusunan Laporan Kinerja" in isi and "45,50%" in isi
    assert surat.nomor_surat in isi  # the Lembar Pengesahan carries the number
    assert tte.verifikasi(surat).utuh
    # The preview drew the same pages the Camat then signed (only number and stamp differ).
    assert len(PdfReader(io.BytesIO(ditandatangani)).pages) == len(
        PdfReader(io.BytesIO(pratinjau)).pages
    )

    # "Cetak (PDF)" on the card now serves the signed file, byte for byte.
    r = _klien(a.sekcam).get(f"/pengukuran/kartu-kendali/{kartu.pk}/cetak.pdf")
    assert r.status_code == 200 and r.content == ditandatangani
    # Kecamatan Beta does not reach it.
    assert (
        _klien(persona.b.camat).get(f"/pengukuran/kartu-kendali/{kartu.pk}/cetak.pdf").status_code
        == 404
    )


def test_cetak_kartu_dan_evaluasi_sebelum_ditandatangani(persona, run_april):
    a = persona.a
    p, kartu = run_april
    _isi(a.kasubag, kartu, {"7.01.01.2.01.0001": D("30"), "7.01.01.2.01.0006": D("12.25")})
    halaman = _klien(a.kasubag).get(f"/pengukuran/kartu-kendali/{kartu.pk}/").content.decode()
    assert f'href="/pengukuran/kartu-kendali/{kartu.pk}/cetak.pdf"' in halaman
    r = _klien(a.kasubag).get(f"/pengukuran/kartu-kendali/{kartu.pk}/cetak.pdf")
    assert r["Content-Type"] == "application/pdf"
    isi = teks_pdf(r.content)
    assert JUDUL in isi and "12,25%" in isi and "Jumlah" in isi
    assert a.instansi.nama.upper() in isi  # the letterhead

    ev = monitoring.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=2025, triwulan=1)
    monitoring.simpan_kesimpulan(
        aktor=a.kasubag, evaluasi=ev, kesimpulan="Serapan TW I di bawah rencana kas."
    )
    assert monitoring.kekurangan_evaluasi(ev) == []
    halaman = _klien(a.kasubag).get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/").content.decode()
    assert f'href="/pengukuran/evaluasi-triwulan/{ev.pk}/cetak.pdf"' in halaman
    isi = teks_pdf(_klien(a.sekcam).get(f"/pengukuran/evaluasi-triwulan/{ev.pk}/cetak.pdf").content)
    assert "Evaluasi Triwulan I 2025" in isi and "Serapan TW I di bawah rencana kas." in isi
    assert re.search(r"Rekomendasi perbaikan kinerja", isi)


def test_evaluasi_tanpa_kesimpulan_belum_lengkap(persona):
    a = persona.a
    ev = EvaluasiTriwulan.objects.create(instansi=a.instansi, tahun=2025, triwulan=2)
    kurang = monitoring.kekurangan_evaluasi(ev)
    assert [k.pesan for k in kurang] == ["Kesimpulan evaluasi belum ditulis"]
    assert kurang[0].url == f"/pengukuran/evaluasi-triwulan/{ev.pk}/#kesimpulan"
    assert dokumen_monitoring.judul_evaluasi(ev) == "Evaluasi Triwulan II 2025"
