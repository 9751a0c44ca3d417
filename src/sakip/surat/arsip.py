"""The archive: every signed letter filed under its classification code with its retention.

Retention follows the code's Jadwal Retensi Arsip (Permendagri 83/2022 classification):
`retensi_aktif` years in the unit's active files, then `retensi_inaktif` years in the
records centre, then the final disposition (musnah, permanen, dinilai kembali). Years count
from the letter's date (else the year it was filed).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit

from .distribusi import boleh_kirim, dapat_dikirim
from .models import KodeKlasifikasi, Surat


def arsipkan(*, aktor, surat: Surat) -> Surat:
    """File a signed letter in the agency's archive (DIARSIPKAN); a second call does nothing.

    `aktor` None: the end of an SOP run files it on the system's behalf.
    """
    if aktor is not None and not boleh_kirim(aktor, surat):
        raise PermissionDenied(_("Anda tidak berwenang mengarsipkan surat instansi ini."))
    with transaction.atomic():
        surat = Surat.objects.select_for_update().get(pk=surat.pk)
        if surat.status == Surat.Status.DIARSIPKAN:
            return surat
        if not dapat_dikirim(surat):
            raise ValidationError(_("Hanya surat yang sudah ditandatangani yang dapat diarsipkan."))
        sebelum = audit.snapshot(surat)
        surat.status = Surat.Status.DIARSIPKAN
        surat.diarsipkan_pada = timezone.now()
        surat.diarsipkan_oleh = aktor
        surat.save(update_fields=["status", "diarsipkan_pada", "diarsipkan_oleh"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=surat,
            sebelum=sebelum,
            sesudah=audit.snapshot(surat),
            keterangan="Mengarsipkan surat",
        )
    return surat


def tahun_dasar(surat: Surat) -> int:
    """The year retention counts from: the letter's date, else when it was filed or made."""
    if surat.tanggal_surat:
        return surat.tanggal_surat.year
    if surat.diarsipkan_pada:
        return timezone.localtime(surat.diarsipkan_pada).year
    return timezone.localtime(surat.dibuat_pada).year


def retensi(surat: Surat) -> dict:
    """{aktif_sampai, inaktif_sampai, nasib_akhir (label), nasib_akhir_kode, tahap, …}.

    Without a classification code the years are None and the label says so.
    """
    k = surat.klasifikasi
    dasar = tahun_dasar(surat)
    if k is None:
        return {
            "tahun_dasar": dasar,
            "aktif_sampai": None,
            "inaktif_sampai": None,
            "nasib_akhir": _("Belum diklasifikasi"),
            "nasib_akhir_kode": "",
            "tahap": "",
        }
    aktif = dasar + k.retensi_aktif
    inaktif = aktif + k.retensi_inaktif
    tahun_ini = timezone.localdate().year
    if tahun_ini <= aktif:
        tahap = _("Aktif")
    elif tahun_ini <= inaktif:
        tahap = _("Inaktif")
    else:
        tahap = _("Menunggu penyusutan: %(nasib)s") % {"nasib": k.get_nasib_akhir_display()}
    return {
        "tahun_dasar": dasar,
        "aktif_sampai": aktif,
        "inaktif_sampai": inaktif,
        "nasib_akhir": k.get_nasib_akhir_display(),
        "nasib_akhir_kode": k.nasib_akhir,
        "tahap": tahap,
    }


def arsip_instansi(qs: QuerySet[Surat], instansi_id: int) -> QuerySet[Surat]:
    """The archived letters of one agency from an already scoped queryset, by code then date."""
    return (
        qs.filter(instansi_id=instansi_id, status=Surat.Status.DIARSIPKAN)
        .select_related("klasifikasi", "diarsipkan_oleh")
        .annotate(
            tahun_arsip=Coalesce(ExtractYear("tanggal_surat"), ExtractYear("diarsipkan_pada"))
        )
        .order_by("klasifikasi__kode", "-tanggal_surat", "-id")
    )


def saring(qs: QuerySet[Surat], *, kode: str = "", tahun: int | None = None, q: str = ""):
    """Narrow the archive: a classification code (and its sub-codes), a year, a text search."""
    if kode == "-":
        qs = qs.filter(klasifikasi__isnull=True)
    elif kode:
        qs = qs.filter(Q(klasifikasi__kode=kode) | Q(klasifikasi__kode__startswith=kode + "."))
    if tahun:
        qs = qs.filter(tahun_arsip=tahun)
    for kata in q.split():
        qs = qs.filter(Q(nomor_surat__icontains=kata) | Q(perihal__icontains=kata))
    return qs


def pilihan_saring(qs: QuerySet[Surat]) -> tuple[list[KodeKlasifikasi], list[int]]:
    """The codes and years present in an agency's archive (for the filter's selects)."""
    kode_ids = qs.exclude(klasifikasi__isnull=True).values_list("klasifikasi_id", flat=True)
    kode = list(KodeKlasifikasi.objects.filter(pk__in=kode_ids).order_by("kode"))
    tahun = sorted(
        {t for t in qs.order_by().values_list("tahun_arsip", flat=True).distinct() if t},
        reverse=True,
    )
    return kode, tahun
