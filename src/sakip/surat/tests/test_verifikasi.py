"""The public verification page: anyone holding the paper scans the QR and checks the
letter; a copy that differs by a single byte is reported as changed."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from sakip.surat.tte import services

from .contoh_akses_tte import surat_keluar

pytestmark = pytest.mark.django_db
SANDI = "sandi-tte-camat"


@pytest.fixture
def surat_ttd(persona, settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    surat = surat_keluar(persona.a)
    services.beri_paraf(aktor=persona.a.sekcam, surat=surat)
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    services.tandatangani(aktor=persona.a.camat, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    return surat


def _isi(surat) -> bytes:
    with surat.berkas_ttd.open("rb") as f:
        return f.read()


def _ubah(isi: bytes, posisi: int) -> bytes:
    return isi[:posisi] + bytes([isi[posisi] ^ 0x01]) + isi[posisi + 1 :]


def _unggah(client, surat, isi: bytes):
    url = reverse("verifikasi:detail", args=[surat.kode_verifikasi])
    return client.post(url, {"berkas": SimpleUploadedFile("surat.pdf", isi, "application/pdf")})


def _posisi_penting(isi: bytes) -> dict[str, int]:
    """Bytes in each part of the file: the source, the lembar, the signature, the trailer."""
    contents = isi.rindex(b"/Contents <") + len(b"/Contents <")
    return {
        "kepala %PDF": 1,
        "isi dokumen sumber": len(isi) // 10,
        "tengah berkas": len(isi) // 2,
        "ByteRange": isi.rindex(b"/ByteRange") + 12,
        "awal tanda tangan CMS": contents + 10,
        "bantalan nol tanda tangan": isi.index(b">", contents) - 4,
        "sesudah tanda tangan": isi.index(b">", contents) + 5,
        "%%EOF terakhir": len(isi) - 3,
    }


def test_halaman_publik_tanpa_masuk_menyatakan_arsip_sah(client, surat_ttd, persona):
    r = client.get(reverse("verifikasi:detail", args=[surat_ttd.kode_verifikasi]))
    assert r.status_code == 200
    teks = r.content.decode()
    assert surat_ttd.nomor_surat in teks and surat_ttd.perihal in teks
    assert "Camat Alpha" in teks and "Kecamatan Alpha" in teks
    assert "Tanda tangan sah: dokumen utuh dan sama dengan arsip." in teks
    assert r["X-Robots-Tag"] == "noindex"


def test_unduh_publik_memberi_berkas_yang_sama_persis(client, surat_ttd):
    r = client.get(reverse("verifikasi:unduh", args=[surat_ttd.kode_verifikasi]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == _isi(surat_ttd)


def test_kode_tidak_dikenal_atau_belum_ditandatangani_404(client, persona, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert client.get(reverse("verifikasi:detail", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("verifikasi:unduh", args=[uuid.uuid4()])).status_code == 404
    draf = surat_keluar(persona.a)  # exists, but its code is in no QR yet
    assert client.get(reverse("verifikasi:detail", args=[draf.kode_verifikasi])).status_code == 404
    assert client.get("/verifikasi/bukan-uuid/").status_code == 404


def test_unggahan_sama_persis_dinyatakan_utuh(client, surat_ttd):
    r = _unggah(client, surat_ttd, _isi(surat_ttd))
    assert r.status_code == 200
    assert 'id="hasil-unggahan"' in r.content.decode()
    assert "Dokumen utuh dan sama dengan arsip." in r.content.decode()
    assert "Dokumen telah diubah" not in r.content.decode()


def test_setiap_bagian_berkas_yang_diubah_satu_byte_terdeteksi(client, surat_ttd):
    isi = _isi(surat_ttd)
    for bagian, posisi in _posisi_penting(isi).items():
        hasil = services.verifikasi(surat_ttd, pdf=_ubah(isi, posisi))
        assert not hasil.sah and not hasil.cocok_arsip, bagian
        assert any("berbeda dari arsip" in p for p in hasil.pesan), bagian
    # Inside the signed range the signature itself breaks, whatever the archive says.
    hasil = services.verifikasi(surat_ttd, pdf=_ubah(isi, len(isi) // 10))
    assert not hasil.utuh
    # The page says so for an uploaded copy.
    r = _unggah(client, surat_ttd, _ubah(isi, len(isi) // 2))
    assert "Dokumen telah diubah" in r.content.decode()


def test_byte_ditambahkan_di_akhir_terdeteksi(client, surat_ttd):
    isi = _isi(surat_ttd)
    for tambahan in (b"\n", b" ", b"%"):
        hasil = services.verifikasi(surat_ttd, pdf=isi + tambahan)
        assert not hasil.sah and not hasil.cocok_arsip
    assert not services.verifikasi(surat_ttd, pdf=isi[:-1]).sah  # and one taken away
    r = _unggah(client, surat_ttd, isi + b"\n")
    assert "Dokumen telah diubah" in r.content.decode()


def test_byte_acak_mana_pun_terdeteksi(surat_ttd):
    isi = _isi(surat_ttd)

    @hsettings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(posisi=st.integers(min_value=0, max_value=len(isi) - 1), xor=st.integers(1, 255))
    def periksa(posisi, xor):
        berubah = isi[:posisi] + bytes([isi[posisi] ^ xor]) + isi[posisi + 1 :]
        hasil = services.verifikasi(surat_ttd, pdf=berubah)
        assert not hasil.sah and not hasil.cocok_arsip

    periksa()


def test_berkas_bukan_pdf_dan_berkas_terlalu_besar(client, surat_ttd, monkeypatch):
    r = _unggah(client, surat_ttd, b"bukan PDF sama sekali")
    teks = r.content.decode()
    assert "Dokumen telah diubah" in teks and "Tidak ditemukan tanda tangan" in teks
    from sakip.surat import views_tte

    monkeypatch.setattr(views_tte, "UNGGAH_MAKS_MB", 0)
    r = _unggah(client, surat_ttd, _isi(surat_ttd))
    assert r.status_code == 400 and "Berkas lebih dari" in r.content.decode()
    r = client.post(reverse("verifikasi:detail", args=[surat_ttd.kode_verifikasi]), {})
    assert r.status_code == 400 and "Pilih berkas PDF" in r.content.decode()


def test_arsip_yang_dirusak_di_penyimpanan_dilaporkan(client, surat_ttd):
    path = surat_ttd.berkas_ttd.path
    isi = _isi(surat_ttd)
    with open(path, "wb") as f:
        f.write(_ubah(isi, len(isi) // 3))
    r = client.get(reverse("verifikasi:detail", args=[surat_ttd.kode_verifikasi]))
    assert "Dokumen arsip tidak lolos pemeriksaan." in r.content.decode()
