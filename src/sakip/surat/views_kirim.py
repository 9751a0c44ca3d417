"""Distribution and archive pages: the kirim form, the bukti pengiriman (page and PDF), the
recipients' receipt pages and inbox, the public confirmation link, and the archive.

Sender pages reach rows through `for_user` (another agency's id answers 404). Recipient
pages reach them through `distribusi.penerima_untuk` (holders of the addressed position,
who may work in another agency of the Pemda). The confirmation link is public: its
unguessable token is the credential. Every write goes through `distribusi` or `arsip`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi
from sakip.organisasi.pemangku import jabatan_dipegang_ids

from . import arsip, distribusi
from . import forms_kirim as f
from .models import Penerima, Pengiriman, Surat

PDF = "application/pdf"


# ---------------------------------------------------------------- helpers


def tautan_surat(surat: Surat) -> str:
    """The letter's detail page (the agenda pages), '' while that page is not installed."""
    try:
        return reverse("surat:detail", args=[surat.pk])
    except NoReverseMatch:
        return ""


def _berkas_ttd(surat: Surat) -> FileResponse:
    """The signed PDF byte for byte as stored: re-rendering would break the signature."""
    if not surat.berkas_ttd:
        raise Http404(_("Surat ini belum bertanda tangan elektronik."))
    try:
        berkas = surat.berkas_ttd.open("rb")
    except OSError as exc:
        raise Http404(_("Berkas surat tidak ditemukan.")) from exc
    return respons_berkas(berkas, distribusi.nama_berkas_ttd(surat), content_type=PDF)


def _pesan_galat(request: HttpRequest, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


def _kembali(request: HttpRequest, bawaan: str) -> str:
    tujuan = request.POST.get("kembali", "")
    aman = url_has_allowed_host_and_scheme(tujuan, {request.get_host()}, request.is_secure())
    return tujuan if tujuan and aman else bawaan


def _jabatan_urut(surat: Surat) -> list:
    """The letter's own agency first, then the Pemda's other agencies by name."""
    daftar = list(distribusi.jabatan_penerima(surat).with_pemangku())
    daftar.sort(
        key=lambda j: (j.instansi_id != surat.instansi_id, j.instansi.nama, j.urutan, j.nama)
    )
    return daftar


# ---------------------------------------------------------------- sending


@login_required
def kirim(request: HttpRequest, surat_id: int) -> HttpResponse:
    """The distribution form: internal positions and external addresses, a cara per row."""
    user = request.user
    surat = get_for_user_or_404(
        Surat.objects.select_related("instansi__pemda"), user, ubah=True, pk=surat_id
    )
    jabatan_list = _jabatan_urut(surat)
    tambah = "tambah_baris" in request.POST
    form = f.FormKirim(jabatan_list, request.POST if request.method == "POST" else None, tambah)
    galat: list[str] = []
    if request.method == "POST" and not tambah and distribusi.dapat_dikirim(surat):
        if form.is_valid():
            try:
                pengiriman = distribusi.mulai_pengiriman(
                    aktor=user, surat=surat, penerima=form.penerima()
                )
            except ValidationError as exc:
                galat = exc.messages
            else:
                messages.success(
                    request,
                    _("Surat dikirim kepada %(n)s penerima; tanda terima dipantau di sini.")
                    % {"n": pengiriman.penerima.count()},
                )
                return redirect("kirim:pengiriman", pengiriman_id=pengiriman.pk)
        else:
            galat = [_("Periksa kembali baris penerima yang ditandai.")]
    return render(
        request,
        "surat/kirim_form.html",
        {
            "surat": surat,
            "surat_url": tautan_surat(surat),
            "form": form,
            "galat": galat,
            "dapat_dikirim": distribusi.dapat_dikirim(surat),
        },
    )


def _muat_pengiriman(user, pengiriman_id: int) -> Pengiriman:
    return get_for_user_or_404(
        Pengiriman.objects.select_related(
            "surat__instansi__pemda", "surat__klasifikasi", "dibuat_oleh", "ditutup_oleh"
        ),
        user,
        pk=pengiriman_id,
    )


def _baris_penerima(pengiriman: Pengiriman) -> list[Penerima]:
    return list(pengiriman.penerima.select_related("jabatan__instansi", "dicatat_oleh"))


@login_required
def pengiriman(request: HttpRequest, pengiriman_id: int) -> HttpResponse:
    """Bukti pengiriman: every recipient with its receipt; paper receipts uploaded here."""
    user = request.user
    p = _muat_pengiriman(user, pengiriman_id)
    penerima = _baris_penerima(p)
    return render(
        request,
        "surat/pengiriman.html",
        {
            "pengiriman": p,
            "surat": p.surat,
            "surat_url": tautan_surat(p.surat),
            "penerima_list": penerima,
            "jumlah_diterima": sum(1 for x in penerima if x.sudah_diterima),
            "boleh_ubah": distribusi.boleh_kirim(user, p.surat),
            "form_tutup": f.TutupForm(),
        },
    )


@login_required
def pengiriman_pdf(request: HttpRequest, pengiriman_id: int) -> HttpResponse:
    """The bukti pengiriman as a buku ekspedisi page under the agency's letterhead."""
    from sakip.dokumen.cetak import kop, pdf_dari_html

    p = _muat_pengiriman(request.user, pengiriman_id)
    html = render_to_string(
        "surat/pengiriman_pdf.html",
        {
            "pengiriman": p,
            "surat": p.surat,
            "penerima_list": _baris_penerima(p),
            "kop": kop(p.surat.instansi),
            "dicetak": timezone.localtime(),
        },
    )
    respons = HttpResponse(pdf_dari_html(html), content_type=PDF)
    nama = f"bukti-pengiriman-{p.pk}.pdf"
    respons["Content-Disposition"] = content_disposition(nama)
    return respons


@require_POST
@login_required
def tutup(request: HttpRequest, pengiriman_id: int) -> HttpResponse:
    p = _muat_pengiriman(request.user, pengiriman_id)
    try:
        distribusi.tutup_pengiriman(
            aktor=request.user, pengiriman=p, alasan=request.POST.get("alasan", "")
        )
    except ValidationError as exc:
        _pesan_galat(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengiriman ditutup."))
    return redirect("kirim:pengiriman", pengiriman_id=p.pk)


@login_required
def unggah(request: HttpRequest, penerima_id: int) -> HttpResponse:
    """POST: a paper recipient's signed receipt, scanned, with the receiver's name.
    GET: the stored scan (or back to the bukti pengiriman when there is none)."""
    if request.method != "POST":
        return _scan(request, penerima_id)
    penerima = get_for_user_or_404(
        Penerima.objects.select_related("pengiriman__surat"),
        request.user,
        ubah=True,
        pk=penerima_id,
    )
    try:
        distribusi.unggah_tanda_terima(
            aktor=request.user,
            penerima=penerima,
            berkas=request.FILES.get("berkas"),
            diterima_oleh=request.POST.get("diterima_oleh", ""),
        )
    except ValidationError as exc:
        _pesan_galat(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Tanda terima %(p)s tersimpan.") % {"p": penerima})
    return redirect("kirim:pengiriman", pengiriman_id=penerima.pengiriman_id)


def _scan(request: HttpRequest, penerima_id: int) -> HttpResponse:
    penerima = get_for_user_or_404(Penerima, request.user, pk=penerima_id)
    if not penerima.berkas_tanda_terima:
        return redirect("kirim:pengiriman", pengiriman_id=penerima.pengiriman_id)
    try:
        berkas = penerima.berkas_tanda_terima.open("rb")
    except OSError as exc:
        raise Http404(_("Berkas tanda terima tidak ditemukan.")) from exc
    nama = penerima.berkas_tanda_terima.name.rsplit("/", 1)[-1]
    return respons_berkas(berkas, nama, unduh=False)


# ---------------------------------------------------------------- receiving


def _muat_penerima(user, penerima_id: int) -> Penerima:
    return get_object_or_404(
        distribusi.penerima_untuk(user).select_related(
            "pengiriman__surat__instansi", "pengiriman__surat__klasifikasi", "jabatan__instansi"
        ),
        pk=penerima_id,
    )


@login_required
def terima(request: HttpRequest, penerima_id: int) -> HttpResponse:
    """A letter addressed to a position the user holds; opening it is the read receipt."""
    user = request.user
    penerima = _muat_penerima(user, penerima_id)
    dipegang = penerima.jabatan_id in jabatan_dipegang_ids(user)
    if penerima.cara == Penerima.Cara.APLIKASI and dipegang and not penerima.sudah_diterima:
        penerima = distribusi.tandai_dibaca(aktor=user, penerima=penerima)
    return render(
        request,
        "surat/kirim_terima.html",
        {"penerima": penerima, "surat": penerima.pengiriman.surat},
    )


@login_required
def terima_unduh(request: HttpRequest, penerima_id: int) -> HttpResponse:
    return _berkas_ttd(_muat_penerima(request.user, penerima_id).pengiriman.surat)


@login_required
def diterima(request: HttpRequest) -> HttpResponse:
    """Letters sent to the positions the user holds, newest first."""
    qs = (
        distribusi.penerima_untuk(request.user)
        .select_related("pengiriman__surat__instansi", "jabatan")
        .order_by("-pengiriman__dibuat_pada", "-id")
    )
    halaman = Paginator(qs, 30).get_page(request.GET.get("hal"))
    return render(request, "surat/kirim_diterima.html", {"halaman": halaman})


def _publik(penerima_token) -> Penerima:
    return get_object_or_404(
        Penerima.objects.select_related("pengiriman__surat__instansi"),
        token=penerima_token,
        cara=Penerima.Cara.EMAIL,
    )


def konfirmasi(request: HttpRequest, token) -> HttpResponse:
    """Public: the email recipient sees what was sent and confirms receipt with a name."""
    penerima = _publik(token)
    form = f.KonfirmasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            distribusi.konfirmasi_tautan(token=token, nama=form.cleaned_data["nama"])
        except ValidationError as exc:
            form.add_error("nama", exc)
        else:
            return redirect("tanda_terima:konfirmasi", token=token)
    respons = render(
        request,
        "surat/tanda_terima.html",
        {"penerima": penerima, "surat": penerima.pengiriman.surat, "form": form},
    )
    respons["X-Robots-Tag"] = "noindex"
    return respons


def unduh_publik(request: HttpRequest, token) -> HttpResponse:
    return _berkas_ttd(_publik(token).pengiriman.surat)


# ---------------------------------------------------------------- archive


@login_required
def daftar_arsip(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """An agency's archive by classification code, filterable by code, year and text."""
    user = request.user
    instansi = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    semua = arsip.arsip_instansi(Surat.objects.for_user(user), instansi.pk)
    kode_list, tahun_list = arsip.pilihan_saring(semua)
    form = f.SaringArsipForm(request.GET or None, kode_list=kode_list, tahun_list=tahun_list)
    qs = semua
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        qs = arsip.saring(qs, kode=d["kode"], tahun=d["tahun"], q=d["q"])
    halaman = Paginator(qs, 50).get_page(request.GET.get("hal"))
    saringan = request.GET.copy()
    saringan.pop("hal", None)
    return render(
        request,
        "surat/arsip.html",
        {
            "instansi": instansi,
            "form": form,
            "halaman": halaman,
            "saringan": saringan.urlencode(),
            "boleh_ubah": Instansi.objects.for_user(user, ubah=True)
            .filter(pk=instansi.pk)
            .exists(),
        },
    )


@login_required
def unduh(request: HttpRequest, surat_id: int) -> HttpResponse:
    surat = get_for_user_or_404(Surat, request.user, pk=surat_id)
    if not surat.berkas_ttd:
        # The letter exists for this user; it just has no signed file yet.
        messages.info(request, _("Surat ini belum bertanda tangan elektronik."))
        return redirect("surat:detail", surat_id=surat.pk)
    return _berkas_ttd(surat)


@require_POST
@login_required
def arsipkan(request: HttpRequest, surat_id: int) -> HttpResponse:
    surat = get_for_user_or_404(Surat, request.user, ubah=True, pk=surat_id)
    try:
        arsip.arsipkan(aktor=request.user, surat=surat)
    except ValidationError as exc:
        _pesan_galat(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Surat diarsipkan."))
    return redirect(_kembali(request, reverse("kirim:arsip", args=[surat.instansi_id])))
