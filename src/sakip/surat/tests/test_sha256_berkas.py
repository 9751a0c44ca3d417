"""Letters' files and their SHA-256: the signed PDF is stored under its hash
(surat/ttd/<sha[:2]>/<sha>.pdf) and downloaded under the letter's number; the same signed
bytes twice reuse the one file; the unsigned source, an incoming scan and a paper
receipt keep their hash, whichever service saved them."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.surat import distribusi
from sakip.surat import services as surat_services
from sakip.surat.tte import services
from sakip.testing import pdf_uji, png_uji

from .contoh_akses_kirim import surat_bertanda_tangan
from .contoh_akses_tte import pdf_contoh, surat_keluar

SANDI = "sandi-tte-camat"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SITE_URL = "https://sakip.contoh.go.id"


@pytest.fixture
def camat(persona):
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    return persona.a.camat


def sha(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def isi_berkas(berkas) -> bytes:
    with berkas.open("rb") as f:
        return f.read()


def test_surat_bertanda_tangan_disimpan_dengan_nama_hash_dan_diunduh_dengan_nomornya(
    persona, camat, client
):
    surat = surat_keluar(persona.a)
    assert surat.sha256_berkas == sha(pdf_contoh())  # the draft's PDF, hashed on save
    services.tandatangani(aktor=camat, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    ditandatangani = isi_berkas(surat.berkas_ttd)
    h = sha(ditandatangani)
    assert surat.berkas_ttd.name == f"surat/ttd/{h[:2]}/{h}.pdf"
    assert surat.sha256_ttd == h == surat.tanda_tangan.get().sha256
    assert surat.sha256_berkas == sha(isi_berkas(surat.berkas))

    r = client.get(reverse("verifikasi:unduh", args=[surat.kode_verifikasi]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == ditandatangani
    nama = surat.nomor_surat.replace("/", "-") + "-ttd.pdf"
    assert f'filename="{nama}"' in r["Content-Disposition"] and h not in r["Content-Disposition"]


class _PenandaSama:
    """The real signer's checks, but always the same signed bytes (a second letter signed
    with exactly the bytes of the first: the store must keep one file)."""

    def __init__(self, asli, isi: bytes):
        self.asli, self.isi, self.penyedia = asli, isi, asli.penyedia

    def periksa_passphrase(self, passphrase):
        self.asli.periksa_passphrase(passphrase)

    def tandatangani(self, *args, **kwargs) -> bytes:
        return self.isi


def test_tanda_tangan_dengan_isi_yang_sama_memakai_berkas_yang_ada(
    persona, camat, monkeypatch, settings
):
    pertama = surat_keluar(persona.a)
    services.tandatangani(aktor=camat, surat=pertama, passphrase=SANDI)
    pertama.refresh_from_db()
    isi = isi_berkas(pertama.berkas_ttd)

    asli = services.penanda_untuk
    monkeypatch.setattr(services, "penanda_untuk", lambda p: _PenandaSama(asli(p), isi))
    kedua = surat_keluar(persona.a, perihal="Surat kedua")
    services.tandatangani(aktor=camat, surat=kedua, passphrase=SANDI)
    kedua.refresh_from_db()
    assert kedua.berkas_ttd.name == pertama.berkas_ttd.name
    assert kedua.sha256_ttd == pertama.sha256_ttd == sha(isi)
    folder = settings.MEDIA_ROOT + "/" + pertama.berkas_ttd.name.rsplit("/", 1)[0]
    storage = pertama.berkas_ttd.storage
    assert storage.listdir(folder)[1] == [pertama.berkas_ttd.name.rsplit("/", 1)[1]]
    assert isi_berkas(kedua.berkas_ttd) == isi


def test_pindaian_surat_masuk_dan_tanda_terima_kertas_punya_hash(persona):
    a = persona.a
    pindaian = pdf_uji("pindaian surat masuk")
    masuk = surat_services.daftarkan_surat_masuk(
        aktor=a.staf,
        instansi=a.instansi,
        asal="Dinas Lain",
        nomor_surat="005/12/DL/2026",
        tanggal_surat=datetime.date(2026, 1, 2),
        diterima_pada=datetime.date(2026, 1, 5),
        perihal="Undangan",
        berkas=SimpleUploadedFile("undangan.pdf", pindaian, "application/pdf"),
    )
    masuk.refresh_from_db()
    assert masuk.sha256_berkas == sha(pindaian) == sha(isi_berkas(masuk.berkas))

    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat_bertanda_tangan(a),
        penerima=[{"nama": "Camat Gamma", "alamat": "Jl. Gamma 3", "cara": "kertas"}],
    )
    penerima = p.penerima.get()
    png = png_uji()
    distribusi.unggah_tanda_terima(
        aktor=a.staf,
        penerima=penerima,
        berkas=SimpleUploadedFile("tanda.png", png, "image/png"),
        diterima_oleh="Pak Budi",
    )
    penerima.refresh_from_db()
    assert penerima.sha256_tanda_terima == sha(png)
    assert penerima.berkas_tanda_terima.name.startswith("surat/tanda-terima/")  # not by hash


def test_migrasi_mengisi_hash_berkas_lama_dan_melewati_yang_hilang(persona):
    import importlib

    from django.apps import apps

    from sakip.surat.models import Surat

    migrasi = importlib.import_module("sakip.surat.migrations.0003_sha256_berkas")
    ada, hilang = surat_keluar(persona.a), surat_keluar(persona.a, perihal="Berkasnya hilang")
    hilang.berkas.storage.delete(hilang.berkas.name)
    Surat.objects.filter(pk__in=[ada.pk, hilang.pk]).update(sha256_berkas="")
    migrasi.isi_hash(apps, None)
    assert Surat.objects.get(pk=ada.pk).sha256_berkas == sha(pdf_contoh())
    assert Surat.objects.get(pk=hilang.pk).sha256_berkas == ""
