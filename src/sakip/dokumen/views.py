"""An agency's Word templates: see which one is used, download, replace."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi

from . import services
from .forms import UnggahTemplatForm
from .jenis import JENIS_DOKUMEN, daftar_variabel, jenis_dokumen
from .models import TemplatDokumen
from .templat import TemplatDitolak, templat_untuk
from .templat import _baca as baca_templat


@login_required
def daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )
    boleh = services.boleh_kelola_templat(
        request.user, pemda_id=instansi.pemda_id, instansi_id=instansi.pk
    )
    unggahan = TemplatDokumen.objects.for_user(request.user).filter(instansi=instansi)
    jenis = [
        {
            "jenis": j,
            "unggahan": not isinstance(templat_untuk(instansi, j.kode), Path),
            "variabel": daftar_variabel(j.variabel),
        }
        for j in JENIS_DOKUMEN.values()
    ]
    return render(
        request,
        "dokumen/daftar.html",
        {
            "instansi": instansi,
            "jenis_list": jenis,
            "unggahan": unggahan.select_related("diunggah_oleh"),
            "boleh": boleh,
            "form": UnggahTemplatForm(),
        },
    )


@require_POST
@login_required
def unggah(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    form = UnggahTemplatForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih jenis dokumen dan berkas .docx."))
        return redirect("dokumen:daftar", instansi_id=instansi.pk)
    try:
        t = services.unggah_templat(
            aktor=request.user,
            instansi=instansi,
            jenis=form.cleaned_data["jenis"],
            berkas=form.cleaned_data["berkas"],
            nama=form.cleaned_data["nama"],
        )
    except TemplatDitolak as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        messages.error(request, _("Templat ditolak; tidak ada yang diubah."))
    except PermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    else:
        messages.success(request, _("Templat “%(n)s” sekarang dipakai.") % {"n": t.nama})
    return redirect("dokumen:daftar", instansi_id=instansi.pk)


@login_required
def unduh_bawaan(request: HttpRequest, instansi_id: int, jenis: str) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    try:
        j = jenis_dokumen(jenis)
    except LookupError as exc:
        raise Http404(_("Jenis dokumen tidak dikenal.")) from exc
    isi = baca_templat(templat_untuk(instansi, jenis))
    respons = HttpResponse(
        isi,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    respons["Content-Disposition"] = content_disposition(
        f"templat-{j.kode}-{instansi.kode_unit}.docx"
    )
    return respons
