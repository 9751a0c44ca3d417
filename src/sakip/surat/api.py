"""JSON API of the agenda book: list (scoped, the page's filters), one letter, take a number.

No `from __future__ import annotations` here: django-ninja reads `Query[...]` at runtime.
"""

import datetime

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import Galat, Halaman, Id, Tahun

from . import services
from .models import Disposisi, Surat

router = Router(tags=["surat"])


class SuratOut(Schema):
    id: int
    instansi_id: int
    arah: str
    status: str
    nomor_agenda: int | None
    tanggal_agenda: datetime.date | None
    nomor_surat: str
    tanggal_surat: datetime.date | None
    asal: str
    tujuan: str
    perihal: str
    lampiran: str
    sifat: str
    klasifikasi: str | None
    keterangan: str
    alasan_batal: str
    ditandatangani: bool
    pelaksanaan_id: int | None

    @staticmethod
    def resolve_klasifikasi(obj: Surat) -> str | None:
        return obj.klasifikasi.kode if obj.klasifikasi_id else None


class DisposisiOut(Schema):
    id: int
    induk_id: int | None
    dari_jabatan: str
    kepada_id: int
    kepada: str
    instruksi: list[str]
    catatan: str
    sifat: str
    batas_waktu: datetime.date | None
    status: str
    tanggapan: str
    pelaksanaan_id: int | None
    dibuat_pada: datetime.datetime

    @staticmethod
    def resolve_dari_jabatan(obj: Disposisi) -> str:
        return obj.dari_jabatan.nama if obj.dari_jabatan_id else ""

    @staticmethod
    def resolve_kepada(obj: Disposisi) -> str:
        return obj.kepada.nama


class SuratDetailOut(SuratOut):
    disposisi: list[DisposisiOut]

    @staticmethod
    def resolve_disposisi(obj: Surat) -> list:
        return list(obj.disposisi.select_related("dari_jabatan", "kepada"))


class AgendaFilter(Schema):
    instansi_id: Id | None = None
    arah: str = ""
    q: str = ""
    dari: datetime.date | None = None
    sampai: datetime.date | None = None
    pihak: str = ""
    klasifikasi: str = ""
    status: str = ""
    nomor_agenda: int | None = None
    tahun: Tahun | None = None


class NomorIn(Schema):
    tanggal: datetime.date | None = None


@router.get("/surat", response=list[SuratOut], summary="Buku agenda surat (masuk/keluar)")
@paginate(Halaman)
def agenda(request, saring: Query[AgendaFilter]):
    qs = Surat.objects.for_user(request.auth).select_related("klasifikasi")
    if saring.instansi_id is not None:
        qs = qs.filter(instansi_id=saring.instansi_id)
    qs = services.cari_agenda(qs, saring.dict())
    return qs.order_by("instansi_id", "arah", "-tahun_nomor", "-nomor_agenda", "-id")


@router.get("/surat/{surat_id}", response=SuratDetailOut, summary="Satu surat dengan disposisinya")
def detail(request, surat_id: int):
    return get_for_user_or_404(
        Surat.objects.select_related("klasifikasi"), request.auth, pk=surat_id
    )


@router.post(
    "/surat/{surat_id}/nomor",
    response={200: SuratOut, 409: Galat},
    summary="Mengambil nomor surat keluar (idempoten)",
)
def beri_nomor(request, surat_id: int, data: NomorIn):
    surat = get_for_user_or_404(Surat, request.auth, ubah=True, pk=surat_id)
    try:
        surat = services.beri_nomor(aktor=request.auth, surat=surat, tanggal=data.tanggal)
    except ValidationError as exc:
        return Status(409, {"detail": " ".join(exc.messages)})
    return Status(200, Surat.objects.select_related("klasifikasi").get(pk=surat.pk))
