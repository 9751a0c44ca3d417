"""GET /api/cari?q= — the search page's results as JSON, same scope and limits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.responses import Status

from sakip.lib.api import Galat

from . import cari as pencarian

router = Router(tags=["pencarian"])


class HasilOut(Schema):
    judul: str
    keterangan: str
    url: str
    instansi: str


class KelompokOut(Schema):
    kunci: str
    label: str
    hasil: list[HasilOut]
    lebih: bool


class CariOut(Schema):
    q: str
    kelompok: list[KelompokOut]


@router.get(
    "/cari",
    response={200: CariOut, 400: Galat},
    summary="Mencari pelaksanaan SOP, dokumen perencanaan, laporan, surat dan periode IKM",
)
def cari(request, q: str = ""):
    try:
        kata = pencarian.kata_kunci(q)
    except ValidationError as exc:
        return Status(400, {"detail": " ".join(exc.messages)})
    return Status(200, {"q": q.strip(), "kelompok": pencarian.cari(request.auth, kata)})
