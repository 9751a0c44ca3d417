"""JSON API for measurement: realisations (read, write, review), capaian, recommendations."""

# No `from __future__ import annotations`: ninja reads parameter types such as `Id` at
# runtime, and through @paginate it looks them up outside this module.

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import (
    BATAS_LIMIT,
    Angka,
    Bulan,
    Galat,
    Halaman,
    Id,
    Tahun,
    Teks50,
    TeksPanjang,
)
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import Indikator, IndikatorPK, PerjanjianKinerja

from . import penilaian, services
from .models import Realisasi, Rekomendasi

router = Router(tags=["Pengukuran"])


class RealisasiOut(Schema):
    id: int
    instansi_id: int
    tahun: int
    bulan: int
    indikator_id: int | None
    indikator_pk_id: int | None
    nilai: Decimal | None
    nilai_skala: str
    catatan: str
    status: str
    catatan_pemeriksa: str
    diisi_pada: datetime.datetime | None
    # Whether the value counts in capaian (approved); others wait or were returned.
    dihitung: bool
    diisi_oleh_id: int | None


class RealisasiIn(Schema):
    tahun: Tahun
    bulan: Bulan
    indikator_id: Id | None = None
    indikator_pk_id: Id | None = None
    nilai: Angka | None = None
    nilai_skala: Teks50 = ""
    catatan: TeksPanjang = ""
    ajukan: bool = False


class PeriksaIn(Schema):
    setuju: bool
    catatan: TeksPanjang = ""


class PeriksaBanyakIn(Schema):
    realisasi_id: Annotated[list[Id], Field(max_length=BATAS_LIMIT)]
    setuju: bool
    catatan: TeksPanjang = ""


class CapaianOut(Schema):
    kode: str
    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    target: str
    realisasi: str | None
    bulanan: list[str | None]
    capaian: Decimal | None
    rumus: str
    kategori: str
    indikator_id: int | None
    indikator_pk_id: int | None


class RekomendasiOut(Schema):
    id: int
    instansi_id: int
    evaluasi_id: int
    jabatan_id: int
    indikator_pk_id: int | None
    uraian: str
    dipantau_bulan: int
    status: str
    tindak_lanjut: str


def _user(request):
    return request.auth


def _galat(exc: Exception):
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc) or "Tidak berwenang."})
    return Status(422, {"detail": " ".join(exc.messages)})


GALAT = {403: Galat, 422: Galat}


def _capaian_out(baris: list[penilaian.CapaianIndikator]) -> list[dict]:
    teks = lambda v: None if v is None else str(v)  # noqa: E731
    return [
        {
            "kode": b.kode,
            "nama": b.nama,
            "satuan": b.satuan,
            "polaritas": b.polaritas,
            "agregasi": b.agregasi,
            "target": b.target,
            "realisasi": teks(b.realisasi),
            "bulanan": [teks(v) for v in b.bulanan],
            "capaian": b.hasil.nilai,
            "rumus": b.hasil.rumus,
            "kategori": b.kategori,
            "indikator_id": b.indikator_id,
            "indikator_pk_id": b.indikator_pk_id,
        }
        for b in baris
    ]


@router.get("/realisasi", response=list[RealisasiOut], summary="Realisasi indikator")
@paginate(Halaman)
def daftar_realisasi(
    request,
    instansi_id: Id | None = None,
    tahun: Tahun | None = None,
    bulan: Bulan | None = None,
    status: str = "",
):
    """Every stored realisation with its status; only `dihitung` ones count in capaian."""
    qs = Realisasi.objects.for_user(_user(request))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    return qs.filter(bulan=bulan) if bulan is not None else qs


@router.get(
    "/realisasi/menunggu",
    response=list[RealisasiOut],
    summary="Antrean persetujuan: realisasi diajukan yang menunggu Anda periksa",
)
@paginate(Halaman)
def antrean_persetujuan(request):
    return services.antrean_persetujuan(_user(request)).order_by("tahun", "bulan", "id")


@router.post(
    "/realisasi/menunggu",
    response={200: list[RealisasiOut], **GALAT},
    summary="Menyetujui atau mengembalikan beberapa realisasi sekaligus (semua atau tidak)",
)
def periksa_sekaligus(request, data: PeriksaBanyakIn):
    user = _user(request)
    dipilih = list(Realisasi.objects.for_user(user).filter(pk__in=data.realisasi_id))
    if len(dipilih) != len(set(data.realisasi_id)):
        return Status(422, {"detail": "Sebagian realisasi tidak ditemukan."})
    try:
        hasil = services.periksa_sekaligus(
            aktor=user, realisasi=dipilih, setuju=data.setuju, catatan=data.catatan
        )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, hasil)


@router.post(
    "/realisasi",
    response={200: RealisasiOut, 404: Galat, **GALAT},
    summary="Mengisi realisasi bulan (membuat atau memperbarui)",
)
def isi_realisasi(request, data: RealisasiIn):
    user = _user(request)
    if (data.indikator_id is None) == (data.indikator_pk_id is None):
        return Status(422, {"detail": "Isi indikator_id atau indikator_pk_id (salah satu)."})
    indikator = indikator_pk = None
    if data.indikator_id is not None:
        indikator = get_for_user_or_404(
            Indikator.objects.select_related("renstra"), user, pk=data.indikator_id
        )
        instansi_id = indikator.renstra.instansi_id
    else:
        indikator_pk = get_for_user_or_404(
            IndikatorPK.objects.select_related("sasaran__pk_dokumen"), user, pk=data.indikator_pk_id
        )
        instansi_id = indikator_pk.sasaran.pk_dokumen.instansi_id
    try:
        r = services.isi_realisasi(
            aktor=user,
            instansi_id=instansi_id,
            tahun=data.tahun,
            bulan=data.bulan,
            indikator=indikator,
            indikator_pk=indikator_pk,
            nilai=data.nilai,
            nilai_skala=data.nilai_skala,
            catatan=data.catatan,
            ajukan=data.ajukan,
        )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, r)


@router.post(
    "/realisasi/{realisasi_id}/periksa",
    response={200: RealisasiOut, **GALAT},
    summary="Menyetujui atau mengembalikan realisasi (Kasubag Perencanaan)",
)
def periksa(request, realisasi_id: int, data: PeriksaIn):
    r = get_for_user_or_404(Realisasi, _user(request), pk=realisasi_id)
    try:
        r = services.periksa_realisasi(
            aktor=_user(request), realisasi=r, setuju=data.setuju, catatan=data.catatan
        )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, r)


@router.get(
    "/instansi/{instansi_id}/capaian",
    response=list[CapaianOut],
    summary="Capaian indikator Renstra instansi (dengan rumus)",
)
def capaian_instansi(
    request, instansi_id: int, tahun: Tahun | None = None, sampai_bulan: Bulan = 12
):
    instansi = get_for_user_or_404(Instansi, _user(request), pk=instansi_id)
    tahun = tahun or timezone.localdate().year
    return _capaian_out(penilaian.capaian_renstra(instansi, tahun, sampai_bulan))


@router.get(
    "/pk/{pk_id}/capaian", response=list[CapaianOut], summary="Capaian indikator PK (dengan rumus)"
)
def capaian_pk(request, pk_id: int, sampai_bulan: Bulan = 12):
    pk = get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("instansi"), _user(request), pk=pk_id
    )
    return _capaian_out(penilaian.capaian_pk(pk, sampai_bulan))


@router.get("/rekomendasi", response=list[RekomendasiOut], summary="Rekomendasi perbaikan kinerja")
@paginate(Halaman)
def daftar_rekomendasi(request, instansi_id: Id | None = None, status: str = ""):
    qs = Rekomendasi.objects.for_user(_user(request))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    return qs.filter(status=status) if status else qs
