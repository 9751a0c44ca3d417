"""What every measurement page does the same way: read a bounded number and the period
asked for, reach the agency through `for_user`, show a service's refusal, write a value
and a month strip, and answer with a spreadsheet download.

One place, so the agency pages, the monitoring pages and the Pemda pages agree on the
default period (this month, or December of a past year) and on what a bad number means
(the default, never an error page).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import DokumenAnggaran
from sakip.sop.kesalahan import KesalahanAlur

from .forms import BULAN_PANJANG, BULAN_PENDEK
from .ringkasan import tampil

# What a service (or the SOP engine it calls) refuses with a message for the page.
GALAT_LAYANAN = (ValidationError, PermissionDenied, KesalahanAlur)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bilangan(request: HttpRequest, nama: str, bawaan: int, bawah: int, atas: int) -> int:
    """The whole number `nama` of the query or form, or `bawaan` when absent, not a number
    or outside [bawah, atas]."""
    try:
        n = int(request.GET.get(nama) or request.POST.get(nama) or bawaan)
    except ValueError:
        return bawaan
    return n if bawah <= n <= atas else bawaan


def tahun_diminta(request: HttpRequest) -> int:
    return bilangan(request, "tahun", timezone.localdate().year, 2000, 2100)


def periode(request: HttpRequest, nama_bulan: str = "bulan") -> tuple[int, int]:
    """(tahun, bulan) asked for; by default this month, or December of a past year."""
    hari_ini = timezone.localdate()
    tahun = tahun_diminta(request)
    bawaan = hari_ini.month if tahun == hari_ini.year else 12
    return tahun, bilangan(request, nama_bulan, bawaan, 1, 12)


def instansi_dari(request: HttpRequest, instansi_id: int) -> Instansi:
    """The agency of the URL as the user may see it (another agency answers 404)."""
    return get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )


def url_instansi(nama: str, instansi_id: int, **query) -> str:
    """The agency page `pengukuran:<nama>` with its query, e.g. ?tahun=2026&bulan=3."""
    teks = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse(f"pengukuran:{nama}", args=[instansi_id]) + (f"?{teks}" if teks else "")


def unduh_xlsx(isi: bytes, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=XLSX)
    respons["Content-Disposition"] = content_disposition(nama)
    return respons


def nama_bulan(bulan: int) -> str:
    return str(BULAN_PANJANG[bulan - 1])


def daftar_bulan(penutupan: dict | None = None) -> list[tuple]:
    """(month, short name, closed) for the month strip; locks only where entry happens."""
    penutupan = penutupan or {}
    return [
        (b, BULAN_PENDEK[b - 1], b in penutupan and penutupan[b].tertutup) for b in range(1, 13)
    ]


def tampil_realisasi(r) -> str:
    """A month's realisation as the grid and the review lists write it."""
    return r.nilai_skala or tampil(r.nilai)


def pesan_galat(exc: Exception) -> str:
    """A refusal of `GALAT_LAYANAN` as the message shown on the page."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Anda tidak berwenang melakukan ini.")


def semua_tahun(instansi: Instansi, tahun: int) -> list[int]:
    """The years the year picker offers: those with a DPA, the one shown and this one."""
    dpa = DokumenAnggaran.objects.filter(instansi=instansi, jenis=DokumenAnggaran.Jenis.DPA)
    return sorted(set(dpa.values_list("tahun", flat=True)) | {tahun, timezone.localdate().year})


def konteks_instansi(instansi: Instansi, tahun: int, **lain) -> dict:
    return {"instansi": instansi, "tahun": tahun, **lain}
