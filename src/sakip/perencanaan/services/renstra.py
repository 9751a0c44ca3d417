"""Renstra writes beyond a plain row: an indicator with its annual targets."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from ..models import Indikator, TargetTahunan
from .dasar import CARI, Tersimpan, isi_per_kunci, simpan, simpan_butir


def simpan_target_indikator(
    *,
    aktor,
    indikator: Indikator,
    tahun: int,
    target: Decimal | None = None,
    target_atas: Decimal | None = None,
    target_skala: str = "",
    lama: TargetTahunan | None = CARI,
    keterangan: str = "",
) -> Tersimpan[TargetTahunan]:
    """Save or update the target of one year of a Renstra indicator.

    The model checks the year lies in the Renstra period and the value fits the
    indicator (number, range or scale value); an adopted Renstra is reopened as a draft.
    """
    if lama is CARI:
        lama = TargetTahunan.objects.filter(indikator=indikator, tahun=tahun).first()
    return simpan_butir(
        aktor=aktor,
        objek=lama or TargetTahunan(indikator=indikator, tahun=tahun),
        nilai={"target": target, "target_atas": target_atas, "target_skala": target_skala},
        keterangan=keterangan,
    )


def simpan_indikator_renstra(
    *,
    aktor,
    indikator: Indikator,
    target: Mapping[int, Mapping[str, Any] | None],
    keterangan: str = "",
) -> Indikator:
    """Save a Renstra indicator (fields already set) and its target per year, all or none.

    `target` maps a year to its target fields; a year given as None (left empty) loses
    its stored target.
    """
    with transaction.atomic():
        simpan(aktor=aktor, objek=indikator, keterangan=keterangan)
        isi_per_kunci(
            aktor=aktor,
            tersimpan={t.tahun: t for t in TargetTahunan.objects.filter(indikator=indikator)},
            isian=target,
            simpan_satu=lambda tahun, nilai, lama: simpan_target_indikator(
                aktor=aktor,
                indikator=indikator,
                tahun=tahun,
                lama=lama,
                keterangan=keterangan,
                **nilai,
            ),
        )
    return indikator
