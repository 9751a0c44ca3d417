"""JSON API for the SOP engine: the inbox, task actions, runs and adopted SOPs."""

# No `from __future__ import annotations`: ninja reads parameter types such as `Id` at
# runtime, and through @paginate it looks them up outside this module.

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import AfterValidator

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import Galat, Halaman, Id, TeksPanjang, satu_baris

from . import engine
from .models import Pelaksanaan, SopInstansi, Tugas

router = Router(tags=["SOP"])


class TugasOut(Schema):
    id: int
    pelaksanaan_id: int
    judul: str
    langkah_no: int
    kegiatan: str
    pelaksana: str
    jabatan_id: int | None
    untuk_tim: bool
    status: str
    keputusan: str
    catatan: str
    dibuat_pada: datetime.datetime
    tenggat: datetime.datetime | None
    kondisi: str
    diklaim_oleh_id: int | None
    selesai_oleh_id: int | None
    perlu_keputusan: bool
    # Work a review returned: who returned it, when and the note (None/"" otherwise).
    dikembalikan: bool
    dikembalikan_oleh: str | None
    dikembalikan_pada: datetime.datetime | None
    catatan_pengembalian: str

    @staticmethod
    def resolve_dikembalikan(obj: Tugas) -> bool:
        return obj.dikembalikan_dari_id is not None

    @staticmethod
    def resolve_dikembalikan_oleh(obj: Tugas) -> str | None:
        asal = obj.dikembalikan_dari
        if asal is None:
            return None
        return asal.selesai_oleh.nama_lengkap if asal.selesai_oleh else asal.pelaksana_nama

    @staticmethod
    def resolve_dikembalikan_pada(obj: Tugas) -> datetime.datetime | None:
        return obj.dikembalikan_dari.selesai_pada if obj.dikembalikan_dari_id else None

    @staticmethod
    def resolve_catatan_pengembalian(obj: Tugas) -> str:
        return obj.dikembalikan_dari.catatan if obj.dikembalikan_dari_id else ""

    @staticmethod
    def resolve_judul(obj: Tugas) -> str:
        return obj.pelaksanaan.judul

    @staticmethod
    def resolve_pelaksana(obj: Tugas) -> str:
        return obj.pelaksana_nama

    @staticmethod
    def resolve_kondisi(obj: Tugas) -> str:
        return obj.kondisi_tenggat(timezone.now())

    @staticmethod
    def resolve_perlu_keputusan(obj: Tugas) -> bool:
        return bool(obj.pelaksanaan.versi.langkah_ke(obj.langkah_no).get("keputusan"))


class PeristiwaOut(Schema):
    jenis: str
    langkah_no: int | None
    aktor_nama: str
    waktu: datetime.datetime
    catatan: str


class PelaksanaanOut(Schema):
    id: int
    instansi_id: int
    sop_kode: str
    versi: int
    judul: str
    periode: str
    status: str
    langkah_sekarang: int | None
    induk_id: int | None
    dimulai_pada: datetime.datetime
    selesai_pada: datetime.datetime | None

    @staticmethod
    def resolve_sop_kode(obj: Pelaksanaan) -> str:
        return obj.sop.kode

    @staticmethod
    def resolve_versi(obj: Pelaksanaan) -> int:
        return obj.versi.nomor


class PelaksanaanDetailOut(PelaksanaanOut):
    peristiwa: list[PeristiwaOut]

    @staticmethod
    def resolve_peristiwa(obj: Pelaksanaan) -> list:
        return list(obj.peristiwa.all())


class SopOut(Schema):
    id: int
    instansi_id: int
    kode: str
    nama: str
    aktif: bool


class CatatanIn(Schema):
    catatan: TeksPanjang = ""


class MulaiIn(Schema):
    # One line each: the title reaches email subjects, where CR/LF would add a header.
    # Refused here (422) before the engine runs, so nothing is saved.
    judul: Annotated[str, Field(max_length=300), AfterValidator(satu_baris)]
    periode: Annotated[str, Field(max_length=20), AfterValidator(satu_baris)] = ""


# What a task's output reads, fetched with it (no query per task in a list).
_TERKAIT = ("pelaksanaan__versi", "dikembalikan_dari__selesai_oleh")


def _user(request):
    return request.auth


def _tugas(request, tugas_id: int) -> Tugas:
    return get_for_user_or_404(Tugas.objects.select_related(*_TERKAIT), _user(request), pk=tugas_id)


def _aksi(request, tugas_id: int, fungsi):
    tugas = _tugas(request, tugas_id)
    try:
        fungsi(tugas)
    except engine.KesalahanAlur as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, Tugas.objects.select_related(*_TERKAIT).get(pk=tugas.pk))


@router.get("/tugas", response=list[TugasOut], summary="Kotak tugas pengguna")
@paginate(Halaman)
def kotak_tugas(request):
    return engine.kotak_tugas(_user(request)).select_related(*_TERKAIT).order_by("tenggat", "id")


@router.get("/tugas/{tugas_id}", response=TugasOut, summary="Satu tugas")
def detail_tugas(request, tugas_id: int):
    return _tugas(request, tugas_id)


@router.post(
    "/tugas/{tugas_id}/selesai",
    response={200: TugasOut, 409: Galat},
    summary="Menyelesaikan langkah (bukan pemeriksaan)",
)
def selesaikan(request, tugas_id: int, data: CatatanIn):
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.selesaikan(aktor=_user(request), tugas=t, catatan=data.catatan),
    )


def _putuskan(request, tugas_id: int, catatan: str, *, setuju: bool):
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.putuskan(aktor=_user(request), tugas=t, setuju=setuju, catatan=catatan),
    )


@router.post("/tugas/{tugas_id}/setuju", response={200: TugasOut, 409: Galat}, summary="Menyetujui")
def setujui(request, tugas_id: int, data: CatatanIn):
    return _putuskan(request, tugas_id, data.catatan, setuju=True)


@router.post(
    "/tugas/{tugas_id}/tolak",
    response={200: TugasOut, 409: Galat},
    summary="Mengembalikan untuk diperbaiki (catatan wajib)",
)
def tolak(request, tugas_id: int, data: CatatanIn):
    return _putuskan(request, tugas_id, data.catatan, setuju=False)


@router.get("/pelaksanaan", response=list[PelaksanaanOut], summary="Pelaksanaan SOP")
@paginate(Halaman)
def daftar_pelaksanaan(request, instansi_id: Id | None = None, status: str = ""):
    qs = Pelaksanaan.objects.for_user(_user(request)).select_related("sop", "versi")
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-dimulai_pada", "-id")


@router.get(
    "/pelaksanaan/{pelaksanaan_id}",
    response=PelaksanaanDetailOut,
    summary="Satu pelaksanaan dengan lini masanya",
)
def detail_pelaksanaan(request, pelaksanaan_id: int):
    return get_for_user_or_404(
        Pelaksanaan.objects.select_related("sop", "versi"), _user(request), pk=pelaksanaan_id
    )


@router.get("/sop", response=list[SopOut], summary="SOP yang diadopsi")
@paginate(Halaman)
def daftar_sop(request, instansi_id: Id | None = None):
    qs = SopInstansi.objects.for_user(_user(request))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    return qs


@router.post(
    "/sop/{sop_id}/mulai",
    response={201: PelaksanaanOut, 409: Galat},
    summary="Memulai pelaksanaan SOP",
)
def mulai(request, sop_id: int, data: MulaiIn):
    sop = get_for_user_or_404(SopInstansi, _user(request), pk=sop_id)
    try:
        p = engine.mulai(aktor=_user(request), sop=sop, judul=data.judul, periode=data.periode)
    except engine.KesalahanAlur as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, p)
