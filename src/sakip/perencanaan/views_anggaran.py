"""The Renja/RKA/DPA page: the program → kegiatan → sub kegiatan tree with pagu, totals and
the monthly cash plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from sakip.lib.akses import get_for_user_or_404

from .forms import BULAN
from .models import DokumenAnggaran, IndikatorItem, ItemAnggaran
from .views import boleh_ubah, tampil, uang
from .views_matriks import MATRIKS

# ---------------------------------------------------------------- Renja, RKA, DPA


@login_required
def anggaran(request: HttpRequest, dokumen_id: int) -> HttpResponse:
    dokumen = get_for_user_or_404(
        DokumenAnggaran.objects.select_related("instansi__pemda", "renstra"),
        request.user,
        pk=dokumen_id,
    )
    return tampil_anggaran(request, dokumen)


@dataclass
class Total:
    program: Decimal = Decimal("0")
    kegiatan: Decimal = Decimal("0")
    sub: Decimal = Decimal("0")
    kas: Decimal = Decimal("0")


def susun_anggaran(item_list: list[ItemAnggaran]) -> tuple[list[ItemAnggaran], Total]:
    """The program → kegiatan → sub-kegiatan tree as table rows in order, each with its
    depth and the sum of its children; sub-kegiatan with their twelve months of cash."""
    anak = defaultdict(list)
    for i in item_list:
        anak[i.induk_id].append(i)
    total, urut = Total(), []

    def turun(induk_id, tingkat: int) -> None:
        for i in anak.get(induk_id, []):
            i.tingkat = tingkat
            rincian = anak.get(i.pk, [])
            i.jumlah_rincian = sum((a.pagu for a in rincian), Decimal("0")) if rincian else None
            setattr(total, i.level, getattr(total, i.level) + i.pagu)
            if i.level == ItemAnggaran.Level.SUB_KEGIATAN:
                per_bulan = {k.bulan: k.jumlah for k in i.kas.all()}
                i.kas_bulan = [
                    (BULAN[b - 1], uang(per_bulan[b]) if b in per_bulan else "")
                    for b in range(1, 13)
                ]
                i.kas_total = sum(per_bulan.values(), Decimal("0"))
                i.kas_selisih = uang(i.pagu - i.kas_total)
                total.kas += i.kas_total
            urut.append(i)
            turun(i.pk, tingkat + 1)

    turun(None, 0)
    return urut, total


def tampil_anggaran(request: HttpRequest, dokumen: DokumenAnggaran) -> HttpResponse:
    item_list = list(
        dokumen.item.select_related("program_renstra", "penanggung_jawab").prefetch_related(
            Prefetch(
                "indikator", queryset=IndikatorItem.objects.select_related("indikator_renstra")
            ),
            "kas",
        )
    )
    baris, total = susun_anggaran(item_list)
    return tampil(
        request,
        "anggaran",
        {
            "dokumen": dokumen,
            "instansi": dokumen.instansi,
            "baris": baris,
            "sub_list": [i for i in baris if i.level == ItemAnggaran.Level.SUB_KEGIATAN],
            "total": total,
            "pakai_kas": dokumen.jenis != DokumenAnggaran.Jenis.RENJA,
            "bulan": BULAN,
            "boleh_ubah": boleh_ubah(request.user, dokumen),
            "matriks": dokumen.jenis,
            "objek": dokumen,
            "pdf": MATRIKS[dokumen.jenis].pdf,
        },
    )
