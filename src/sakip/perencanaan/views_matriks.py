"""Excel in and out and the printed PDF of the planning matrices (renstra, iku, renja, rka,
dpa, pk, rencana_aksi)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.lib.akses import get_for_user_or_404

from . import services
from .forms import ImporForm
from .models import DokumenAnggaran, PerjanjianKinerja, Renstra
from .views import PDF, XLSX, nama_berkas, periode_renstra, pesan, unduh

# ---------------------------------------------------------------- Excel and PDF matrices


@dataclass(frozen=True)
class Matriks:
    model: type[models.Model]
    url_name: str  # the page that shows it
    pdf: bool = False


MATRIKS = {
    "renstra": Matriks(Renstra, "perencanaan:renstra", pdf=True),
    "iku": Matriks(Renstra, "perencanaan:iku", pdf=True),
    "renja": Matriks(DokumenAnggaran, "perencanaan:anggaran", pdf=True),
    "rka": Matriks(DokumenAnggaran, "perencanaan:anggaran"),
    "dpa": Matriks(DokumenAnggaran, "perencanaan:anggaran"),
    "pk": Matriks(PerjanjianKinerja, "perencanaan:pk"),
    "rencana_aksi": Matriks(PerjanjianKinerja, "perencanaan:rencana_aksi"),
}


def _objek_matriks(request: HttpRequest, matriks: str, objek_id: int):
    if matriks not in MATRIKS:
        raise Http404("Matriks tidak dikenal.")
    m = MATRIKS[matriks]
    qs = m.model.objects.select_related("instansi__pemda")
    objek = get_for_user_or_404(qs, request.user, pk=objek_id)
    if isinstance(objek, DokumenAnggaran) and objek.jenis != matriks:
        raise Http404("Jenis dokumen tidak cocok.")
    return objek


@login_required
def matriks_excel(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    from . import excel

    objek = _objek_matriks(request, matriks, objek_id)
    return unduh(excel.ekspor(matriks, objek), XLSX, excel.NAMA_BERKAS(matriks, objek))


@login_required
def matriks_templat(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    from . import excel

    objek = _objek_matriks(request, matriks, objek_id)
    nama = "Templat_" + excel.NAMA_BERKAS(matriks, objek)
    return unduh(excel.templat(matriks, objek), XLSX, nama)


@login_required
def matriks_pdf(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    from . import dokumen, excel

    objek = _objek_matriks(request, matriks, objek_id)
    if not MATRIKS[matriks].pdf:
        raise Http404("Matriks ini tidak dicetak sebagai PDF.")
    nama = nama_berkas(excel.NAMA_BERKAS(matriks, objek), ".pdf")
    return unduh(dokumen.matriks_pdf(matriks, objek), PDF, nama)


@login_required
def matriks_impor(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    """Upload a filled matrix: all rows are written, or none and a table of what is wrong."""
    from . import excel

    objek = _objek_matriks(request, matriks, objek_id)
    halaman = reverse(MATRIKS[matriks].url_name, args=[objek.pk])
    try:
        services.pastikan_boleh_ubah(request.user, objek)  # evaluators: 403
    except services.AturanPerencanaan as exc:
        messages.error(request, pesan(exc))
        return redirect(halaman)
    form = ImporForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        hasil = excel.impor(
            matriks, aktor=request.user, objek=objek, berkas=form.cleaned_data["berkas"]
        )
        if hasil.berhasil:
            messages.success(
                request,
                _("Impor selesai: %(d)s baris dibuat, %(u)s baris diubah.")
                % {"d": hasil.dibuat, "u": hasil.diubah},
            )
            return redirect(halaman)
    return render(
        request,
        "perencanaan/impor.html",
        {
            "objek": objek,
            "instansi": objek.instansi,
            "matriks": matriks,
            "judul": _judul_matriks(matriks, objek),
            "form": form,
            "hasil": hasil,
            "halaman": halaman,
        },
    )


def _judul_matriks(matriks: str, objek) -> str:
    if matriks == "iku":
        return _("IKU %(a)s–%(b)s") % periode_renstra(objek)
    if matriks == "rencana_aksi":
        return _("Rencana Aksi %(pk)s") % {"pk": objek}
    return str(objek)
