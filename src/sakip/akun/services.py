"""Sign-in audit, the optional second factor (TOTP), password changes and API tokens.

Throttling lives in `pembatas.py`."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

import pyotp
import qrcode  # type: ignore[import-untyped]  # qrcode ships no type hints
import qrcode.constants  # type: ignore[import-untyped]
import qrcode.image.svg  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Jabatan, Pegawai

from .models import FaktorKedua, KodePemulihan, TokenAPI, hash_token


def catat_masuk(*, pegawai) -> None:
    """A completed sign-in (password, and code if enrolled), audited."""
    with transaction.atomic():
        audit.catat(aktor=pegawai, aksi=CatatanAudit.Aksi.LAIN, objek=pegawai, keterangan="Masuk")


# --- Optional second factor (TOTP) ------------------------------------------------------

JUMLAH_KODE_PEMULIHAN = 10


def boleh_faktor_kedua(pegawai) -> bool:
    """Who may enrol: those who sign and approve — heads and secretaries (definitive or
    acting), Pemda administrators and superusers."""
    if not getattr(pegawai, "is_authenticated", False):
        return False
    if pegawai.is_superuser or pegawai.peran == Pegawai.Peran.ADMIN_PEMDA:
        return True
    pimpinan = {Jabatan.Peran.KEPALA, Jabatan.Peran.SEKRETARIS}
    return any(j.peran in pimpinan for j, _jenis in pegawai.jabatan_aktif())


def faktor_kedua_aktif(pegawai) -> bool:
    return FaktorKedua.objects.filter(pegawai=pegawai, dikonfirmasi__isnull=False).exists()


def uri_totp(faktor: FaktorKedua) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(faktor.rahasia).provisioning_uri(
        name=faktor.pegawai.username, issuer_name=settings.SITE_NAME
    )


def svg_qr(teks: str) -> str:
    """The QR code of `teks` as inline SVG, drawn by `qrcode` (the library that stamps the
    TTE QR codes; its drawing in ikm/qr.py sits in a higher layer than akun)."""
    gambar = qrcode.make(
        teks,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=14,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = gambar.to_string(encoding="unicode")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_("Kode QR")}" ', 1)


def mulai_faktor_kedua(*, aktor) -> FaktorKedua:
    """A fresh, unconfirmed secret for the enrolment page (replaces an unfinished one)."""
    if not boleh_faktor_kedua(aktor):
        raise PermissionDenied(_("Verifikasi dua langkah hanya untuk pimpinan dan administrator."))
    with transaction.atomic():
        faktor, _baru = FaktorKedua.objects.select_for_update().get_or_create(
            pegawai=aktor, defaults={"rahasia": pyotp.random_base32()}
        )
        if faktor.aktif:
            raise PermissionDenied(_("Verifikasi dua langkah sudah aktif."))
        return faktor


def _hash_kode(kode: str) -> str:
    return hashlib.sha256(kode.strip().upper().replace("-", "").encode()).hexdigest()


def _langkah_cocok(rahasia: str, kode: str) -> int | None:
    """The 30-second step whose code `kode` is (now, or one step either side), else None."""
    kode = (kode or "").strip().replace(" ", "")
    if not (kode.isdigit() and len(kode) == 6):
        return None
    totp = pyotp.TOTP(rahasia)
    sekarang = timezone.now()
    for geser in (-1, 0, 1):  # a phone clock a little off, or a code typed as it turned
        waktu = sekarang + datetime.timedelta(seconds=geser * totp.interval)
        if hmac.compare_digest(totp.at(waktu), kode):
            return totp.timecode(waktu)
    return None


def konfirmasi_faktor_kedua(*, aktor, kode: str) -> list[str] | None:
    """Turn the second factor on with a first code; the recovery codes, shown once (None
    if the code is wrong)."""
    with transaction.atomic():
        faktor = FaktorKedua.objects.select_for_update().get(pegawai=aktor)
        if faktor.aktif:
            raise PermissionDenied(_("Verifikasi dua langkah sudah aktif."))
        langkah = _langkah_cocok(faktor.rahasia, kode)
        if langkah is None:
            return None
        faktor.dikonfirmasi = timezone.now()
        faktor.langkah_terakhir = langkah
        faktor.save(update_fields=["dikonfirmasi", "langkah_terakhir"])
        kode_pemulihan = _buat_kode_pemulihan(aktor)
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=aktor,
            sebelum={"faktor_kedua": False},
            sesudah={"faktor_kedua": True},
            keterangan="Mengaktifkan verifikasi dua langkah",
        )
    return kode_pemulihan


def _buat_kode_pemulihan(pegawai) -> list[str]:
    KodePemulihan.objects.filter(pegawai=pegawai).delete()
    kode = []
    for _i in range(JUMLAH_KODE_PEMULIHAN):
        teks = secrets.token_hex(5).upper()  # 40 bits, single use, behind the password
        kode.append(f"{teks[:5]}-{teks[5:]}")
    KodePemulihan.objects.bulk_create(
        KodePemulihan(pegawai=pegawai, hash=_hash_kode(k)) for k in kode
    )
    return kode


def periksa_kode(*, pegawai, kode: str) -> bool:
    """The second step of signing in: a current TOTP code not used before, or an unused
    recovery code (spent by this call)."""
    with transaction.atomic():
        faktor = (
            FaktorKedua.objects.select_for_update()
            .filter(pegawai=pegawai, dikonfirmasi__isnull=False)
            .first()
        )
        if faktor is None:
            return False
        langkah = _langkah_cocok(faktor.rahasia, kode)
        if langkah is not None:
            if langkah <= faktor.langkah_terakhir:
                return False  # replayed: seen by us once already
            faktor.langkah_terakhir = langkah
            faktor.save(update_fields=["langkah_terakhir"])
            return True
        terpakai = KodePemulihan.objects.filter(
            pegawai=pegawai, hash=_hash_kode(kode or ""), dipakai__isnull=True
        ).update(dipakai=timezone.now())
        if terpakai:
            audit.catat(
                aktor=pegawai,
                aksi=CatatanAudit.Aksi.LAIN,
                objek=pegawai,
                keterangan="Masuk dengan kode pemulihan",
            )
        return bool(terpakai)


def sisa_kode_pemulihan(pegawai) -> int:
    return KodePemulihan.objects.filter(pegawai=pegawai, dipakai__isnull=True).count()


def atur_ulang_faktor_kedua(*, aktor, pegawai) -> None:
    """An administrator removes a user's second factor (a lost phone); the user may enrol
    again. Only superusers and administrators of the user's Pemda."""
    admin_pemda = aktor.peran == Pegawai.Peran.ADMIN_PEMDA and aktor.pemda_id == pegawai.pemda_id
    if not (aktor.is_superuser or admin_pemda):
        raise PermissionDenied(_("Hanya administrator yang dapat mengatur ulang."))
    with transaction.atomic():
        ada = FaktorKedua.objects.filter(pegawai=pegawai).exists()
        FaktorKedua.objects.filter(pegawai=pegawai).delete()
        KodePemulihan.objects.filter(pegawai=pegawai).delete()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=pegawai,
            sebelum={"faktor_kedua": ada},
            sesudah={"faktor_kedua": False},
            keterangan="Mengatur ulang verifikasi dua langkah",
        )


# --- Password and API tokens -------------------------------------------------------------


def ganti_sandi(*, aktor, sandi_baru: str, request=None) -> None:
    """The user changes their own password; the session stays signed in."""
    with transaction.atomic():
        aktor.set_password(sandi_baru)
        aktor.save(update_fields=["password"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=aktor,
            sebelum={"password": "••••"},
            sesudah={"password": "•••• (baru)"},
            keterangan="Ganti kata sandi",
        )
    if request is not None:
        update_session_auth_hash(request, aktor)


def buat_token(*, aktor, nama: str) -> tuple[TokenAPI, str]:
    """A new API token; the plain text is returned once and never stored."""
    teks = "sakip_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = TokenAPI.objects.create(
            pegawai=aktor, nama=nama.strip()[:100], awalan=teks[:12], hash=hash_token(teks)
        )
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=token,
            sesudah={"nama": token.nama, "awalan": token.awalan},
            keterangan="Membuat token API",
        )
    return token, teks


def cabut_token(*, aktor, token: TokenAPI) -> None:
    """Revoke a token; repeating it is harmless."""
    with transaction.atomic():
        token = TokenAPI.objects.select_for_update(of=("self",)).get(pk=token.pk, pegawai=aktor)
        if token.dicabut is not None:
            return
        token.dicabut = timezone.now()
        token.save(update_fields=["dicabut"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=token,
            sebelum={"dicabut": None},
            sesudah={"dicabut": token.dicabut.isoformat()},
            keterangan="Mencabut token API",
        )


def pegawai_dari_token(teks: str):
    """The active user behind a live token, or None; notes when it was last used."""
    if not teks or not teks.startswith("sakip_"):
        return None
    token = (
        TokenAPI.objects.select_related("pegawai")
        .filter(hash=hash_token(teks), dicabut__isnull=True, pegawai__is_active=True)
        .first()
    )
    if token is None:
        return None
    sekarang = timezone.now()
    # Touch at most once a minute: a read API should not write on every call.
    if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai > datetime.timedelta(
        minutes=1
    ):
        TokenAPI.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
    return token.pegawai
