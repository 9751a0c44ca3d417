"""Who may change planning data, and the one way a planning row is saved.

Agency staff (not evaluators) edit their agency's drafts; a signed PK is frozen and
changes only through a revision. `simpan` validates, saves and audits one object;
`simpan_butir` is the same from a set of values, and does nothing when nothing changed —
the form, the API and the Excel import all save rows through it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit

from ..models import (
    AnggaranPK,
    DokumenAnggaran,
    IndikatorPK,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    SasaranPK,
    TargetTahunan,
)

M = TypeVar("M", bound=models.Model)
K = TypeVar("K")
V = TypeVar("V")


class AturanPerencanaan(ValidationError):
    """A planning rule that refuses an action; the message is for the user."""


class Perubahan(enum.StrEnum):
    DIBUAT = "dibuat"
    DIUBAH = "diubah"
    TETAP = "tetap"  # nothing changed: not saved, no audit row


@dataclass(frozen=True)
class Tersimpan(Generic[M]):
    """What a save did to one row; the import counts rows by it."""

    objek: M
    perubahan: Perubahan

    @property
    def dibuat(self) -> bool:
        return self.perubahan == Perubahan.DIBUAT

    @property
    def diubah(self) -> bool:
        return self.perubahan == Perubahan.DIUBAH


class _Cari:
    """The default of `lama=`: the caller did not load the stored row, so the service
    looks it up. Callers holding a prefetched dict pass the row, or None for "not stored",
    and save the query."""

    def __repr__(self) -> str:
        return "CARI"


CARI: Any = _Cari()


def _instansi_id(objek: models.Model) -> int | None:
    from sakip.audit.services import _lokasi

    return _lokasi(objek)[1]


def _pk_induk(objek: models.Model) -> PerjanjianKinerja | None:
    """The PK an object belongs to (PK rows are frozen once it is signed)."""
    if isinstance(objek, PerjanjianKinerja):
        return objek
    if isinstance(objek, SasaranPK | AnggaranPK):
        return objek.pk_dokumen
    if isinstance(objek, IndikatorPK):
        return objek.sasaran.pk_dokumen
    if isinstance(objek, RencanaAksi):
        return objek.indikator.sasaran.pk_dokumen
    return None


def pastikan_boleh_ubah(aktor, objek: models.Model) -> None:
    """Agency staff of the object's agency (not evaluators) may change planning data."""
    model = objek._meta.model
    instansi_id = _instansi_id(objek)
    dari_instansi = model.objects.for_user(aktor, ubah=True)
    boleh = aktor is not None and aktor.is_authenticated and instansi_id is not None
    if boleh and objek.pk is not None:
        boleh = dari_instansi.filter(pk=objek.pk).exists()
    elif boleh:
        from sakip.organisasi.models import Instansi

        boleh = Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()
    if not boleh:
        raise PermissionDenied(_("Anda tidak berwenang mengubah data perencanaan instansi ini."))
    pk = _pk_induk(objek)
    if pk is not None and pk.pk is not None:
        tersimpan = PerjanjianKinerja.objects.get(pk=pk.pk)
        if tersimpan.status == PerjanjianKinerja.Status.DIGANTI:
            raise AturanPerencanaan(_("PK ini sudah diganti revisinya; ubah PK revisi terbaru."))
        # The action plan breaks the signed annual targets down and is adjusted during
        # the year; the PK's own rows are frozen by the signature.
        if tersimpan.terkunci and not isinstance(objek, RencanaAksi):
            raise AturanPerencanaan(
                _("PK ini sudah ditandatangani dan tidak dapat diubah; buat revisi PK.")
            )


def pastikan_boleh_ubah_rencana_aksi(aktor, pk: PerjanjianKinerja) -> None:
    """The action plan of a live PK (draft or signed) may change; a replaced one may not."""
    if not PerjanjianKinerja.objects.for_user(aktor, ubah=True).filter(pk=pk.pk).exists():
        raise PermissionDenied(_("Anda tidak berwenang mengubah data perencanaan instansi ini."))
    if PerjanjianKinerja.objects.get(pk=pk.pk).status == PerjanjianKinerja.Status.DIGANTI:
        raise AturanPerencanaan(_("PK ini sudah diganti revisinya; ubah PK revisi terbaru."))


def simpan(*, aktor, objek: M, keterangan: str = "") -> M:
    """Validate and save one planning object with its audit record.

    Changing an adopted (ditetapkan) Renstra reopens it as a draft and runs the Renstra
    SOP again; the adopted version stays in that earlier run's event log.
    """
    with transaction.atomic():
        pastikan_boleh_ubah(aktor, objek)
        hasil = audit.simpan_teraudit(aktor=aktor, objek=objek, keterangan=keterangan)
        _buka_renstra_ditetapkan(aktor, objek)
        return hasil


def _sama(objek: models.Model, nama: str, nilai: Any) -> bool:
    medan = objek._meta.get_field(nama)
    if medan.is_relation and nama != medan.attname:  # compare ids: no query for the row
        return getattr(objek, medan.attname) == (nilai.pk if nilai is not None else None)
    return getattr(objek, nama) == nilai


def simpan_butir(
    *, aktor, objek: M, nilai: Mapping[str, Any] | None = None, keterangan: str = ""
) -> Tersimpan[M]:
    """Set `nilai` on a new or loaded row and save it — unless it is stored and unchanged.

    An unchanged row is not saved again: no audit row, and an adopted Renstra is not
    reopened by a form or an upload that repeats what it already says.
    """
    nilai = nilai or {}
    baru = objek.pk is None
    berubah = baru or any(not _sama(objek, nama, v) for nama, v in nilai.items())
    for nama, v in nilai.items():
        setattr(objek, nama, v)
    if not berubah:
        return Tersimpan(objek, Perubahan.TETAP)
    simpan(aktor=aktor, objek=objek, keterangan=keterangan)
    return Tersimpan(objek, Perubahan.DIBUAT if baru else Perubahan.DIUBAH)


def isi_per_kunci(
    *,
    aktor,
    tersimpan: Mapping[K, M],
    isian: Mapping[K, V | None],
    simpan_satu: Callable[[K, V, M | None], object],
) -> None:
    """Rows keyed by year or month, edited as one set of fields (a target per year, cash
    per month): an emptied field (None) removes its stored row, a filled one is saved by
    `simpan_satu(kunci, nilai, lama)`. Run inside the caller's transaction."""
    for kunci, nilai in isian.items():
        lama = tersimpan.get(kunci)
        if nilai is None:
            if lama is not None:
                hapus(aktor=aktor, objek=lama)
            continue
        simpan_satu(kunci, nilai, lama)


def _renstra_dari(objek: models.Model) -> Renstra | None:
    if isinstance(objek, Renstra):
        return objek
    if hasattr(objek, "renstra_id") and objek.renstra_id:
        return Renstra.objects.get(pk=objek.renstra_id)
    if isinstance(objek, TargetTahunan):
        return objek.indikator.renstra
    return None


def _buka_renstra_ditetapkan(aktor, objek: models.Model) -> None:
    renstra = _renstra_dari(objek)
    if renstra is None or isinstance(objek, DokumenAnggaran):
        return
    tersimpan = Renstra.objects.get(pk=renstra.pk)
    if tersimpan.status != Renstra.Status.DITETAPKAN or (
        isinstance(objek, Renstra) and objek.status == Renstra.Status.DITETAPKAN
    ):
        return
    Renstra.objects.filter(pk=renstra.pk).update(status=Renstra.Status.DRAF)
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=tersimpan,
        sebelum={"status": Renstra.Status.DITETAPKAN},
        sesudah={"status": Renstra.Status.DRAF},
        keterangan="Renstra yang sudah ditetapkan diubah: revisi",
    )
    jalankan_ulang(aktor, tersimpan, _("Revisi %(r)s") % {"r": tersimpan})


def jalankan_ulang(aktor, dokumen, judul: str) -> None:
    """Run the document's SOP again (a reopened Renstra, a PK revision)."""
    from sakip.sop.services import jalankan_ulang

    if isinstance(dokumen, Renstra):
        periode = f"{dokumen.tahun_awal}-{dokumen.tahun_akhir}"
    else:
        periode = str(dokumen.tahun)
    jalankan_ulang(aktor=aktor, dokumen=dokumen, judul=judul, periode=periode)


def hapus(*, aktor, objek: models.Model) -> None:
    with transaction.atomic():
        pastikan_boleh_ubah(aktor, objek)
        audit.hapus_teraudit(aktor=aktor, objek=objek)


def simpan_skala(*, aktor, skala) -> models.Model:
    """Target scales belong to the Pemda: its administrators keep them."""
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, skala.pemda_id):
        raise PermissionDenied(_("Skala target diatur oleh administrator Pemda."))
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=skala)


def hapus_skala(*, aktor, skala) -> None:
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, skala.pemda_id):
        raise PermissionDenied(_("Skala target diatur oleh administrator Pemda."))
    with transaction.atomic():
        audit.hapus_teraudit(aktor=aktor, objek=skala)
