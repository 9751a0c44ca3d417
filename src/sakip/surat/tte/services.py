"""Paraf and TTE on outgoing letters, and checking a signed PDF (docs/domain.md §11).

- `beri_paraf`: a reviewer initials the letter; the paraf prints on the Lembar Pengesahan.
- `tandatangani`: the head (or an official holding a TTE key) signs. The letter takes
  its number inside the same transaction as the signing, so a failed signing (a wrong
  passphrase, the TTE service down) rolls the number back: numbers stay gap-free and a
  failed attempt writes nothing. The passphrase is handed to the signer and forgotten.
- `verifikasi`: the public check of the stored signed PDF or an uploaded copy: every
  signature intact and trusted, covering the whole file, and the bytes equal to the archive.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.dokumen.penyimpanan import simpan_beralamat_isi
from sakip.lib.sidik import sha256_isi
from sakip.organisasi.pemangku import jabatan_di, jabatan_penanda_tangan

from ..models import KunciPenanda, Paraf, Surat, TandaTangan
from . import ca, lembar
from .penanda import Metadata, PassphraseSalah, TteGagal, penanda_untuk

log = logging.getLogger(__name__)

# Signed letters are stored as surat/ttd/<sha256[:2]>/<sha256>.pdf (dokumen/penyimpanan.py).
PREFIX_TTD = "surat/ttd"

__all__ = [
    "HasilVerifikasi",
    "PassphraseSalah",
    "TteGagal",
    "beri_paraf",
    "buat_kunci_demo",
    "info_sertifikat",
    "jabatan_di",
    "punya_kunci",
    "tandatangani",
    "verifikasi",
]

# Once signed (or cancelled) a letter's paraf and signature no longer change.
SELESAI = (
    Surat.Status.DITANDATANGANI,
    Surat.Status.DIKIRIM,
    Surat.Status.DIARSIPKAN,
    Surat.Status.BATAL,
)


# ---------------------------------------------------------------- helpers


def _boleh_tulis(aktor, surat: Surat) -> bool:
    return Surat.objects.for_user(aktor, ubah=True).filter(pk=surat.pk).exists()


def _kunci_surat(surat: Surat) -> Surat:
    return (
        Surat.objects.select_for_update(of=("self",))
        .select_related("instansi__pemda", "klasifikasi")
        .get(pk=surat.pk)
    )


def _periksa_dapat_diproses(surat: Surat, *, tindakan: str) -> None:
    if surat.arah != Surat.Arah.KELUAR:
        raise ValidationError(_("Hanya surat keluar yang diparaf dan ditandatangani."))
    if surat.status == Surat.Status.BATAL:
        raise ValidationError(_("Surat ini dibatalkan."))
    if surat.berkas_ttd or surat.status in SELESAI:
        raise ValidationError(
            _("Surat ini sudah ditandatangani; %(tindakan)s tidak dapat diubah lagi.")
            % {"tindakan": tindakan}
        )


def _baca(berkas) -> bytes | None:
    if not berkas:
        return None
    with berkas.open("rb") as f:
        return f.read()


# ---------------------------------------------------------------- paraf


def beri_paraf(*, aktor, surat: Surat, tugas=None, catatan: str = "") -> Paraf:
    """Record `aktor`'s paraf on the letter; the same reviewer and task twice gives one row."""
    if not _boleh_tulis(aktor, surat):
        raise PermissionDenied(_("Anda tidak berwenang memaraf surat instansi ini."))
    with transaction.atomic():
        surat = _kunci_surat(surat)
        ada = Paraf.objects.filter(surat=surat, pegawai=aktor, tugas=tugas).first()
        if ada is not None:
            return ada  # a double submit or the step completed twice
        _periksa_dapat_diproses(surat, tindakan=_("paraf"))
        jabatan = jabatan_di(
            aktor, surat.instansi_id, utamakan_id=getattr(tugas, "jabatan_id", None)
        )
        if not jabatan:
            raise ValidationError(
                _("Paraf diberikan oleh pemegang jabatan pada %(instansi)s.")
                % {"instansi": surat.instansi.nama}
            )
        paraf = Paraf.objects.create(
            surat=surat,
            pegawai=aktor,
            jabatan=jabatan[:200],
            tugas=tugas,
            catatan=(catatan or "").strip(),
        )
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=paraf,
            sesudah=audit.snapshot(paraf),
            keterangan="Memaraf surat",
        )
    return paraf


# ---------------------------------------------------------------- keys


def punya_kunci(pegawai) -> bool:
    """Whether `pegawai` can sign electronically (an active TTE key is registered)."""
    if not getattr(pegawai, "is_authenticated", False):
        return False
    return KunciPenanda.objects.filter(pegawai=pegawai, aktif=True).exists()


def info_sertifikat(kunci: KunciPenanda) -> dict:
    """What the key page shows of a certificate (empty fields for a BSrE key without PEM)."""
    from cryptography import x509

    info = {"penyedia": kunci.get_penyedia_display(), "subjek": "", "penerbit": "", "serial": ""}
    info |= {"berlaku_dari": None, "berlaku_sampai": kunci.berlaku_sampai, "kedaluwarsa": False}
    if kunci.sertifikat_pem:
        try:
            sertifikat = x509.load_pem_x509_certificate(kunci.sertifikat_pem.encode())
        except ValueError:
            return info
        info |= {
            "subjek": sertifikat.subject.rfc4514_string(),
            "penerbit": sertifikat.issuer.rfc4514_string(),
            "serial": format(sertifikat.serial_number, "x"),
            "berlaku_dari": sertifikat.not_valid_before_utc,
            "berlaku_sampai": sertifikat.not_valid_after_utc,
        }
    if info["berlaku_sampai"] is not None:
        info["kedaluwarsa"] = info["berlaku_sampai"] < timezone.now()
    return info


def _snapshot_kunci(kunci: KunciPenanda) -> dict:
    # The PKCS#12 bytes never enter the log: only a fingerprint that they changed.
    data = audit.snapshot(kunci) | {"p12": ""}
    if kunci.p12:
        data["p12"] = "•••• " + sha256_isi(bytes(kunci.p12))[:6]
    return data


def buat_kunci_demo(*, pegawai, passphrase: str, aktor=None) -> KunciPenanda:
    """A PKCS#12 key from the demo CA for `pegawai`, encrypted with `passphrase`.

    For demonstrations and tests only (the view offers it when TTE_KUNCI_DEMO is on);
    an existing key is replaced, so an official who forgot the passphrase starts anew.
    """
    passphrase = passphrase or ""
    if len(passphrase) < 8:
        raise ValidationError(_("Passphrase TTE minimal 8 karakter."))
    aktor = aktor or pegawai
    instansi = pegawai.instansi.nama if pegawai.instansi_id else ""
    bundel = ca.buat_bundel(
        nama=pegawai.nama_lengkap,
        nip=pegawai.nip or "",
        instansi=instansi,
        email=pegawai.email,
        passphrase=passphrase,
    )
    with transaction.atomic():
        kunci = KunciPenanda.objects.select_for_update().filter(pegawai=pegawai).first()
        sebelum = _snapshot_kunci(kunci) if kunci else None
        kunci = kunci or KunciPenanda(pegawai=pegawai)
        kunci.penyedia = KunciPenanda.Penyedia.PKCS12
        kunci.p12 = bundel.p12
        kunci.sertifikat_pem = bundel.sertifikat_pem
        kunci.berlaku_sampai = bundel.berlaku_sampai
        kunci.aktif = True
        kunci.dibuat_pada = timezone.now()
        kunci.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH if sebelum is None else CatatanAudit.Aksi.UBAH,
            objek=kunci,
            sebelum=sebelum,
            sesudah=_snapshot_kunci(kunci),
            keterangan="Membuat kunci TTE demo",
        )
    return kunci


# ---------------------------------------------------------------- signing


def _boleh_tanda_tangan(aktor, surat: Surat) -> str:
    """The signer's printed position; ValidationError when they cannot sign this letter."""
    if not _boleh_tulis(aktor, surat):
        raise PermissionDenied(_("Anda tidak berwenang menandatangani surat instansi ini."))
    if not punya_kunci(aktor):
        raise ValidationError(
            _(
                "Anda belum memiliki sertifikat TTE. Minta administrator mendaftarkan "
                "sertifikat elektronik Anda, atau tanda tangani surat di atas kertas."
            )
        )
    jabatan = jabatan_penanda_tangan(aktor, surat.instansi_id)
    if not jabatan:
        raise ValidationError(
            _("Penanda tangan harus memegang jabatan pada %(instansi)s.")
            % {"instansi": surat.instansi.nama}
        )
    return jabatan


def _tanda_tangan_ada(surat: Surat, aktor) -> TandaTangan | None:
    return surat.tanda_tangan.filter(penanda=aktor).order_by("-waktu").first()


def tandatangani(*, aktor, surat: Surat, passphrase: str, pdf: bytes | None = None) -> TandaTangan:
    """Sign the letter's PDF with TTE; returns the signature record.

    `pdf` defaults to the letter's unsigned file. The letter takes its number first (in
    this transaction), a Lembar Pengesahan with the paraf table is appended, and the
    signer's key (or BSrE) signs with a visible QR stamp opening the verification page.
    A wrong passphrase raises PassphraseSalah and writes nothing, not even the number.
    """
    surat.refresh_from_db()
    if surat.berkas_ttd:
        ada = _tanda_tangan_ada(surat, aktor)
        if ada is not None:
            return ada  # the same signer submitted twice: harmless
        raise ValidationError(_("Surat ini sudah ditandatangani."))
    jabatan = _boleh_tanda_tangan(aktor, surat)
    if not passphrase:
        raise ValidationError(_("Masukkan passphrase TTE Anda."))
    sumber = pdf if pdf is not None else _baca(surat.berkas)
    if not sumber:
        raise ValidationError(_("Surat ini belum memiliki berkas PDF untuk ditandatangani."))
    if not sumber.startswith(b"%PDF-"):
        raise ValidationError(_("Berkas surat bukan PDF."))
    penanda = penanda_untuk(aktor)
    if hasattr(penanda, "periksa_passphrase"):
        penanda.periksa_passphrase(passphrase)  # before a number is taken or a page drawn
    from .. import services as agenda

    with transaction.atomic():
        surat = _kunci_surat(surat)
        if surat.berkas_ttd:
            ada = _tanda_tangan_ada(surat, aktor)
            if ada is not None:
                return ada
        _periksa_dapat_diproses(surat, tindakan=_("tanda tangan"))
        sebelum = audit.snapshot(surat)
        if not surat.nomor_surat:
            # Inside this transaction: a failed signing below gives the number back.
            agenda.beri_nomor(aktor=aktor, surat=surat)
            surat = _kunci_surat(surat)
        paraf = list(surat.paraf.select_related("pegawai").order_by("waktu", "id"))
        dokumen, bidang = lembar.dokumen_siap_tanda_tangan(
            surat,
            sumber,
            nama=aktor.nama_lengkap,
            nip=aktor.nip_tampil,
            jabatan=jabatan,
            paraf=paraf,
        )
        waktu = timezone.localtime()
        metadata = Metadata(
            nama=aktor.nama_lengkap,
            jabatan=jabatan,
            nip=aktor.nip_tampil,
            nomor_surat=surat.nomor_surat,
            waktu=waktu.strftime("%d-%m-%Y %H:%M:%S WIB"),
            url_verifikasi=lembar.url_verifikasi(surat),
            alasan=_("Menandatangani %(nomor)s") % {"nomor": surat.nomor_surat},
            lokasi=surat.instansi.pemda.ibukota or surat.instansi.nama,
        )
        hasil = penanda.tandatangani(
            dokumen, passphrase=passphrase, bidang=bidang, metadata=metadata
        )
        info = _periksa_hasil(hasil)
        ttd = _simpan(aktor, surat, sumber, hasil, jabatan, penanda.penyedia, info, sebelum)
    return ttd


def _periksa_hasil(hasil: bytes) -> TandaTanganPdf:
    """The signer's output must carry an intact signature over the whole file."""
    periksa = periksa_pdf(hasil)
    if not periksa or not all(t.utuh and t.seluruh_berkas for t in periksa):
        raise TteGagal(_("Hasil tanda tangan tidak utuh. Dokumen tidak ditandatangani."))
    return periksa[-1]


def _simpan(aktor, surat, sumber, hasil, jabatan, penyedia, info, sebelum) -> TandaTangan:
    nama_dasar = (surat.nomor_surat or f"surat-{surat.pk}").replace("/", "-")
    if _baca(surat.berkas) != sumber:
        surat.berkas.save(f"{nama_dasar}.pdf", ContentFile(sumber), save=False)
    # Stored under its hash, never overwritten; downloads name it by the letter's number.
    storage = Surat._meta.get_field("berkas_ttd").storage
    surat.berkas_ttd = simpan_beralamat_isi(storage, PREFIX_TTD, hasil, "pdf")
    surat.sha256_ttd = sha256_isi(hasil)
    surat.status = Surat.Status.DITANDATANGANI
    surat.save(update_fields=["berkas", "berkas_ttd", "sha256_ttd", "status"])
    ttd = TandaTangan.objects.create(
        surat=surat,
        penanda=aktor,
        nama=aktor.nama_lengkap[:200],
        nip=(aktor.nip or "")[:30],
        jabatan=jabatan[:200],
        penyedia=penyedia,
        sertifikat_subjek=info.subjek[:300],
        sertifikat_serial=info.serial[:80],
        sha256=surat.sha256_ttd,
    )
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=surat,
        sebelum=sebelum,
        sesudah=audit.snapshot(surat),
        keterangan="Menandatangani surat secara elektronik (TTE)",
    )
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.TAMBAH,
        objek=ttd,
        sesudah=audit.snapshot(ttd),
        keterangan="Tanda tangan elektronik",
    )
    return ttd


# ---------------------------------------------------------------- verification


@dataclass
class TandaTanganPdf:
    """One signature found in a PDF and what the check says of it."""

    nama: str
    subjek: str
    serial: str
    waktu: object  # datetime | None, as the signer reported it
    utuh: bool  # the signed bytes' digest matches and the signature is valid
    terpercaya: bool  # chains to the demo CA or a configured trust root
    seluruh_berkas: bool  # covers the file to its last byte
    pesan: str = ""


@dataclass
class HasilVerifikasi:
    utuh: bool
    cocok_arsip: bool
    tanda_tangan: list[TandaTanganPdf] = field(default_factory=list)
    pesan: list[str] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        """Intact, trusted and byte-for-byte the archived file."""
        return self.utuh and self.cocok_arsip and all(t.terpercaya for t in self.tanda_tangan)


def _konteks_validasi():
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko_certvalidator import ValidationContext

    akar = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in ca.sertifikat_akar()
    ]
    # Offline: no OCSP/CRL fetching (the demo CA publishes none); revocation soft-fails.
    return ValidationContext(trust_roots=akar, allow_fetching=False)


def _subjek(sertifikat) -> tuple[str, str, str]:
    subjek = sertifikat.subject
    return (
        subjek.native.get("common_name", ""),
        subjek.human_friendly,
        format(sertifikat.serial_number, "x"),
    )


def periksa_pdf(isi: bytes) -> list[TandaTanganPdf]:
    """Every signature in `isi`, checked (an unreadable PDF gives an empty list)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from .penanda import jalankan_sinkron

    def periksa():
        try:
            pembaca = PdfFileReader(io.BytesIO(isi), strict=False)
            tertanam = list(pembaca.embedded_signatures)
        except Exception:  # noqa: BLE001 — any parse failure means "not a readable PDF"
            return None
        konteks = _konteks_validasi()
        hasil = []
        for sig in tertanam:
            try:
                status = validate_pdf_signature(sig, konteks)
            except Exception as exc:  # noqa: BLE001 — a damaged signature is "not intact"
                log.info("Tanda tangan tidak dapat diperiksa: %s", exc)
                hasil.append(TandaTanganPdf("", "", "", None, False, False, False, str(exc)[:200]))
                continue
            nama, subjek, serial = _subjek(status.signing_cert)
            hasil.append(
                TandaTanganPdf(
                    nama=nama,
                    subjek=subjek,
                    serial=serial,
                    waktu=status.signer_reported_dt,
                    utuh=bool(status.intact and status.valid),
                    terpercaya=bool(status.trusted),
                    seluruh_berkas=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                )
            )
        return hasil

    return jalankan_sinkron(periksa) or []


def verifikasi(surat: Surat, pdf: bytes | None = None) -> HasilVerifikasi:
    """Check the stored signed PDF (or `pdf`, a copy a visitor uploaded) of the letter.

    Any single changed byte shows: inside the signed ranges the digest no longer matches,
    in the signature itself the signature breaks, anywhere at all (or appended) the file's
    SHA-256 differs from the archived one.
    """
    isi = pdf if pdf is not None else _baca(surat.berkas_ttd)
    if not isi:
        return HasilVerifikasi(False, False, pesan=[_("Surat ini belum ditandatangani.")])
    cocok = bool(surat.sha256_ttd) and sha256_isi(isi) == surat.sha256_ttd
    daftar = periksa_pdf(isi)
    pesan = []
    if not daftar:
        pesan.append(_("Tidak ditemukan tanda tangan elektronik yang dapat dibaca pada berkas."))
    utuh = bool(daftar) and all(t.utuh for t in daftar) and daftar[-1].seluruh_berkas
    if daftar and not all(t.utuh for t in daftar):
        pesan.append(_("Tanda tangan elektronik tidak utuh: isi dokumen telah diubah."))
    elif daftar:
        if not daftar[-1].seluruh_berkas:
            pesan.append(_("Ada perubahan yang ditambahkan setelah dokumen ditandatangani."))
        if not all(t.terpercaya for t in daftar):
            pesan.append(
                _("Sertifikat penanda tangan tidak diterbitkan oleh otoritas yang dipercaya.")
            )
    if not cocok:
        pesan.append(_("Berkas berbeda dari arsip dokumen yang ditandatangani."))
    hasil = HasilVerifikasi(utuh=utuh, cocok_arsip=cocok, tanda_tangan=daftar, pesan=pesan)
    if hasil.sah:
        hasil.pesan.insert(0, _("Dokumen utuh dan sama dengan arsip."))
    return hasil
