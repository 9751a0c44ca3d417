"""What every letter use case shares: today in Riau, who may write an agency's letters,
the audit snapshot, input checks and the scan of an incoming letter."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.lib.teks import satu_baris, tolak_kontrol
from sakip.organisasi.models import Instansi
from sakip.organisasi.pemangku import jabatan_dipegang_ids as _dipegang

from ..models import KodeKlasifikasi, Surat

ZONA = ZoneInfo("Asia/Jakarta")
# The scan of an incoming letter: a PDF or a photo of the paper.
JENIS_SCAN = ("pdf", "jpg", "jpeg", "png")


def hari_ini() -> datetime.date:
    """Today in Riau (docs/domain.md §5: Asia/Jakarta), whatever the server's zone."""
    return timezone.localdate(timezone=ZONA)


# ---------------------------------------------------------------- who may do what


def boleh_tulis(aktor, instansi_id: int) -> bool:
    """The agency's own staff (and Pemda administrators); never evaluators or outsiders."""
    return Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()


def _pastikan_boleh_tulis(aktor, instansi_id: int) -> None:
    # aktor None is the system (a scheduled SOP step); people are checked.
    if aktor is not None and not boleh_tulis(aktor, instansi_id):
        raise PermissionDenied(_("Anda tidak berwenang mengubah surat instansi ini."))


def jabatan_dipegang_ids(user) -> set[int]:
    """Positions `user` holds today in Riau (definitive, Plt, Plh), as the SOP engine counts."""
    return _dipegang(user, hari_ini())


# ---------------------------------------------------------------- helpers


def _klasifikasi(kode: str | None) -> KodeKlasifikasi | None:
    kode = (kode or "").strip()
    if not kode:
        return None
    k = KodeKlasifikasi.objects.filter(kode=kode).first()
    if k is None:
        raise ValidationError(
            _("Kode klasifikasi “%(kode)s” tidak dikenal (Permendagri 83/2022).") % {"kode": kode}
        )
    return k


def _kunci_surat(surat: Surat) -> Surat:
    """Re-read the letter under a row lock: the state we act on is the current one."""
    return Surat.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=surat.pk)


def _tautan(surat: Surat) -> str:
    return reverse("surat:detail", args=[surat.pk])


def _snapshot(obj) -> dict:
    """audit.snapshot, with UUIDs (Surat.kode_verifikasi) as text so the log is JSON."""
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in audit.snapshot(obj).items()}


def _catat(aktor, aksi, objek, sebelum, keterangan: str) -> None:
    audit.catat(
        aktor=aktor,
        aksi=aksi,
        objek=objek,
        sebelum=sebelum,
        sesudah=_snapshot(objek),
        keterangan=keterangan,
    )


def _wajib(nilai: str, label: str, *, satu: bool = False) -> str:
    """A required text; `satu`: one line (a subject reaches email headers and file names)."""
    nilai = (nilai or "").strip()
    if not nilai:
        raise ValidationError(_("%(label)s wajib diisi.") % {"label": label})
    try:
        satu_baris(nilai) if satu else tolak_kontrol(nilai)
    except ValidationError as exc:
        raise ValidationError(f"{label}: {exc.messages[0]}") from None
    return nilai


def _pdf(isi: bytes) -> bytes:
    if not isi.startswith(b"%PDF-"):
        raise ValidationError(_("Berkas naskah surat keluar harus PDF."))
    return isi


def validasi_scan(berkas) -> None:
    """The scan of an incoming letter: PDF, JPG or PNG, checked by content and size."""
    from sakip.sop.lampiran import BerkasDitolak, validasi_berkas

    nama = getattr(berkas, "name", "") or ""
    if PurePath(nama).suffix.lower().lstrip(".") not in JENIS_SCAN:
        raise ValidationError(
            _("Berkas “%(nama)s” ditolak: pindaian surat harus PDF, JPG atau PNG.") % {"nama": nama}
        )
    try:
        validasi_berkas(berkas)
    except BerkasDitolak as exc:
        raise ValidationError(str(exc)) from exc
