"""The approver's queue: every submitted realisasi of the agency, by month and indicator,
approved or returned one by one or several at once (issue 12 point 5).

Reached through `for_user` (another agency answers 404). Whoever may review
(`services.boleh_memeriksa`: the planning Kasubag, the secretary or the head) gets the
buttons; the agency's other staff and the Pemda's evaluators read the list. Every decision
goes through `services.periksa_sekaligus` → `periksa_realisasi`: one audit record each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import BULAN_PANJANG
from .models import Realisasi
from .views_umum import instansi_dari, tampil_realisasi

BATAS_TAMPIL = 500  # a year of a large agency's indicators; more waits for the next page


@dataclass
class KelompokBulan:
    tahun: int
    bulan: int
    nama: str
    daftar: list[Realisasi] = field(default_factory=list)


def antrean_instansi(instansi):
    """The agency's submitted realisations with what the queue shows, in a fixed number of
    queries: month by month, then by indicator code."""
    return (
        Realisasi.objects.menunggu_persetujuan()
        .filter(instansi=instansi)
        .select_related("indikator", "indikator_pk__sasaran__pk_dokumen__jabatan", "diisi_oleh")
        .prefetch_related("bukti")
        .order_by("tahun", "bulan", "indikator__urutan", "indikator__kode", "indikator_pk", "id")
    )


def _kelompokkan(daftar: list[Realisasi]) -> list[KelompokBulan]:
    hasil: list[KelompokBulan] = []
    for r in daftar:
        if not hasil or (hasil[-1].tahun, hasil[-1].bulan) != (r.tahun, r.bulan):
            nama = f"{BULAN_PANJANG[r.bulan - 1]} {r.tahun}"
            hasil.append(KelompokBulan(r.tahun, r.bulan, nama))
        r.nilai_tampil = tampil_realisasi(r)
        hasil[-1].daftar.append(r)
    return hasil


def _pilihan(request: HttpRequest) -> tuple[bool, list[int], str]:
    """(approve?, ids, note) from the buttons: "setuju:<id>" / "kembalikan:<id>" act on one
    row with its own note; "setuju" / "kembalikan" on the ticked rows with the common note."""
    aksi = request.POST.get("aksi", "")
    keputusan, _sep, satu = aksi.partition(":")
    if keputusan not in ("setuju", "kembalikan"):
        raise ValidationError(_("Pilih Setujui atau Kembalikan."))
    if satu:
        if not satu.isdigit():
            raise ValidationError(_("Realisasi tidak dikenal."))
        catatan = request.POST.get(f"catatan_{satu}", "") or request.POST.get("catatan", "")
        return keputusan == "setuju", [int(satu)], catatan
    ids = [int(i) for i in request.POST.getlist("pilih") if i.isdigit()]
    return keputusan == "setuju", ids, request.POST.get("catatan", "")


@login_required
def persetujuan(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The queue of submitted realisasi; POST approves or returns the chosen ones."""
    instansi = instansi_dari(request, instansi_id)
    pemeriksa = services.boleh_memeriksa(request.user, instansi.pk)
    if request.method == "POST":
        if not pemeriksa:
            raise PermissionDenied(_("Realisasi diperiksa oleh Kasubag Perencanaan."))
        try:
            setuju, ids, catatan = _pilihan(request)
            dipilih = list(antrean_instansi(instansi).filter(pk__in=ids))
            if ids and len(dipilih) != len(set(ids)):
                raise ValidationError(
                    _("Sebagian realisasi yang dipilih sudah diperiksa orang lain; muat ulang.")
                )
            hasil = services.periksa_sekaligus(
                aktor=request.user, realisasi=dipilih, setuju=setuju, catatan=catatan
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            pesan = (
                _("%(n)s realisasi disetujui.")
                if setuju
                else _("%(n)s realisasi dikembalikan dengan catatan.")
            )
            messages.success(request, pesan % {"n": len(hasil)})
        return redirect(reverse("pengukuran:persetujuan", args=[instansi.pk]))
    daftar = list(antrean_instansi(instansi)[: BATAS_TAMPIL + 1])
    return render(
        request,
        "pengukuran/persetujuan.html",
        {
            "instansi": instansi,
            "kelompok": _kelompokkan(daftar[:BATAS_TAMPIL]),
            "jumlah": len(daftar[:BATAS_TAMPIL]),
            "terpotong": len(daftar) > BATAS_TAMPIL,
            "pemeriksa": pemeriksa,
            "menu": "persetujuan",
        },
    )
