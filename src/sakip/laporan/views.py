"""Report pages: an agency's reports and preparing one, the report itself (the draft
previewed from live data, the narrative and the indicators' analyses edited inline,
reviewers' comments), and its PDF and DOCX.

Reports are reached through `for_user` (another agency's id answers 404); every write goes
through `services` (PermissionDenied there answers 403, so evaluators read but never write).
A signed report is frozen: the page shows the data as it stood and serves the stored files.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.htmx import is_htmx
from sakip.lib.teks import content_disposition
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi
from sakip.sop.models import Pelaksanaan

from . import forms as f
from . import render as render_draf
from . import services
from .data import data_laporan
from .models import KomentarLaporan, Laporan, RenderLaporan

# `dokumen` (WeasyPrint, docxtpl) is imported where a document is drawn: lists stay light.
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAF, DITANDATANGANI = Laporan.Status.DRAF, Laporan.Status.DITANDATANGANI


# ---------------------------------------------------------------- helpers


def _muat(user, laporan_id: int) -> Laporan:
    return get_for_user_or_404(
        Laporan.objects.select_related("instansi__pemda", "ditandatangani_oleh"),
        user,
        pk=laporan_id,
    )


def boleh_ubah(user, laporan: Laporan) -> bool:
    """Whether edit controls show: the agency's staff on a draft, never evaluators."""
    return (
        laporan.status == DRAF
        and Laporan.objects.for_user(user, ubah=True).filter(pk=laporan.pk).exists()
    )


def jangkar(kunci: str) -> str:
    """A section key as an HTML id ("analisis:IS1.1" → "b-analisis_3aIS1_2e1"), one-to-one."""
    return "b-" + re.sub(r"[^A-Za-z0-9-]", lambda m: f"_{ord(m.group()):x}", kunci)


def label_bagian(kunci: str) -> str:
    if kunci in f.BAGIAN:
        return str(f.BAGIAN[kunci][0])
    if kunci.startswith("analisis:"):
        return _("Analisis %(kode)s") % {"kode": kunci.removeprefix("analisis:")}
    return _("Umum")


def _pelaksanaan(user, laporan_ids: list[int]) -> dict[int, Pelaksanaan]:
    """The SOP run carrying each report (the latest when a report was carried again)."""
    ct = ContentType.objects.get_for_model(Laporan)
    hasil = {}
    for p in (
        Pelaksanaan.objects.for_user(user)
        .filter(dokumen_ct=ct, dokumen_id__in=laporan_ids)
        .order_by("dimulai_pada", "id")
    ):
        hasil[p.dokumen_id] = p
    return hasil


def _pesan_form(form) -> str:
    return " ".join(" ".join(e) for e in form.errors.values())


def _ke_bagian(laporan: Laporan, kunci: str) -> HttpResponse:
    return redirect(reverse("laporan:detail", args=[laporan.pk]) + "#" + jangkar(kunci))


# ---------------------------------------------------------------- lists


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their agency's reports; Pemda roles choose among the agencies."""
    user = request.user
    if user.instansi_id:
        return redirect("laporan:daftar", instansi_id=user.instansi_id)
    instansi_list = (
        Instansi.objects.for_user(user).annotate(
            jumlah=Count("laporan"),
            jumlah_ttd=Count("laporan", filter=Q(laporan__status=DITANDATANGANI)),
        )
        if peran_pemda(user)
        else Instansi.objects.none()
    )
    return render(request, "laporan/indeks.html", {"instansi_list": instansi_list})


@login_required
def daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The agency's reports by kind and period; POST prepares one (or opens the existing)."""
    user = request.user
    instansi = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    form = f.SiapkanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            laporan = services.siapkan_laporan(
                aktor=user,
                instansi=instansi,
                jenis=form.cleaned_data["jenis"],
                tahun=form.cleaned_data["tahun"],
                periode=form.periode,
            )
        except services.AturanLaporan as exc:
            form.add_error(None, exc.messages)
        else:
            if laporan.status == DITANDATANGANI:
                messages.info(request, _("%(l)s sudah ditandatangani.") % {"l": _judul(laporan)})
            else:
                messages.success(request, _("Draf %(l)s siap disusun.") % {"l": _judul(laporan)})
            return redirect("laporan:detail", laporan_id=laporan.pk)
    laporan_list = list(instansi.laporan.select_related("ditandatangani_oleh"))
    sop = _pelaksanaan(user, [lap.pk for lap in laporan_list])
    per_jenis = defaultdict(list)
    for lap in laporan_list:
        lap.pelaksanaan = sop.get(lap.pk)
        per_jenis[lap.jenis].append(lap)
    kelompok = [(label, per_jenis[j]) for j, label in Laporan.Jenis.choices if per_jenis[j]]
    return render(
        request,
        "laporan/daftar.html",
        {
            "instansi": instansi,
            "kelompok": kelompok,
            "form": form,
            "boleh_siapkan": Instansi.objects.for_user(user, ubah=True)
            .filter(pk=instansi.pk)
            .exists(),
        },
    )


def _judul(laporan: Laporan) -> str:
    return f"{laporan.get_jenis_display()} {laporan.label_periode()}"


# ---------------------------------------------------------------- the report


def _komentar(laporan: Laporan) -> tuple[dict[str, list], list]:
    """Open comments per section key, and the handled ones (kept for the record)."""
    terbuka, selesai = defaultdict(list), []
    for k in laporan.komentar.select_related("penulis"):
        k.label = label_bagian(k.bagian)
        if k.selesai:
            selesai.append(k)
        else:
            terbuka[k.bagian].append(k)
    return terbuka, selesai


def _bagian(laporan: Laporan, kunci: str, teks: str, komentar: list | None = None, **lain) -> dict:
    """One editable section as the templates draw it (`_narasi.html`, `_komentar.html`)."""
    return {
        "kunci": kunci,
        "id": jangkar(kunci),
        "label": label_bagian(kunci),
        "teks": teks,
        "analisis": kunci.startswith("analisis:"),
        "ditulis": bool(laporan.narasi.get(kunci)),
        "komentar": komentar or [],
        **lain,
    }


@login_required
def detail(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """The report; for htmx with `?bagian=pratinjau` only the refreshed preview."""
    from . import dokumen

    laporan = _muat(request.user, laporan_id)
    # A draft reads the live data; a signed report what it said when it was signed.
    data = laporan.isi_beku if laporan.status == DITANDATANGANI else data_laporan(laporan)
    pratinjau = dokumen.laporan_html(laporan, data=data or None)
    if is_htmx(request) and request.GET.get("bagian") == "pratinjau":
        return render(request, "laporan/_pratinjau.html", {"laporan": laporan, "html": pratinjau})
    ubah = boleh_ubah(request.user, laporan)
    terbuka, selesai = _komentar(laporan)
    # The text boxes start from what the document prints when nothing is written.
    bawaan = dokumen.konteks_laporan(laporan, data)["narasi"] if ubah else {}
    narasi = [
        _bagian(laporan, k, laporan.narasi.get(k) or bawaan.get(k, ""), terbuka[k], bantuan=bantuan)
        for k, (_label, bantuan) in f.BAGIAN.items()
    ]
    analisis = [
        {
            "sasaran": grup["sasaran"],
            "indikator": [
                _bagian(
                    laporan,
                    i["kunci_narasi"],
                    i["analisis"],
                    terbuka[i["kunci_narasi"]],
                    indikator=i,
                )
                for i in grup["indikator"]
            ],
        }
        for grup in data.get("capaian", [])
    ]
    dikenal = {"", *(b["kunci"] for b in narasi)}
    dikenal |= {b["kunci"] for g in analisis for b in g["indikator"]}
    return render(
        request,
        "laporan/detail.html",
        {
            "laporan": laporan,
            "instansi": laporan.instansi,
            "judul": _judul(laporan),
            "html": pratinjau,
            "boleh_ubah": ubah,
            "pelaksanaan": _pelaksanaan(request.user, [laporan.pk]).get(laporan.pk),
            "umum": _bagian(laporan, "", "", terbuka[""]),
            "narasi": narasi,
            "analisis": analisis,
            # Comments left on a section the report no longer has (an indicator removed).
            "komentar_lain": [
                k for kunci, ks in terbuka.items() if kunci not in dikenal for k in ks
            ],
            "komentar_terbuka": [k for ks in terbuka.values() for k in ks],
            "komentar_selesai": selesai,
        },
    )


@require_POST
@login_required
def narasi(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """Save one section; htmx swaps the section's form and the preview refreshes itself."""
    laporan = _muat(request.user, laporan_id)
    form = f.NarasiForm(request.POST)
    kunci = form.data.get("kunci", "")
    pesan = ""
    if form.is_valid():
        try:
            laporan = services.simpan_narasi(
                aktor=request.user, laporan=laporan, kunci=kunci, teks=form.cleaned_data["teks"]
            )
        except services.AturanLaporan as exc:
            form.add_error(None, exc.messages)
        else:
            pesan = _("Tersimpan.")
    if not is_htmx(request):
        if form.errors:
            messages.error(request, _pesan_form(form))
        else:
            messages.success(request, _("%(b)s tersimpan.") % {"b": label_bagian(kunci)})
        return _ke_bagian(laporan, kunci)
    teks = form.data.get("teks", "") if form.errors else laporan.narasi.get(kunci, "")
    konteks = {
        "laporan": laporan,
        "b": _bagian(laporan, kunci, teks),
        "pesan": pesan,
        "galat": form.non_field_errors() or [e for es in form.errors.values() for e in es],
        "boleh_ubah": True,
    }
    respons = render(request, "laporan/_narasi.html", konteks)
    if pesan:
        respons["HX-Trigger"] = "laporan-berubah"  # the preview listens
    return respons


def _tampil_komentar(request, laporan: Laporan, bagian: str, galat=None) -> HttpResponse:
    """The open comments of one section and the form to add one (the htmx answer)."""
    komentar = laporan.komentar.filter(bagian=bagian, selesai=False).select_related("penulis")
    b = _bagian(laporan, bagian, "", list(komentar))
    konteks = {"laporan": laporan, "b": b, "galat": galat or [], "boleh_ubah": True}
    return render(request, "laporan/_komentar.html", konteks)


@require_POST
@login_required
def komentar(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """A reviewer comments on a section (or on the whole report)."""
    laporan = _muat(request.user, laporan_id)
    form = f.KomentarForm(request.POST)
    galat = []
    bagian = form.data.get("bagian", "")[:100]
    if not form.is_valid():
        galat = [e for es in form.errors.values() for e in es]
    else:
        try:
            services.komentari(
                aktor=request.user, laporan=laporan, isi=form.cleaned_data["isi"], bagian=bagian
            )
        except services.AturanLaporan as exc:
            galat = exc.messages
    if is_htmx(request):
        return _tampil_komentar(request, laporan, bagian, galat)
    if galat:
        messages.error(request, " ".join(galat))
    else:
        messages.success(request, _("Komentar ditambahkan."))
    return _ke_bagian(laporan, bagian)


@require_POST
@login_required
def komentar_selesai(request: HttpRequest, komentar_id: int) -> HttpResponse:
    """The writer marks a comment handled; it leaves the section's list."""
    k = get_for_user_or_404(
        KomentarLaporan.objects.select_related("laporan__instansi"), request.user, pk=komentar_id
    )
    services.tandai_komentar(aktor=request.user, komentar=k)
    if is_htmx(request):
        return _tampil_komentar(request, k.laporan, k.bagian)
    messages.success(request, _("Komentar ditandai sudah ditangani."))
    return _ke_bagian(k.laporan, k.bagian)


# ---------------------------------------------------------------- downloads


def _nama_berkas(laporan: Laporan, akhiran: str) -> str:
    """ "LKjIP_Kecamatan_Alpha_Tahun_2025.pdf": what the report is, for the person's folder."""
    nama = f"{_judul(laporan)} {laporan.instansi.nama}"
    return re.sub(r"[^\w.-]+", "_", nama).strip("_") + akhiran


def _unduh(laporan: Laporan, berkas, buat, jenis_isi: str, akhiran: str) -> HttpResponse:
    nama = _nama_berkas(laporan, akhiran)
    # The signed report is served as stored, never rendered again.
    if laporan.status == DITANDATANGANI and berkas:
        return respons_berkas(berkas.open("rb"), nama)
    respons = HttpResponse(buat(laporan), content_type=jenis_isi)
    respons["Content-Disposition"] = content_disposition(nama)
    return respons


@login_required
def pdf(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """The signed PDF as stored; for a draft its kept rendering, or a page that waits for it.

    A draft is rendered by the worker (`render.py`), never in the request: a large LKjIP
    takes seconds and would hold a web worker that long.
    """
    from sakip.surat.dokumen_ttd import unduh_ttd

    from . import dokumen

    laporan = _muat(request.user, laporan_id)
    # Signed with TTE through its SOP run: the signed file, with its stamp and QR.
    unduhan = unduh_ttd(laporan, _nama_berkas(laporan, ".pdf"))
    if unduhan is not None:
        return unduhan
    if laporan.status == DITANDATANGANI:
        return _unduh(laporan, laporan.pdf, dokumen.laporan_pdf, PDF, ".pdf")
    r = render_draf.minta_pdf(laporan)
    if r.status == RenderLaporan.Status.SELESAI:
        return respons_berkas(r.berkas.open("rb"), _nama_berkas(laporan, ".pdf"))
    return render_status(request, laporan, r)


def render_status(request: HttpRequest, laporan: Laporan, r: RenderLaporan | None):
    """The rendering's progress: the fragment htmx polls, or the whole page around it."""
    konteks = {
        "laporan": laporan,
        "instansi": laporan.instansi,
        "judul": _judul(laporan),
        "r": r,
        "tanpa_pekerja": r is not None
        and r.status == RenderLaporan.Status.ANTRE
        and not render_draf.ada_pekerja_hidup(),
    }
    templat = "laporan/_render_pdf.html" if is_htmx(request) else "laporan/render_pdf.html"
    return render(request, templat, konteks)


def _render_diminta(request: HttpRequest, laporan: Laporan) -> RenderLaporan | None:
    # The fingerprint the status page was given: polling never recomputes the report.
    sidik = request.GET.get("sidik", "")[:64]
    return laporan.render.filter(sidik=sidik).first() if sidik else None


@login_required
def pdf_status(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """Where the draft's rendering stands (polled every 2 s while it is queued or running)."""
    laporan = _muat(request.user, laporan_id)
    return render_status(request, laporan, _render_diminta(request, laporan))


@login_required
def pdf_berkas(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """The rendered draft; not (or no longer) there: back to the download, which asks anew."""
    laporan = _muat(request.user, laporan_id)
    r = _render_diminta(request, laporan)
    if laporan.status == DRAF and r is not None and r.status == RenderLaporan.Status.SELESAI:
        return respons_berkas(r.berkas.open("rb"), _nama_berkas(laporan, ".pdf"))
    return redirect("laporan:pdf", laporan_id=laporan.pk)


@login_required
def docx(request: HttpRequest, laporan_id: int) -> HttpResponse:
    from . import dokumen

    laporan = _muat(request.user, laporan_id)
    return _unduh(laporan, laporan.docx, dokumen.laporan_docx, DOCX, ".docx")
