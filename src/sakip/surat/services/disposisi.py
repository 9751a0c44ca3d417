"""Dispositions: an incoming letter sent down the position tree with instructions,
answered by the holders of the position, and an SOP run started from it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit.models import CatatanAudit
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import Jabatan
from sakip.organisasi.pemangku import pemangku

from ..models import Disposisi, Surat
from .umum import (
    _catat,
    _kunci_surat,
    _pastikan_boleh_tulis,
    _snapshot,
    _tautan,
    _wajib,
    hari_ini,
    jabatan_dipegang_ids,
)

# The checkboxes of the usual lembar disposisi; free text goes in `catatan`.
INSTRUKSI_BAKU = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Siapkan bahan/jawaban",
    "Hadiri/wakili",
    "Arsipkan",
)


# ---------------------------------------------------------------- dispositions


def _jabatan_pendisposisi(aktor, surat: Surat, induk: Disposisi | None) -> Jabatan:
    """The position the disposer acts from: the one the parent disposition reached, else
    the highest position the disposer holds in the letter's agency."""
    dipegang = jabatan_dipegang_ids(aktor)
    if induk is not None:
        if induk.surat_id != surat.pk:
            raise ValidationError(_("Disposisi induk bukan disposisi surat ini."))
        if induk.kepada_id not in dipegang:
            raise PermissionDenied(_("Hanya pemangku jabatan tujuan yang meneruskan disposisi."))
        return induk.kepada
    milik = list(Jabatan.objects.filter(instansi_id=surat.instansi_id, pk__in=dipegang))
    if not milik:
        raise PermissionDenied(
            _("Hanya pemangku jabatan pada %(i)s yang dapat mendisposisikan surat ini.")
            % {"i": surat.instansi}
        )
    # The head first, then the position with the shortest chain of superiors.
    return min(milik, key=lambda j: (j.peran != Jabatan.Peran.KEPALA, len(j.rantai_atasan())))


def _bersihkan_instruksi(instruksi: Iterable[str]) -> list[str]:
    hasil = []
    for i in instruksi or []:
        i = str(i).strip()[:120]
        if i and i not in hasil:
            hasil.append(i)
    if len(hasil) > 20:
        raise ValidationError(_("Terlalu banyak instruksi disposisi."))
    return hasil


def disposisikan(
    *,
    aktor,
    surat: Surat,
    kepada: Jabatan,
    instruksi: list[str],
    catatan: str = "",
    sifat: str | None = None,
    batas_waktu: datetime.date | None = None,
    induk: Disposisi | None = None,
) -> Disposisi:
    """Send an incoming letter down the position tree with instructions; the holders of
    `kepada` are notified and find it in their inbox until they respond."""
    _pastikan_boleh_tulis(aktor, surat.instansi_id)
    instruksi = _bersihkan_instruksi(instruksi)
    catatan = (catatan or "").strip()
    if not instruksi and not catatan:
        raise ValidationError(_("Pilih sedikitnya satu instruksi atau tulis catatan disposisi."))
    if sifat is not None and sifat not in Surat.Sifat.values:
        raise ValidationError(_("Sifat “%(s)s” tidak dikenal.") % {"s": sifat})
    if batas_waktu is not None and batas_waktu < hari_ini():
        raise ValidationError(_("Batas waktu disposisi tidak boleh sebelum hari ini."))
    with transaction.atomic():
        surat = _kunci_surat(surat)
        if surat.arah != Surat.Arah.MASUK:
            raise ValidationError(_("Hanya surat masuk yang didisposisikan."))
        if surat.status == Surat.Status.BATAL:
            raise ValidationError(_("Surat yang dibatalkan tidak dapat didisposisikan."))
        dari_jabatan = _jabatan_pendisposisi(aktor, surat, induk)
        _periksa_tujuan(dari_jabatan, kepada, surat)
        kembar = Disposisi.objects.filter(
            surat=surat,
            induk=induk,
            dari_jabatan=dari_jabatan,
            kepada=kepada,
            status=Disposisi.Status.TERBUKA,
            instruksi=instruksi,
            catatan=catatan,
        ).first()
        if kembar is not None:
            return kembar  # a double submit
        d = Disposisi.objects.create(
            surat=surat,
            induk=induk,
            dari=aktor,
            dari_jabatan=dari_jabatan,
            kepada=kepada,
            instruksi=instruksi,
            catatan=catatan,
            sifat=sifat or surat.sifat,
            batas_waktu=batas_waktu,
        )
        _catat(aktor, CatatanAudit.Aksi.TAMBAH, d, None, "Mendisposisikan surat masuk")
        _beri_tahu_penerima(d, surat)
    return d


def _periksa_tujuan(dari: Jabatan, kepada: Jabatan, surat: Surat) -> None:
    """Down or sideways in the same agency, never up to one's own superiors."""
    if kepada.instansi_id != surat.instansi_id:
        raise ValidationError(_("Tujuan disposisi harus jabatan pada instansi yang sama."))
    if kepada.pk == dari.pk:
        raise ValidationError(_("Surat tidak dapat didisposisikan kepada jabatan sendiri."))
    if kepada.pk in {j.pk for j in dari.rantai_atasan()}:
        raise ValidationError(
            _("Disposisi mengalir ke bawah: %(k)s adalah atasan %(d)s.")
            % {"k": kepada.nama, "d": dari.nama}
        )


def _beri_tahu_penerima(d: Disposisi, surat: Surat) -> None:
    for orang in pemangku(d.kepada, hari_ini()):
        notifikasi.kirim(
            penerima=orang,
            judul=_("Disposisi surat: %(p)s") % {"p": surat.perihal[:150]},
            isi=_("%(dari)s mendisposisikan surat dari %(asal)s kepada %(kepada)s: %(i)s. %(c)s")
            % {
                "dari": d.dari_jabatan or d.dari,
                "asal": surat.asal,
                "kepada": d.kepada.nama,
                "i": ", ".join(d.instruksi) or "-",
                "c": d.catatan,
            },
            tautan=_tautan(surat) + f"#disposisi-{d.pk}",
            kunci=f"disposisi-{d.pk}-{orang.pk}",
        )


def _kunci_disposisi(d: Disposisi) -> Disposisi:
    return (
        Disposisi.objects.select_for_update(of=("self",))
        .select_related("surat__instansi", "kepada", "dari_jabatan", "dari")
        .get(pk=d.pk)
    )


def tanggapi_disposisi(*, aktor, disposisi: Disposisi, tanggapan: str, selesai: bool = True):
    """The recipient answers (and by default closes) a disposition; the disposer is told."""
    _pastikan_boleh_tulis(aktor, disposisi.surat.instansi_id)
    tanggapan = _wajib(tanggapan, _("Tanggapan"))
    with transaction.atomic():
        d = _kunci_disposisi(disposisi)
        if d.kepada_id not in jabatan_dipegang_ids(aktor):
            raise PermissionDenied(_("Hanya pemangku jabatan tujuan yang menanggapi disposisi."))
        if d.status == Disposisi.Status.SELESAI:
            return d  # already done: a second click changes nothing
        sebelum = _snapshot(d)
        d.tanggapan = tanggapan
        if selesai:
            d.status = Disposisi.Status.SELESAI
            d.selesai_pada = timezone.now()
            d.selesai_oleh = aktor
        d.save()
        _catat(aktor, CatatanAudit.Aksi.UBAH, d, sebelum, "Menanggapi disposisi")
        if d.dari_id and d.dari_id != aktor.pk:
            notifikasi.kirim(
                penerima=d.dari,
                judul=_("Disposisi ditanggapi: %(p)s") % {"p": d.surat.perihal[:150]},
                isi=f"{d.kepada.nama}: {tanggapan}",
                tautan=_tautan(d.surat) + f"#disposisi-{d.pk}",
                kunci=f"tanggapan-{d.pk}-{d.status}",
            )
    return d


def mulai_sop_dari_disposisi(
    *, aktor, disposisi: Disposisi, sop, judul: str | None = None, periode: str = ""
):
    """Start a run of one of the agency's adopted SOPs on this letter (e.g. the IKM SOP on
    the kabupaten's letter); the run is linked from the disposition and the letter.

    The disposer or a holder of the disposition's position asks; the SOP engine then
    checks that they may start that SOP. Asking again returns the run already started.
    """
    from sakip.sop import services as sop_services

    _pastikan_boleh_tulis(aktor, disposisi.surat.instansi_id)
    with transaction.atomic():
        d = _kunci_disposisi(disposisi)
        if d.pelaksanaan_id is not None:
            return d.pelaksanaan
        if d.dari_id != aktor.pk and d.kepada_id not in jabatan_dipegang_ids(aktor):
            raise PermissionDenied(
                _("Hanya pendisposisi atau pemangku jabatan tujuan yang memulai SOP.")
            )
        if sop.instansi_id != d.surat.instansi_id or not sop.aktif:
            raise ValidationError(_("Pilih SOP aktif yang diadopsi instansi ini."))
        judul = (judul or "").strip() or f"{sop.nama}: {d.surat.perihal}"
        try:
            pelaksanaan = sop_services.mulai(
                aktor=aktor, sop=sop, judul=judul[:300], periode=periode
            )
        except sop_services.KesalahanAlur as exc:
            raise ValidationError(str(exc)) from exc
        sebelum = _snapshot(d)
        d.pelaksanaan = pelaksanaan
        d.save(update_fields=["pelaksanaan"])
        _catat(aktor, CatatanAudit.Aksi.UBAH, d, sebelum, "Memulai SOP dari disposisi")
        surat = _kunci_surat(d.surat)
        if surat.pelaksanaan_id is None:
            sebelum = _snapshot(surat)
            surat.pelaksanaan = pelaksanaan
            surat.save(update_fields=["pelaksanaan"])
            _catat(aktor, CatatanAudit.Aksi.UBAH, surat, sebelum, "Memulai SOP dari surat masuk")
    return pelaksanaan


def disposisi_untuk(user) -> QuerySet[Disposisi]:
    """Open dispositions addressed to the positions `user` holds today (their inbox)."""
    ids = jabatan_dipegang_ids(user)
    if not ids:
        return Disposisi.objects.none()
    return (
        Disposisi.objects.for_user(user)
        .filter(status=Disposisi.Status.TERBUKA, kepada_id__in=ids)
        .exclude(surat__status=Surat.Status.BATAL)
        .select_related("surat", "kepada", "dari_jabatan", "dari")
        .order_by("batas_waktu", "dibuat_pada", "id")
    )
