# No `from __future__ import annotations`: ninja reads parameter types such as `Id` at
# runtime, and through @paginate it looks them up outside this module.

from django.db.models import Q
from ninja import Router, Schema
from ninja.pagination import paginate

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.api import Halaman, Id

from .models import Instansi, Jabatan, Pegawai

router = Router(tags=["Organisasi"])


class PemdaOut(Schema):
    id: int
    nama: str
    jenis: str


class InstansiOut(Schema):
    id: int
    nama: str
    jenis: str
    kode_unit: str
    alamat: str
    telepon: str
    email: str
    pemda: PemdaOut


class PemangkuOut(Schema):
    pegawai_id: int
    nama: str
    status: str  # "definitif", "Plt." or "Plh."


class JabatanOut(Schema):
    id: int
    nama: str
    instansi_id: int
    atasan_id: int | None
    eselon: str
    peran: str
    pemangku: list[PemangkuOut]

    @staticmethod
    def resolve_pemangku(obj: Jabatan) -> list[dict]:
        return [
            {"pegawai_id": p.pk, "nama": p.nama_lengkap, "status": status or "definitif"}
            for p, status in obj.pemangku_aktif()
        ]


class PegawaiOut(Schema):
    id: int
    username: str
    nip: str | None
    nama: str
    nama_lengkap: str
    instansi_id: int | None
    jabatan_id: int | None
    jabatan_nama: str | None
    peran: str

    @staticmethod
    def resolve_jabatan_nama(obj: Pegawai) -> str | None:
        return obj.jabatan.nama if obj.jabatan else None


def _user(request):
    return request.auth


@router.get("/saya", response=PegawaiOut, summary="Pengguna yang sedang masuk")
def saya(request):
    return _user(request)


@router.get("/instansi", response=list[InstansiOut], summary="Daftar instansi yang terjangkau")
@paginate(Halaman)
def daftar_instansi(request):
    return Instansi.objects.for_user(_user(request)).select_related("pemda")


@router.get("/instansi/{instansi_id}", response=InstansiOut, summary="Satu instansi")
def detail_instansi(request, instansi_id: int):
    return get_for_user_or_404(
        Instansi.objects.select_related("pemda"), _user(request), pk=instansi_id
    )


@router.get(
    "/instansi/{instansi_id}/jabatan",
    response=list[JabatanOut],
    summary="Jabatan instansi beserta pemangkunya",
)
def jabatan_instansi(request, instansi_id: int):
    instansi = get_for_user_or_404(Instansi, _user(request), pk=instansi_id)
    return list(Jabatan.objects.for_user(_user(request)).filter(instansi=instansi).with_pemangku())


@router.get("/jabatan/{jabatan_id}", response=JabatanOut, summary="Satu jabatan")
def detail_jabatan(request, jabatan_id: int):
    return get_for_user_or_404(Jabatan.objects.with_pemangku(), _user(request), pk=jabatan_id)


@router.get("/pegawai", response=list[PegawaiOut], summary="Daftar pegawai yang terjangkau")
@paginate(Halaman)
def daftar_pegawai(request, instansi_id: Id | None = None, q: str = ""):
    qs = Pegawai.objects.for_user(_user(request)).filter(is_active=True).select_related("jabatan")
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__contains=q.replace(" ", "")))
    return qs


@router.get("/pegawai/{pegawai_id}", response=PegawaiOut, summary="Satu pegawai")
def detail_pegawai(request, pegawai_id: int):
    return get_for_user_or_404(
        Pegawai.objects.select_related("jabatan"), _user(request), pk=pegawai_id
    )
