"""Planning pages: the agency overview and what every planning page shares.

The editors live by document — `views_renstra` (Renstra, IKU), `views_anggaran`
(Renja/RKA/DPA), `views_pk` (PK, Rencana Aksi) —, their inline rows in `views_butir` and
Excel in and out in `views_matriks`. Every object is reached through `for_user` (another
agency's id answers 404) and every write goes through `services` (evaluators are refused
there). Rows are edited inline with htmx: a row swaps into its form; after a save the
whole editor is drawn again, so totals, the tree and the cascade findings are never stale.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.formatting import angka
from sakip.lib.htmx import is_htmx
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi, Jabatan
from sakip.organisasi.views import susun_bagan

from . import services
from .forms_anggaran import DokumenBaruForm
from .forms_pk import BuatPKForm
from .forms_renstra import RenstraBaruForm
from .models import DokumenAnggaran, ItemAnggaran, PerjanjianKinerja, Renstra

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
DIGANTI = PerjanjianKinerja.Status.DIGANTI


def boleh_ubah(user, objek: models.Model) -> bool:
    """Whether edit controls show: the agency's staff or Pemda admin, never evaluators;
    a signed PK only through a revision."""
    if isinstance(objek, PerjanjianKinerja) and objek.terkunci:
        return False
    return type(objek).objects.for_user(user, ubah=True).filter(pk=objek.pk).exists()


def uang(jumlah: Decimal) -> str:
    """1500000 → '1.500.000', with cents only when there are some (a cash plan has them)."""
    return angka(jumlah, 0 if jumlah == jumlah.to_integral() else 2)


def pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def pesan_form(form) -> str:
    return " ".join(
        f"{form.fields[n].label}: {' '.join(e)}" if n in form.fields else " ".join(e)
        for n, e in form.errors.items()
    )


def tampil(request: HttpRequest, halaman: str, konteks: dict) -> HttpResponse:
    """The full page, or for htmx just its editor part (`_<halaman>_isi.html`)."""
    if is_htmx(request):
        return render(request, f"perencanaan/_{halaman}_isi.html", {**konteks, "fragmen": True})
    return render(request, f"perencanaan/{halaman}.html", konteks)


def unduh(isi: bytes, jenis_isi: str, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=jenis_isi)
    respons["Content-Disposition"] = content_disposition(nama)
    return respons


def nama_berkas(nama_xlsx: str, akhiran: str) -> str:
    return str(Path(nama_xlsx).with_suffix(akhiran))


def periode_renstra(renstra: Renstra) -> dict:
    return {"a": renstra.tahun_awal, "b": renstra.tahun_akhir}


# ---------------------------------------------------------------- overview


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their agency; Pemda roles choose among the Pemda's agencies."""
    user = request.user
    if user.instansi_id:
        return redirect("perencanaan:instansi", instansi_id=user.instansi_id)
    tahun = timezone.localdate().year
    instansi_list = list(
        Instansi.objects.for_user(user).annotate(
            jumlah_renstra=Count("renstra", distinct=True),
            dpa_disahkan=Count(
                "dok_anggaran",
                filter=Q(
                    dok_anggaran__jenis=DokumenAnggaran.Jenis.DPA,
                    dok_anggaran__tahun=tahun,
                    dok_anggaran__tanggal_pengesahan__isnull=False,
                ),
                distinct=True,
            ),
        )
    )
    # Instansi's reverse name for PKs is "pk", which lookups read as the primary key.
    pk_per_instansi = {
        baris["instansi_id"]: baris
        for baris in PerjanjianKinerja.objects.for_user(user)
        .filter(tahun=tahun)
        .values("instansi_id")
        .annotate(
            ditandatangani=Count("id", filter=Q(status=PerjanjianKinerja.Status.DITANDATANGANI)),
            draf=Count("id", filter=Q(status=PerjanjianKinerja.Status.DRAF)),
        )
    }
    for i in instansi_list:
        i.pk_tahun = pk_per_instansi.get(i.pk, {"ditandatangani": 0, "draf": 0})
    return render(
        request, "perencanaan/indeks.html", {"instansi_list": instansi_list, "tahun": tahun}
    )


def _periode_baru(renstra_list: list[Renstra], tahun_ini: int) -> dict:
    """The period a new Renstra most likely covers: the one after the latest, or the
    five-year cycle (from SAKIP_RENSTRA_TAHUN_AWAL) that holds this year."""
    if renstra_list:
        awal = max(r.tahun_akhir for r in renstra_list) + 1
    else:
        siklus = settings.SAKIP_RENSTRA_TAHUN_AWAL
        awal = tahun_ini - (tahun_ini - siklus) % 5
    return {"tahun_awal": awal, "tahun_akhir": awal + 4}


def _tahun_dipilih(request: HttpRequest, renstra_list: list[Renstra]) -> tuple[int, list[int]]:
    tahun_ini = timezone.localdate().year
    semua = sorted({t for r in renstra_list for t in r.tahun} | {tahun_ini})
    try:
        tahun = int(request.GET.get("tahun", tahun_ini))
    except ValueError:
        tahun = tahun_ini
    return (tahun if tahun in semua else tahun_ini), semua


@login_required
def instansi(request: HttpRequest, instansi_id: int) -> HttpResponse:
    user = request.user
    instansi = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    renstra_list = list(
        Renstra.objects.for_user(user)
        .filter(instansi=instansi)
        .annotate(jumlah_iku=Count("iku", distinct=True))
    )
    tahun, semua_tahun = _tahun_dipilih(request, renstra_list)
    renstra_tahun = next((r for r in renstra_list if r.memuat_tahun(tahun)), None)
    dokumen = {
        d.jenis: d
        for d in DokumenAnggaran.objects.for_user(user)
        .filter(instansi=instansi, tahun=tahun)
        .annotate(total=Sum("item__pagu", filter=Q(item__level=ItemAnggaran.Level.PROGRAM)))
    }
    pk_per_jabatan = {
        p.jabatan_id: p
        for p in PerjanjianKinerja.objects.for_user(user)
        .filter(instansi=instansi, tahun=tahun)
        .exclude(status=DIGANTI)
        .select_related("pihak_pertama")
    }
    jabatan_list = list(Jabatan.objects.for_user(user).filter(instansi=instansi).with_pemangku())
    for j in jabatan_list:
        j.pk_tahun = pk_per_jabatan.get(j.pk)
        j.pk_atasan_tahun = pk_per_jabatan.get(j.atasan_id)
    return render(
        request,
        "perencanaan/instansi.html",
        {
            "instansi": instansi,
            "renstra_list": renstra_list,
            "renstra_tahun": renstra_tahun,
            "tahun": tahun,
            "semua_tahun": semua_tahun,
            "dokumen_tahun": [
                (jenis, label, dokumen.get(jenis)) for jenis, label in DokumenAnggaran.Jenis.choices
            ],
            "bagan": susun_bagan(jabatan_list),
            "boleh_ubah": boleh_ubah(user, instansi),
            "form_renstra": RenstraBaruForm(
                initial=_periode_baru(renstra_list, timezone.localdate().year)
            ),
        },
    )


@require_POST
@login_required
def renstra_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    form = RenstraBaruForm(request.POST, instance=Renstra(instansi=instansi))
    if not form.is_valid():
        messages.error(request, pesan_form(form))
        return redirect("perencanaan:instansi", instansi_id=instansi.pk)
    try:
        renstra = services.simpan(
            aktor=request.user, objek=form.instance, keterangan="Renstra baru"
        )
    except ValidationError as exc:
        messages.error(request, pesan(exc))
        return redirect("perencanaan:instansi", instansi_id=instansi.pk)
    messages.success(request, _("Renstra %(a)s–%(b)s dibuat.") % periode_renstra(renstra))
    return redirect("perencanaan:renstra", renstra_id=renstra.pk)


@require_POST
@login_required
def dokumen_baru(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(Renstra, request.user, pk=renstra_id)
    form = DokumenBaruForm(
        request.POST, instance=DokumenAnggaran(instansi_id=renstra.instansi_id, renstra=renstra)
    )
    kembali = reverse("perencanaan:instansi", args=[renstra.instansi_id])
    if not form.is_valid():
        messages.error(request, pesan_form(form))
        return redirect(kembali)
    sumber = None
    if request.POST.get("salin_dari"):
        sumber = get_for_user_or_404(
            DokumenAnggaran.objects.filter(renstra=renstra),
            request.user,
            pk=request.POST["salin_dari"],
        )
    try:
        if sumber is not None:
            dok = services.salin_dokumen_anggaran(
                aktor=request.user, sumber=sumber, jenis=form.instance.jenis
            )
        else:
            dok = services.simpan(
                aktor=request.user, objek=form.instance, keterangan="Dokumen baru"
            )
    except ValidationError as exc:
        messages.error(request, pesan(exc))
        return redirect(f"{kembali}?tahun={form.instance.tahun}")
    messages.success(request, _("%(d)s dibuat.") % {"d": dok})
    return redirect("perencanaan:anggaran", dokumen_id=dok.pk)


@require_POST
@login_required
def pk_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The head's PK, or with `pk_atasan` a subordinate's, its sasaran cascaded down."""
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    form = BuatPKForm(request.POST, instansi=instansi, user=request.user)
    if not form.is_valid():
        messages.error(request, pesan_form(form))
        return redirect("perencanaan:instansi", instansi_id=instansi.pk)
    atasan = form.cleaned_data["pk_atasan"]
    try:
        pk = services.buat_pk(
            aktor=request.user,
            jabatan=form.cleaned_data["jabatan"],
            tahun=form.cleaned_data["tahun"],
            pk_atasan=atasan,
        )
    except ValidationError as exc:
        messages.error(request, pesan(exc))
        if atasan is not None:
            return redirect("perencanaan:pk", pk_id=atasan.pk)
        url = reverse("perencanaan:instansi", args=[instansi.pk])
        return redirect(f"{url}?tahun={form.cleaned_data['tahun']}")
    messages.success(request, _("%(pk)s dibuat sebagai draf.") % {"pk": pk})
    return redirect("perencanaan:pk", pk_id=pk.pk)
