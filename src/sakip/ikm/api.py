"""JSON API of the survey: services, periods and a period's result (read only).

Scoped by `for_user`; another agency's period answers 404. Lists are paginated and run
a fixed number of queries whatever their length.
"""

# No `from __future__ import annotations`: ninja reads parameter types such as `Id` at
# runtime, and through @paginate it looks them up outside this module.

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import Halaman, Id, Tahun

from . import hitung, rekap, services
from .hitung import KODE_UNSUR
from .models import Layanan, PeriodeSurvei

router = Router(tags=["IKM"])


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


class LayananOut(Schema):
    id: int
    instansi_id: int
    nama: str
    slug: str
    aktif: bool
    standar_ditetapkan: bool
    nomor_penetapan: str
    tanggal_penetapan: datetime.date | None

    @staticmethod
    def resolve_standar_ditetapkan(obj: Layanan) -> bool:
        return services.standar_dari(obj).ditetapkan

    @staticmethod
    def resolve_nomor_penetapan(obj: Layanan) -> str:
        return services.standar_dari(obj).nomor_penetapan

    @staticmethod
    def resolve_tanggal_penetapan(obj: Layanan) -> datetime.date | None:
        return services.standar_dari(obj).tanggal_penetapan


class PeriodeOut(Schema):
    id: int
    instansi_id: int
    tahun: int
    semester: int
    label: str
    mulai: datetime.date
    selesai: datetime.date
    populasi: int
    sampel_minimal: int
    status: str

    @staticmethod
    def resolve_label(obj) -> str:
        return obj["label"] if isinstance(obj, dict) else obj.label

    @staticmethod
    def resolve_sampel_minimal(obj) -> int:
        if isinstance(obj, dict):
            return obj["sampel_minimal"]
        return hitung.ukuran_sampel(obj.populasi)


class UnsurOut(Schema):
    kode: str
    nama: str
    nrr: float | None
    mutu: str | None


class HasilOut(Schema):
    responden: int
    ikm: float | None
    mutu: str | None
    kinerja: str | None
    unsur: list[UnsurOut]


class HasilLayananOut(HasilOut):
    layanan_id: int
    layanan: str


class HasilPeriodeOut(HasilOut):
    periode: PeriodeOut
    sampel_minimal: int
    per_layanan: list[HasilLayananOut]


def _periode_out(p: PeriodeSurvei) -> dict:
    return {
        "id": p.pk,
        "instansi_id": p.instansi_id,
        "tahun": p.tahun,
        "semester": p.semester,
        "label": p.label,
        "mulai": p.mulai,
        "selesai": p.selesai,
        "populasi": p.populasi,
        "sampel_minimal": hitung.ukuran_sampel(p.populasi),
        "status": p.status,
    }


def _hasil_out(periode: PeriodeSurvei, hasil: hitung.HasilIkm) -> dict:
    nama = rekap.nama_unsur(periode)
    return {
        "responden": hasil.responden,
        "ikm": None if hasil.ikm is None else float(hitung.bulat(hasil.ikm, 2)),
        "mutu": hasil.mutu,
        "kinerja": hasil.kinerja,
        "unsur": [
            {
                "kode": k,
                "nama": nama[k],
                "nrr": None if hasil.nrr[k] is None else float(hitung.bulat(hasil.nrr[k], 3)),
                "mutu": (hasil.mutu_unsur(k) or (None,))[0],
            }
            for k in KODE_UNSUR
        ],
    }


@router.get("/ikm/layanan", response=list[LayananOut], summary="Jenis layanan (survei IKM)")
@paginate(Halaman)
def daftar_layanan(request, instansi_id: Id | None = None):
    qs = Layanan.objects.for_user(_user(request)).select_related("standar")
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    return qs.order_by("instansi_id", "urutan", "nama", "pk")


@router.get("/ikm/periode", response=list[PeriodeOut], summary="Periode survei IKM")
@paginate(Halaman)
def daftar_periode(request, instansi_id: Id | None = None, tahun: Tahun | None = None):
    qs = PeriodeSurvei.objects.for_user(_user(request))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("instansi_id", "-tahun", "-semester", "pk")


@router.get(
    "/ikm/periode/{periode_id}/hasil",
    response=HasilPeriodeOut,
    summary="Hasil survei: IKM, mutu, NRR per unsur, per layanan",
)
def hasil_periode(request, periode_id: int):
    periode = get_for_user_or_404(PeriodeSurvei, _user(request), pk=periode_id)
    hasil = rekap.hasil_periode(periode)
    return {
        **_hasil_out(periode, hasil),
        "periode": _periode_out(periode),
        "sampel_minimal": hitung.ukuran_sampel(periode.populasi),
        "per_layanan": [
            {**_hasil_out(periode, b.hasil), "layanan_id": b.kunci, "layanan": b.label}
            for b in rekap.hasil_per_layanan(periode)
        ],
    }
