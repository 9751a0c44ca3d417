"""Sign-in throttling, password changes and API tokens."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit

from .models import PercobaanMasuk, TokenAPI, hash_token


def _jendela() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_JENDELA_MENIT)


def _kunci(identitas: str) -> str:
    return (identitas or "").strip().lower().replace(" ", "")[:150]


def masuk_diblokir(identitas: str, ip: str | None) -> bool:
    """Too many recent failures for this account, or from this address."""
    cond = Q(kunci=_kunci(identitas))
    if ip:
        cond |= Q(ip=ip)
    gagal = PercobaanMasuk.objects.filter(cond, waktu__gte=_jendela(), berhasil=False)
    return gagal.count() >= settings.LOGIN_MAX_GAGAL


def catat_percobaan_masuk(*, identitas: str, ip: str | None, pegawai=None) -> None:
    """Record an attempt; a success clears the account's failures and is audited."""
    with transaction.atomic():
        PercobaanMasuk.objects.create(kunci=_kunci(identitas), ip=ip, berhasil=pegawai is not None)
        if pegawai is not None:
            PercobaanMasuk.objects.filter(kunci=_kunci(identitas), berhasil=False).delete()
            audit.catat(
                aktor=pegawai, aksi=CatatanAudit.Aksi.LAIN, objek=pegawai, keterangan="Masuk"
            )
        # Old rows are of no use to the throttle; keep the table small.
        batas = timezone.now() - datetime.timedelta(days=1)
        PercobaanMasuk.objects.filter(waktu__lt=batas).delete()


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
