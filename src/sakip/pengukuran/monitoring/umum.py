"""Small shared pieces of monitoring: quarter labels, percentages, sums per DPA item, the
live PKs of a year."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from sakip.perencanaan.models import PerjanjianKinerja

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
SERATUS = Decimal(100)
SEN = Decimal("0.01")
DIGANTI = PerjanjianKinerja.Status.DIGANTI


# ---------------------------------------------------------------- small helpers


def persen(bagian: Decimal | None, utuh: Decimal | None) -> Decimal | None:
    if bagian is None or not utuh:
        return None
    return (Decimal(bagian) / Decimal(utuh) * SERATUS).quantize(SEN, ROUND_HALF_UP)


def selisih(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def jumlah_per_item(qs, sampai_bulan: int | None = None) -> dict[int, Decimal]:
    """{item id: sum of `jumlah`} of AnggaranKas or RealisasiAnggaran rows, up to a month."""
    if sampai_bulan is not None:
        qs = qs.filter(bulan__lte=sampai_bulan)
    return dict(qs.values("item_id").annotate(s=Sum("jumlah")).values_list("item_id", "s"))


def label_triwulan(tahun: int, triwulan: int) -> str:
    return _("Triwulan %(tw)s %(tahun)s") % {"tw": ROMAWI[triwulan], "tahun": tahun}


def bulan_setelah_triwulan(triwulan: int) -> int:
    """The month after the quarter: where its recommendations are first checked (TW IV →
    January of the next year)."""
    return triwulan * 3 % 12 + 1


def pk_tahun(instansi_id: int, tahun: int, eselon: Iterable[str] = ()):
    """The live (not replaced) PKs of the year, in the order of the position tree."""
    qs = PerjanjianKinerja.objects.filter(instansi_id=instansi_id, tahun=tahun).exclude(
        status=DIGANTI
    )
    if eselon:
        saring = Q()
        for e in eselon:
            saring |= Q(jabatan__eselon__startswith=e)
        qs = qs.filter(saring)
    return qs.select_related("jabatan", "pihak_pertama", "instansi").order_by(
        "jabatan__urutan", "jabatan__eselon", "jabatan__nama"
    )
