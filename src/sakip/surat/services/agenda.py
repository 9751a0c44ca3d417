"""Searching the agenda book by the fields of its search form."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Q, QuerySet

from ..models import Surat

# ---------------------------------------------------------------- agenda search


def _tanggal(teks) -> datetime.date | None:
    if isinstance(teks, datetime.date):
        return teks
    try:
        return datetime.date.fromisoformat(str(teks or "").strip())
    except ValueError:
        return None


def cari_agenda(qs: QuerySet[Surat], params: Mapping) -> QuerySet[Surat]:
    """Filter agenda entries by the search form's fields (unknown or empty ones are ignored).

    q: number, subject, sender/recipient or agenda number; dari/sampai: agenda date range;
    pihak: sender or recipient; klasifikasi: a code and its children; nomor_agenda; arah;
    status; tahun (of the number and agenda entry).
    """
    q = str(params.get("q") or "").strip()
    if q:
        kondisi = (
            Q(nomor_surat__icontains=q)
            | Q(perihal__icontains=q)
            | Q(asal__icontains=q)
            | Q(tujuan__icontains=q)
            | Q(keterangan__icontains=q)
        )
        if q.isdigit():
            kondisi |= Q(nomor_agenda=int(q))
        qs = qs.filter(kondisi)
    arah = params.get("arah")
    if arah in Surat.Arah.values:
        qs = qs.filter(arah=arah)
    status = params.get("status")
    if status in Surat.Status.values:
        qs = qs.filter(status=status)
    if dari := _tanggal(params.get("dari")):
        qs = qs.filter(tanggal_agenda__gte=dari)
    if sampai := _tanggal(params.get("sampai")):
        qs = qs.filter(tanggal_agenda__lte=sampai)
    pihak = str(params.get("pihak") or "").strip()
    if pihak:
        qs = qs.filter(Q(asal__icontains=pihak) | Q(tujuan__icontains=pihak))
    kode = str(params.get("klasifikasi") or "").strip()
    if kode:
        qs = qs.filter(Q(klasifikasi__kode=kode) | Q(klasifikasi__kode__startswith=kode + "."))
    nomor_agenda = str(params.get("nomor_agenda") or "").strip()
    if nomor_agenda.isdigit():
        qs = qs.filter(nomor_agenda=int(nomor_agenda))
    tahun = str(params.get("tahun") or "").strip()
    if tahun.isdigit():
        qs = qs.filter(tahun_nomor=int(tahun))
    return qs
