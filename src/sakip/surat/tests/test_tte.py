"""Paraf and TTE, as the people do it: Kasubag and Sekcam initial the letter, the Camat
signs it with his passphrase, and the signed PDF carries the paraf and a QR code."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.audit.models import CatatanAudit
from sakip.surat.models import KunciPenanda, Paraf, Surat, TandaTangan, Urutan
from sakip.surat.tte import ca, services
from sakip.surat.tte.penanda import PassphraseSalah

from .contoh_akses_tte import surat_keluar

pytestmark = pytest.mark.django_db
SANDI = "sandi-tte-camat"


@pytest.fixture(autouse=True)
def _ca_sementara(settings, tmp_path):
    # Every test gets its own demo CA and media folder: nothing leaks into var/.
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SITE_URL = "https://sakip.contoh.go.id"


@pytest.fixture
def surat(persona):
    return surat_keluar(persona.a)


@pytest.fixture
def camat_berkunci(persona):
    services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    return persona.a.camat


def teks_pdf(isi: bytes) -> list[str]:
    """Each page's text with line breaks folded into spaces (table cells wrap)."""
    return [" ".join(h.extract_text().split()) for h in pypdf.PdfReader(io.BytesIO(isi)).pages]


def isi_berkas(berkas) -> bytes:
    with berkas.open("rb") as f:
        return f.read()


def test_paraf_lalu_tanda_tangan_menghasilkan_pdf_sah_dengan_lembar_pengesahan(
    persona, surat, camat_berkunci
):
    services.beri_paraf(aktor=persona.a.kasubag, surat=surat, catatan="Sudah sesuai")
    services.beri_paraf(aktor=persona.a.sekcam, surat=surat)

    ttd = services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)

    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI
    assert surat.nomor_surat.startswith("000.7.2.7/001/KEC-A/")
    assert ttd.nama == camat_berkunci.nama_lengkap and ttd.jabatan == "Camat"
    assert "Camat Alpha" in ttd.sertifikat_subjek
    signed = isi_berkas(surat.berkas_ttd)
    assert ttd.sha256 == surat.sha256_ttd
    # The unsigned source stays as it was, and is the first bytes of the signed file.
    sumber = isi_berkas(surat.berkas)
    assert signed.startswith(sumber)
    halaman = teks_pdf(signed)
    assert len(halaman) == 2
    assert "Perjanjian Kinerja Tahun 2026" in halaman[0]
    lembar = halaman[1]
    assert "LEMBAR PENGESAHAN" in lembar
    assert surat.nomor_surat in lembar
    assert "Kasubag Perencanaan dan Evapor" in lembar and "Kasubag Alpha" in lembar
    assert "Sekretaris Camat" in lembar and "Sekcam Alpha" in lembar
    url = f"https://sakip.contoh.go.id/verifikasi/{surat.kode_verifikasi}/"
    assert url in lembar.replace(" ", "")

    hasil = services.verifikasi(surat)
    assert hasil.sah and hasil.utuh and hasil.cocok_arsip
    (tanda,) = hasil.tanda_tangan
    assert tanda.nama == camat_berkunci.nama_lengkap
    assert tanda.terpercaya and tanda.seluruh_berkas
    assert CatatanAudit.objects.filter(keterangan__contains="TTE").exists()


def test_tanda_tangan_visual_berada_di_kotak_lembar_dengan_qr(persona, surat, camat_berkunci):
    services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    pembaca = pypdf.PdfReader(io.BytesIO(isi_berkas(surat.berkas_ttd)))
    (widget,) = [a.get_object() for a in pembaca.pages[1]["/Annots"]]
    assert widget["/FT"] == "/Sig" and widget["/T"] == "TTE-Pengesahan"
    from sakip.surat.tte.lembar import KOTAK

    assert [round(float(v)) for v in widget["/Rect"]] == list(KOTAK.sebagai_pdf())
    # The appearance stream draws the QR code (an image XObject named /QR).
    tampilan = widget["/AP"]["/N"].get_object()
    assert "/QR" in str(tampilan["/Resources"])


def test_passphrase_salah_tidak_menandatangani_dan_tidak_mengambil_nomor(
    persona, surat, camat_berkunci
):
    with pytest.raises(PassphraseSalah, match="Passphrase salah. Dokumen belum ditandatangani"):
        services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase="bukan-ini")
    surat.refresh_from_db()
    assert not surat.berkas_ttd and not surat.sha256_ttd
    assert surat.nomor_surat == "" and surat.nomor_urut is None
    assert surat.status == Surat.Status.DRAF
    assert not TandaTangan.objects.exists()
    assert not Urutan.objects.filter(terakhir__gt=0).exists()
    # The next letter still gets number 1: nothing was consumed.
    services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    assert "/001/" in surat.nomor_surat


def test_kegagalan_sesudah_nomor_diambil_mengembalikan_nomor(
    persona, surat, camat_berkunci, monkeypatch
):
    """Even a failure after the key opened (the signer crashes) rolls the number back."""
    from sakip.surat.tte import penanda

    def rusak(*a, **kw):
        raise penanda.TteGagal("Layanan mati")

    monkeypatch.setattr(penanda.Pkcs12Penanda, "tandatangani", rusak)
    with pytest.raises(ValidationError):
        services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    assert surat.nomor_surat == "" and not Urutan.objects.filter(terakhir__gt=0).exists()


def test_tanpa_kunci_tidak_dapat_menandatangani(persona, surat):
    with pytest.raises(ValidationError, match="belum memiliki sertifikat TTE"):
        services.tandatangani(aktor=persona.a.camat, surat=surat, passphrase="apa saja")
    assert not services.punya_kunci(persona.a.camat)


def test_agensi_lain_tidak_dapat_memaraf_atau_menandatangani(persona, surat):
    services.buat_kunci_demo(pegawai=persona.b.camat, passphrase=SANDI)
    with pytest.raises(PermissionDenied):
        services.tandatangani(aktor=persona.b.camat, surat=surat, passphrase=SANDI)
    with pytest.raises(PermissionDenied):
        services.beri_paraf(aktor=persona.b.kasubag, surat=surat)
    with pytest.raises(PermissionDenied):
        services.beri_paraf(aktor=persona.evaluator, surat=surat)


def test_tanda_tangan_dua_kali_tidak_berbahaya(persona, surat, camat_berkunci):
    pertama = services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    kedua = services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    assert pertama.pk == kedua.pk and TandaTangan.objects.count() == 1
    services.buat_kunci_demo(pegawai=persona.a.sekcam, passphrase=SANDI)
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.tandatangani(aktor=persona.a.sekcam, surat=surat, passphrase=SANDI)


def test_paraf_idempoten_dan_ditolak_setelah_ditandatangani(persona, surat, camat_berkunci):
    p1 = services.beri_paraf(aktor=persona.a.kasubag, surat=surat)
    p2 = services.beri_paraf(aktor=persona.a.kasubag, surat=surat)
    assert p1.pk == p2.pk and Paraf.objects.count() == 1
    assert p1.jabatan == "Kasubag Perencanaan dan Evapor"
    services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.beri_paraf(aktor=persona.a.sekcam, surat=surat)
    assert Paraf.objects.count() == 1


def test_paraf_plt_tercatat_dengan_awalan(persona, surat):
    from sakip.organisasi.models import PelaksanaTugas

    PelaksanaTugas.objects.create(
        jabatan=persona.a.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis="plt",
        tanggal_mulai="2020-01-01",
    )
    paraf = services.beri_paraf(aktor=persona.a.kasubag, surat=surat, tugas=None, catatan="")
    assert paraf.jabatan == "Kasubag Perencanaan dan Evapor"  # the definitive one first
    assert (
        services.jabatan_di(
            persona.a.kasubag, persona.a.instansi.pk, utamakan_id=persona.a.j_sekcam.pk
        )
        == "Plt. Sekretaris Camat"
    )


def test_surat_masuk_tidak_diparaf(persona, surat):
    Surat.objects.filter(pk=surat.pk).update(arah=Surat.Arah.MASUK)
    surat.refresh_from_db()
    with pytest.raises(ValidationError, match="surat keluar"):
        services.beri_paraf(aktor=persona.a.kasubag, surat=surat)


def test_passphrase_tidak_pernah_tersimpan(persona, surat, camat_berkunci):
    services.beri_paraf(aktor=persona.a.kasubag, surat=surat)
    with pytest.raises(PassphraseSalah):
        services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase="tebakan-salah-1")
    services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    rahasia = [SANDI.encode(), b"tebakan-salah-1"]
    kunci = KunciPenanda.objects.get(pegawai=camat_berkunci)
    baris = [bytes(kunci.p12), kunci.sertifikat_pem.encode()]
    baris += [
        repr(c.perubahan).encode() + c.keterangan.encode() for c in CatatanAudit.objects.all()
    ]
    for model in (Surat, TandaTangan, Paraf):
        baris += [repr(list(model.objects.values())).encode()]
    for isi in baris:
        for r in rahasia:
            assert r not in isi
    # The key's audit record shows a fingerprint, never the PKCS#12 bytes.
    catatan_kunci = CatatanAudit.objects.get(keterangan="Membuat kunci TTE demo")
    assert catatan_kunci.perubahan["p12"][1].startswith("•••• ")


def test_kunci_demo_berisi_sertifikat_sesuai_pejabat(persona):
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID, NameOID

    kunci = services.buat_kunci_demo(pegawai=persona.a.camat, passphrase=SANDI)
    sert = x509.load_pem_x509_certificate(kunci.sertifikat_pem.encode())
    assert sert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Camat Alpha"
    assert (
        sert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == persona.a.camat.nip
    )
    assert (
        sert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Kecamatan Alpha"
    )
    ku = sert.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
    assert ku.digital_signature and ku.content_commitment and not ku.key_cert_sign
    assert sert.issuer == ca.otoritas_demo().sertifikat.subject
    with pytest.raises(ValidationError, match="minimal 8"):
        services.buat_kunci_demo(pegawai=persona.a.camat, passphrase="pendek")


def test_ca_baru_bila_secret_key_berganti_tanda_tangan_lama_tetap_terpercaya(
    persona, surat, camat_berkunci, settings
):
    services.tandatangani(aktor=camat_berkunci, surat=surat, passphrase=SANDI)
    surat.refresh_from_db()
    lama = ca.otoritas_demo().sertifikat
    settings.SECRET_KEY = "kunci-rahasia-lain"
    baru = ca.otoritas_demo().sertifikat
    assert baru.serial_number != lama.serial_number
    assert services.verifikasi(surat).sah
