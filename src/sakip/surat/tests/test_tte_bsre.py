"""The HTTP signer against a stand-in for BSrE: NIK + passphrase + PDF → signed PDF."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sakip.surat.models import KunciPenanda, Surat, TandaTangan, Urutan
from sakip.surat.tte import services
from sakip.surat.tte.penanda import BsrePenanda, PassphraseSalah, TteGagal, penanda_untuk

from .bsre_palsu import BsrePalsu
from .contoh_akses_tte import surat_keluar

pytestmark = pytest.mark.django_db
NIK = "1408011507800001"
SANDI = "Passphrase#BSrE1"


@pytest.fixture
def bsre(settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with BsrePalsu({NIK: ("Camat Alpha", SANDI)}) as palsu:
        settings.TTE_BSRE_URL = palsu.url
        settings.TTE_BSRE_USER, settings.TTE_BSRE_PASSWORD = palsu.auth
        settings.TTE_AKAR_TEPERCAYA = [str(palsu.simpan_akar(tmp_path))]
        yield palsu


@pytest.fixture
def camat_bsre(persona):
    KunciPenanda.objects.create(
        pegawai=persona.a.camat, penyedia=KunciPenanda.Penyedia.BSRE, nik=NIK
    )
    return persona.a.camat


def test_tanda_tangan_lewat_bsre_bolak_balik(persona, bsre, camat_bsre):
    surat = surat_keluar(persona.a)
    services.beri_paraf(aktor=persona.a.sekcam, surat=surat)
    assert isinstance(penanda_untuk(camat_bsre), BsrePenanda)

    ttd = services.tandatangani(aktor=camat_bsre, surat=surat, passphrase=SANDI)

    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI and surat.nomor_surat
    assert ttd.penyedia == "bsre" and "BSrE" not in ttd.sertifikat_subjek
    assert "Camat Alpha" in ttd.sertifikat_subjek
    hasil = services.verifikasi(surat)
    assert hasil.sah, hasil.pesan
    # What the service received: NIK, passphrase, the visible box on the lembar page, the QR link.
    (kolom,) = bsre.permintaan
    assert kolom["nik"] == NIK and kolom["passphrase"] == SANDI
    assert kolom["tampilan"] == "visible" and kolom["page"] == "2"
    assert kolom["linkQR"].endswith(f"/verifikasi/{surat.kode_verifikasi}/")
    assert int(kolom["width"]) > 200 and int(kolom["height"]) > 100


def test_passphrase_salah_di_bsre_tidak_menulis_apa_pun(persona, bsre, camat_bsre):
    surat = surat_keluar(persona.a)
    with pytest.raises(PassphraseSalah, match="Passphrase salah"):
        services.tandatangani(aktor=camat_bsre, surat=surat, passphrase="salah-sekali")
    surat.refresh_from_db()
    assert not surat.berkas_ttd and surat.nomor_surat == "" and surat.status == "draf"
    assert not TandaTangan.objects.exists()
    assert not Urutan.objects.filter(terakhir__gt=0).exists()


def test_nik_tidak_dikenal_dan_akun_aplikasi_ditolak(persona, bsre, settings):
    surat = surat_keluar(persona.a)
    KunciPenanda.objects.create(
        pegawai=persona.a.camat, penyedia=KunciPenanda.Penyedia.BSRE, nik="9999999999999999"
    )
    with pytest.raises(TteGagal, match="NIK"):
        services.tandatangani(aktor=persona.a.camat, surat=surat, passphrase=SANDI)
    settings.TTE_BSRE_PASSWORD = "bukan"
    with pytest.raises(TteGagal, match="menolak akses aplikasi"):
        services.tandatangani(aktor=persona.a.camat, surat=surat, passphrase=SANDI)
    assert not TandaTangan.objects.exists()


def test_layanan_mati_atau_belum_dikonfigurasi(persona, camat_bsre, settings, tmp_path):
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    surat = surat_keluar(persona.a)
    settings.TTE_BSRE_URL = ""
    with pytest.raises(ValidationError, match="belum dikonfigurasi"):
        services.tandatangani(aktor=camat_bsre, surat=surat, passphrase=SANDI)
    settings.TTE_BSRE_URL = "http://127.0.0.1:9"  # the discard port: nothing listens
    with pytest.raises(ValidationError, match="tidak dapat dihubungi"):
        services.tandatangani(aktor=camat_bsre, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    assert surat.nomor_surat == ""


def test_tanda_tangan_bsre_tidak_dipercaya_tanpa_akar_bsre(persona, bsre, camat_bsre, settings):
    surat = surat_keluar(persona.a)
    services.tandatangani(aktor=camat_bsre, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    settings.TTE_AKAR_TEPERCAYA = []
    hasil = services.verifikasi(surat)
    assert hasil.utuh and hasil.cocok_arsip and not hasil.sah
    assert any("tidak diterbitkan oleh otoritas" in p for p in hasil.pesan)
