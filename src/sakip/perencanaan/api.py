"""JSON API for planning: Renstra, Renja/RKA/DPA, IKU, PK and Rencana Aksi.

Reads go through `for_user`; writes through `services` (audited, rules enforced).
Rule violations answer 422 with the Indonesian messages; a signed PK answers 409.
"""

# No `from __future__ import annotations`: ninja reads parameter types such as `Id` at
# runtime, and through @paginate it looks them up outside this module.

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import (
    Angka,
    Bulan,
    Galat,
    Halaman,
    Id,
    Tahun,
    Teks50,
    Teks500,
    TeksPanjang,
    Uang,
)

from . import services
from .models import (
    IKU,
    DokumenAnggaran,
    Indikator,
    IndikatorPK,
    PerjanjianKinerja,
    Renstra,
    Sasaran,
    SasaranPK,
)

router = Router(tags=["Perencanaan"])


class TargetOut(Schema):
    tahun: int
    target: Decimal | None
    target_atas: Decimal | None
    target_skala: str


class IndikatorOut(Schema):
    id: int
    kode: str
    nama: str
    satuan: str
    skala: str | None
    polaritas: str
    agregasi: str
    tujuan_id: int | None
    sasaran_id: int | None
    baseline: Decimal | None
    baseline_skala: str
    target_akhir: Decimal | None
    target_akhir_atas: Decimal | None
    target_akhir_skala: str
    definisi: str
    formula: str
    sumber_data: str
    penanggung_jawab_id: int | None
    target: list[TargetOut]

    @staticmethod
    def resolve_skala(obj: Indikator) -> str | None:
        return obj.skala.nama if obj.skala_id else None

    @staticmethod
    def resolve_target(obj: Indikator) -> list:
        return list(obj.target.all())


class BagianOut(Schema):
    id: int
    kode: str
    uraian: str


class SasaranOut(BagianOut):
    tujuan_id: int


class RenstraOut(Schema):
    id: int
    instansi_id: int
    tahun_awal: int
    tahun_akhir: int
    visi: str
    status: str


class RenstraDetailOut(RenstraOut):
    misi: list[BagianOut]
    tujuan: list[BagianOut]
    sasaran: list[SasaranOut]
    indikator: list[IndikatorOut]

    @staticmethod
    def resolve_misi(obj):
        return list(obj.misi.all())

    @staticmethod
    def resolve_tujuan(obj):
        return list(obj.tujuan.all())

    @staticmethod
    def resolve_sasaran(obj):
        return list(obj.sasaran.all())

    @staticmethod
    def resolve_indikator(obj):
        return list(obj.indikator.select_related("skala").prefetch_related("target"))


class TargetIn(Schema):
    tahun: Tahun
    target: Angka | None = None
    target_atas: Angka | None = None
    target_skala: Teks50 = ""


class IndikatorTargetIn(Schema):
    target: list[TargetIn]


class IndikatorItemOut(Schema):
    id: int
    nama: str
    satuan: str
    target: Decimal | None
    target_atas: Decimal | None
    target_skala: str
    indikator_renstra_id: int | None


class ItemOut(Schema):
    id: int
    induk_id: int | None
    level: str
    kode: str
    nama: str
    pagu: Decimal
    indikator: list[IndikatorItemOut]
    kas: list[Decimal]

    @staticmethod
    def resolve_indikator(obj):
        return list(obj.indikator.all())

    @staticmethod
    def resolve_kas(obj):
        per_bulan = {k.bulan: k.jumlah for k in obj.kas.all()}
        return [per_bulan.get(b, Decimal("0")) for b in range(1, 13)]


class DokumenAnggaranOut(Schema):
    id: int
    instansi_id: int
    renstra_id: int
    jenis: str
    tahun: int
    nomor: str
    tanggal_pengesahan: datetime.date | None


class DokumenAnggaranDetailOut(DokumenAnggaranOut):
    item: list[ItemOut]

    @staticmethod
    def resolve_item(obj):
        return list(obj.item.prefetch_related("indikator", "kas").order_by("kode"))


class IKUOut(Schema):
    id: int
    renstra_id: int
    indikator_id: int
    indikator: str
    tahun_mulai: int
    alasan: str
    definisi: str
    formula: str
    sumber_data: str
    penanggung_jawab_id: int

    @staticmethod
    def resolve_indikator(obj):
        return str(obj.indikator)


class RencanaAksiOut(Schema):
    jenis_periode: str
    periode: int
    target: Decimal | None
    target_atas: Decimal | None
    target_skala: str
    aksi: str
    anggaran: Decimal


class IndikatorPKOut(Schema):
    id: int
    nama: str
    satuan: str
    target: Decimal | None
    target_atas: Decimal | None
    target_skala: str
    indikator_renstra_id: int | None
    rencana_aksi: list[RencanaAksiOut]

    @staticmethod
    def resolve_rencana_aksi(obj):
        return list(obj.aksi.all())


class SasaranPKOut(Schema):
    id: int
    uraian: str
    sasaran_renstra_id: int | None
    sasaran_atasan_id: int | None
    indikator: list[IndikatorPKOut]

    @staticmethod
    def resolve_indikator(obj):
        return list(obj.indikator.all())


class AnggaranPKOut(Schema):
    uraian: str
    anggaran: Decimal
    item_id: int | None


class PKOut(Schema):
    id: int
    instansi_id: int
    tahun: int
    jabatan_id: int
    jabatan: str
    pihak_pertama_id: int
    pihak_kedua_id: int | None
    pihak_kedua_nama: str
    pihak_kedua_jabatan: str
    pk_atasan_id: int | None
    revisi_dari_id: int | None
    nomor_revisi: int
    status: str
    tanggal: datetime.date | None
    peringatan: str

    @staticmethod
    def resolve_jabatan(obj):
        return obj.jabatan.nama


class PKDetailOut(PKOut):
    sasaran: list[SasaranPKOut]
    anggaran: list[AnggaranPKOut]
    total_anggaran: Decimal

    @staticmethod
    def resolve_sasaran(obj):
        return list(obj.sasaran.prefetch_related("indikator__aksi"))

    @staticmethod
    def resolve_anggaran(obj):
        return list(obj.anggaran.all())

    @staticmethod
    def resolve_total_anggaran(obj):
        return obj.total_anggaran()


class IndikatorPKIn(Schema):
    nama: Teks500
    satuan: Teks50
    target: Angka | None = None
    target_atas: Angka | None = None
    target_skala: Teks50 = ""
    indikator_renstra_id: Id | None = None


class SasaranPKIn(Schema):
    uraian: TeksPanjang
    sasaran_renstra_id: Id | None = None
    sasaran_atasan_id: Id | None = None
    indikator: list[IndikatorPKIn] = []


class TandaTanganIn(Schema):
    tanggal: datetime.date


class TandaTanganOut(Schema):
    pk: PKOut
    peringatan: str


class RevisiIn(Schema):
    alasan: Annotated[str, Field(max_length=12)]  # a choice of `AlasanRevisi`
    keterangan: TeksPanjang = ""


class TemuanOut(Schema):
    jenis: str
    pesan: str


class RencanaAksiIn(Schema):
    indikator_id: Id
    jenis_periode: Annotated[str, Field(max_length=10)] = "triwulan"  # `RencanaAksi.Periode`
    periode: Bulan  # a quarter 1..4 or a month 1..12 (the model checks which)
    target: Angka | None = None
    target_atas: Angka | None = None
    target_skala: Teks50 = ""
    aksi: TeksPanjang = ""
    anggaran: Uang = Decimal("0")


def _user(request):
    return request.auth


def _galat(exc: Exception):
    """Rule and permission errors as API answers, in Indonesian."""
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc) or "Tidak berwenang.", "pesan": []})
    if isinstance(exc, services.AturanPerencanaan):
        return Status(409, {"detail": " ".join(exc.messages), "pesan": exc.messages})
    return Status(422, {"detail": "Data tidak sah.", "pesan": exc.messages})


GALAT = {403: Galat, 409: Galat, 422: Galat}


def _rujukan(model, user, medan: str, pk: int | None):
    """The row an id in the request names, read through the access path; None for no id."""
    if pk is None:
        return None
    objek = model.objects.for_user(user).filter(pk=pk).first()
    if objek is None:
        pesan = _("%(jenis)s %(id)s tidak ditemukan.")
        raise ValidationError({medan: pesan % {"jenis": model._meta.verbose_name, "id": pk}})
    return objek


# ---------------------------------------------------------------- Renstra


@router.get("/renstra", response=list[RenstraOut], summary="Daftar Renstra")
@paginate(Halaman)
def daftar_renstra(request, instansi_id: Id | None = None):
    qs = Renstra.objects.for_user(_user(request))
    return qs.filter(instansi_id=instansi_id) if instansi_id is not None else qs


@router.get("/renstra/{renstra_id}", response=RenstraDetailOut, summary="Renstra lengkap")
def detail_renstra(request, renstra_id: int):
    return get_for_user_or_404(Renstra, _user(request), pk=renstra_id)


@router.put(
    "/indikator/{indikator_id}/target",
    response={200: IndikatorOut, **GALAT},
    summary="Mengganti target tahunan indikator Renstra",
)
def ubah_target(request, indikator_id: int, data: IndikatorTargetIn):
    indikator = get_for_user_or_404(Indikator, _user(request), pk=indikator_id)
    try:
        with transaction.atomic():  # all or nothing
            for t in data.target:
                services.simpan_target_indikator(
                    aktor=_user(request), indikator=indikator, keterangan="Lewat API", **t.dict()
                )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, indikator)


@router.get("/renstra/{renstra_id}/iku", response=list[IKUOut], summary="IKU Renstra")
def daftar_iku(request, renstra_id: int):
    renstra = get_for_user_or_404(Renstra, _user(request), pk=renstra_id)
    return list(IKU.objects.filter(renstra=renstra).select_related("indikator"))


# ---------------------------------------------------------------- Renja, RKA, DPA


@router.get("/anggaran", response=list[DokumenAnggaranOut], summary="Daftar Renja/RKA/DPA")
@paginate(Halaman)
def daftar_anggaran(
    request, instansi_id: Id | None = None, tahun: Tahun | None = None, jenis: str = ""
):
    qs = DokumenAnggaran.objects.for_user(_user(request))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.filter(jenis=jenis) if jenis else qs


@router.get(
    "/anggaran/{dokumen_id}", response=DokumenAnggaranDetailOut, summary="Renja/RKA/DPA lengkap"
)
def detail_anggaran(request, dokumen_id: int):
    return get_for_user_or_404(DokumenAnggaran, _user(request), pk=dokumen_id)


# ---------------------------------------------------------------- PK


@router.get("/pk", response=list[PKOut], summary="Daftar Perjanjian Kinerja")
@paginate(Halaman)
def daftar_pk(request, instansi_id: Id | None = None, tahun: Tahun | None = None):
    qs = PerjanjianKinerja.objects.for_user(_user(request)).select_related("jabatan")
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    return qs.filter(tahun=tahun) if tahun is not None else qs


@router.get("/pk/{pk_id}", response=PKDetailOut, summary="Perjanjian Kinerja lengkap")
def detail_pk(request, pk_id: int):
    return get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("jabatan"), _user(request), pk=pk_id
    )


@router.post(
    "/pk/{pk_id}/sasaran",
    response={201: PKDetailOut, **GALAT},
    summary="Menambah sasaran dan indikator PK",
)
def tambah_sasaran(request, pk_id: int, data: SasaranPKIn):
    aktor = _user(request)
    pk = get_for_user_or_404(PerjanjianKinerja, aktor, pk=pk_id)
    try:
        services.tambah_sasaran_pk(
            aktor=aktor,
            pk=pk,
            uraian=data.uraian,
            sasaran_renstra=_rujukan(Sasaran, aktor, "sasaran_renstra", data.sasaran_renstra_id),
            sasaran_atasan=_rujukan(SasaranPK, aktor, "sasaran_atasan", data.sasaran_atasan_id),
            indikator=[i.dict() for i in data.indikator],
        )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(201, pk)


@router.post(
    "/pk/{pk_id}/tandatangani",
    response={200: TandaTanganOut, **GALAT},
    summary="Menandatangani PK (hanya setelah DPA tahun itu disahkan)",
)
def tandatangani(request, pk_id: int, data: TandaTanganIn):
    pk = get_for_user_or_404(PerjanjianKinerja, _user(request), pk=pk_id)
    try:
        hasil = services.tandatangani_pk(aktor=_user(request), pk=pk, tanggal=data.tanggal)
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, {"pk": hasil.pk, "peringatan": hasil.peringatan})


@router.post("/pk/{pk_id}/revisi", response={201: PKOut, **GALAT}, summary="Membuat revisi PK")
def revisi(request, pk_id: int, data: RevisiIn):
    pk = get_for_user_or_404(PerjanjianKinerja, _user(request), pk=pk_id)
    try:
        baru = services.revisi_pk(
            aktor=_user(request), pk=pk, alasan=data.alasan, keterangan=data.keterangan
        )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(201, baru)


@router.get("/pk/{pk_id}/kaskade", response=list[TemuanOut], summary="Pemeriksaan kaskade PK")
def kaskade(request, pk_id: int):
    pk = get_for_user_or_404(PerjanjianKinerja, _user(request), pk=pk_id)
    return [{"jenis": t.jenis, "pesan": t.pesan} for t in services.periksa_kaskade(pk)]


@router.put(
    "/pk/{pk_id}/rencana-aksi",
    response={200: PKDetailOut, **GALAT},
    summary="Menyimpan rencana aksi (semua atau tidak sama sekali)",
)
def simpan_rencana_aksi(request, pk_id: int, data: list[RencanaAksiIn]):
    pk = get_for_user_or_404(PerjanjianKinerja, _user(request), pk=pk_id)
    try:
        with transaction.atomic():  # all or nothing
            for baris in data:
                indikator = IndikatorPK.objects.filter(
                    sasaran__pk_dokumen=pk, pk=baris.indikator_id
                ).first()
                if indikator is None:
                    raise ValidationError(f"Indikator {baris.indikator_id} bukan bagian PK ini.")
                services.simpan_rencana_aksi(
                    aktor=_user(request),
                    indikator=indikator,
                    keterangan="Lewat API",
                    **baris.dict(exclude={"indikator_id"}),
                )
    except (ValidationError, PermissionDenied) as exc:
        return _galat(exc)
    return Status(200, pk)
