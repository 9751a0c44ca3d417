"""Paraf and TTE pages, and the public verification page a signed letter's QR opens.

Letters are reached through `for_user` (another agency's id answers 404); the writes go
through `tte.services`. The verification page is public by design: the QR is printed on
paper, so anyone holding the letter may check it; it shows only what the paper shows.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.middleware_keamanan import ip_klien

from .models import KunciPenanda, Surat
from .tte import batas, services
from .tte.lembar import url_verifikasi

UNGGAH_MAKS_MB = batas.UNGGAH_MAKS_MB  # settings.VERIFIKASI_UNGGAH_MAKS_MB wins


def _surat(user, surat_id: int, *, ubah: bool = False) -> Surat:
    return get_for_user_or_404(
        Surat.objects.select_related("instansi__pemda", "klasifikasi"),
        user,
        ubah=ubah,
        pk=surat_id,
    )


def _pesan_galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _nama_berkas(surat: Surat, akhiran: str = "") -> str:
    dasar = (surat.nomor_surat or f"surat-{surat.pk}").replace("/", "-")
    return f"{dasar}{akhiran}.pdf"


# ---------------------------------------------------------------- signing (signed-in)


@login_required
@require_http_methods(["GET", "POST"])
def tandatangani(request: HttpRequest, surat_id: int) -> HttpResponse:
    """The head reads the summary and paraf, previews the PDF and signs with the passphrase."""
    surat = _surat(request.user, surat_id, ubah=request.method == "POST")
    galat = ""
    if request.method == "POST":
        try:
            services.tandatangani(
                aktor=request.user, surat=surat, passphrase=request.POST.get("passphrase", "")
            )
        except ValidationError as exc:
            galat = _pesan_galat(exc)
        else:
            messages.success(request, _("Surat ditandatangani secara elektronik."))
            return redirect("tte:tandatangani", surat.pk)
    surat.refresh_from_db()
    konteks = {
        "surat": surat,
        "paraf": surat.paraf.select_related("pegawai").order_by("waktu", "id"),
        "tanda_tangan": surat.tanda_tangan.order_by("waktu", "id"),
        "punya_kunci": services.punya_kunci(request.user),
        "boleh_ubah": Surat.objects.for_user(request.user, ubah=True).filter(pk=surat.pk).exists(),
        "sudah_paraf": surat.paraf.filter(pegawai=request.user).exists(),
        "galat": galat,
        "url_verifikasi": url_verifikasi(surat) if surat.berkas_ttd else "",
    }
    return render(request, "surat/tte_tandatangani.html", konteks, status=400 if galat else 200)


@login_required
@require_POST
def paraf(request: HttpRequest, surat_id: int) -> HttpResponse:
    surat = _surat(request.user, surat_id, ubah=True)
    try:
        services.beri_paraf(
            aktor=request.user, surat=surat, catatan=request.POST.get("catatan", "")
        )
    except ValidationError as exc:
        messages.error(request, _pesan_galat(exc))
    else:
        messages.success(request, _("Paraf Anda tercatat pada surat ini."))
    kembali = request.POST.get("kembali", "")
    if kembali.startswith("/") and not kembali.startswith("//"):
        return redirect(kembali)
    return redirect("tte:tandatangani", surat.pk)


@login_required
def berkas(request: HttpRequest, surat_id: int) -> HttpResponse:
    """The unsigned PDF, shown in the browser for reading before signing."""
    surat = _surat(request.user, surat_id)
    if not surat.berkas:
        messages.info(request, _("Surat ini belum memiliki berkas PDF."))
        return redirect("tte:tandatangani", surat.pk)
    return respons_berkas(
        surat.berkas.open("rb"), _nama_berkas(surat), unduh=False, content_type="application/pdf"
    )


@login_required
@require_http_methods(["GET", "POST"])
def kunci(request: HttpRequest) -> HttpResponse:
    """The signer's own certificate; with TTE_KUNCI_DEMO a demo key can be made here."""
    demo = bool(getattr(settings, "TTE_KUNCI_DEMO", False))
    galat = ""
    if request.method == "POST":
        if not demo or request.user.peran != request.user.Peran.PEGAWAI:
            raise Http404
        try:
            services.buat_kunci_demo(
                pegawai=request.user, passphrase=request.POST.get("passphrase", "")
            )
        except ValidationError as exc:
            galat = _pesan_galat(exc)
        else:
            messages.success(request, _("Kunci TTE demo dibuat. Simpan passphrase Anda baik-baik."))
            return redirect("tte:kunci")
    milik = KunciPenanda.objects.filter(pegawai=request.user).first()
    konteks = {
        "kunci": milik,
        "sertifikat": services.info_sertifikat(milik) if milik else None,
        "demo": demo and request.user.peran == request.user.Peran.PEGAWAI,
        "galat": galat,
    }
    return render(request, "surat/tte_kunci.html", konteks, status=400 if galat else 200)


# ---------------------------------------------------------------- public verification


def _surat_publik(kode) -> Surat:
    """A signed letter by its verification code; unsigned or unknown codes do not exist."""
    surat = (
        Surat.objects.select_related("instansi__pemda", "klasifikasi")
        .filter(kode_verifikasi=kode)
        .exclude(berkas_ttd="")
        .first()
    )
    if surat is None:
        raise Http404(_("Dokumen tidak ditemukan."))
    return surat


@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, kode) -> HttpResponse:
    surat = _surat_publik(kode)
    unggahan, galat, status = None, "", 200
    maks_mb = batas.maks_mb(UNGGAH_MAKS_MB)
    if request.method == "POST":
        unggahan, galat, status = _periksa_unggahan(request, surat, maks_mb)
    konteks = {
        "surat": surat,
        "tanda_tangan": surat.tanda_tangan.order_by("waktu", "id"),
        "arsip": services.verifikasi(surat),
        "unggahan": unggahan,
        "galat": galat,
        "maks_mb": maks_mb,
    }
    resp = render(request, "surat/verifikasi.html", konteks, status=status)
    resp["X-Robots-Tag"] = "noindex"
    return resp


def _periksa_unggahan(request: HttpRequest, surat: Surat, maks_mb: int):
    """(result, error, status) of an anonymous upload: size first, then the hourly count."""
    pesan_besar = _("Berkas lebih dari %(mb)s MB.") % {"mb": maks_mb}
    # Before request.FILES: an announced oversize body is never parsed.
    if batas.terlalu_besar(request, maks_mb):
        return None, pesan_besar, 413
    if not batas.catat_unggah(ip_klien(request)):
        pesan = _(
            "Terlalu banyak pemeriksaan berkas dari alamat Anda dalam satu jam "
            "(paling banyak %(n)s). Silakan coba lagi nanti."
        ) % {"n": batas.per_jam()}
        return None, pesan, 429
    berkas = request.FILES.get("berkas")
    if berkas is None:
        return None, _("Pilih berkas PDF yang akan diperiksa."), 400
    if berkas.size > maks_mb * 1024 * 1024:
        return None, pesan_besar, 400
    return services.verifikasi(surat, pdf=berkas.read()), "", 200


def unduh(request: HttpRequest, kode) -> HttpResponse:
    surat = _surat_publik(kode)
    resp = respons_berkas(
        surat.berkas_ttd.open("rb"), _nama_berkas(surat, "-ttd"), content_type="application/pdf"
    )
    resp["X-Robots-Tag"] = "noindex"
    return resp
