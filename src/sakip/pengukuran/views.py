"""The agency side of measurement: the month's realisasi grid and its review, the budget
realisation of the month, closing a month, and the month's Excel sheet (template, import).
The capaian page and the dashboard are `views_capaian`.

The agency is reached through `for_user` (another agency's id answers 404); every write
goes through `services` (one per use case; PermissionDenied there answers 403).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.audit.models import CatatanAudit
from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.htmx import is_htmx
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import AnggaranKas

from . import forms as f
from . import penilaian, services
from .models import BuktiRealisasi, PenutupanBulan, Realisasi, RealisasiAnggaran
from .views_umum import (
    daftar_bulan,
    instansi_dari,
    nama_bulan,
    periode,
    tampil_realisasi,
    unduh_xlsx,
    url_instansi,
)


def _pesan_form(form) -> str:
    return " ".join(" ".join(e) for e in form.errors.values())


# ---------------------------------------------------------------- index


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their month's realisasi; Pemda roles choose an agency."""
    user = request.user
    if user.instansi_id:
        return redirect("pengukuran:realisasi", instansi_id=user.instansi_id)
    instansi_list = (
        Instansi.objects.for_user(user) if peran_pemda(user) else Instansi.objects.none()
    )
    return render(request, "pengukuran/realisasi_indeks.html", {"instansi_list": instansi_list})


# ---------------------------------------------------------------- the month's realisasi


@dataclass
class BarisBulan:
    """One row of the month's grid: the indicator, its realisation (unsaved when new) and
    the form — None when the row is read-only (`alasan_kunci` says why)."""

    acuan: f.Acuan
    realisasi: Realisasi
    form: f.BarisRealisasiForm | None
    alasan_kunci: str = ""
    pesan: str = ""
    galat: list[str] = field(default_factory=list)  # a refused save on a now read-only row

    @property
    def nilai_tampil(self) -> str:
        return tampil_realisasi(self.realisasi)


def _untuk_periksa(r: Realisasi, form: f.PeriksaForm | None) -> Realisasi:
    """A realisation as the review list draws it: its value, its month, its form."""
    r.nilai_tampil, r.nama_bulan, r.form_periksa = tampil_realisasi(r), nama_bulan(r.bulan), form
    return r


def _susun_baris(
    instansi, tahun: int, bulan: int, daftar: list[f.Acuan], *, tertutup: bool, pemeriksa: bool
) -> list[BarisBulan]:
    """The grid rows of `daftar` for the month, in two queries whatever its length."""
    ada = f.realisasi_bulan(
        instansi,
        tahun,
        bulan,
        Realisasi.objects.select_related("diisi_oleh", "diperiksa_oleh").prefetch_related("bukti"),
    )
    hasil = []
    for acuan in daftar:
        r = ada.get(acuan.kunci)
        if r is None:
            r = acuan.realisasi_baru(instansi, tahun, bulan)
        else:  # the indicator is already loaded: no query per row when a service reads it
            r.indikator, r.indikator_pk = acuan.indikator, acuan.indikator_pk
        alasan = ""
        if tertutup:
            alasan = _("Bulan ini sudah ditutup.")
        elif r.status == Realisasi.Status.DISETUJUI and not pemeriksa:
            alasan = _("Sudah disetujui Kasubag.")
        form = None if alasan else f.BarisRealisasiForm(acuan=acuan, realisasi=r)
        hasil.append(BarisBulan(acuan, r, form, alasan))
    return hasil


def _kelompokkan(baris: list) -> list[tuple[str, list]]:
    """Consecutive rows under their group heading (sasaran, tujuan or PK sasaran)."""
    hasil: list[tuple[str, list]] = []
    for b in baris:
        kelompok = b.acuan.kelompok
        if not hasil or hasil[-1][0] != kelompok:
            hasil.append((kelompok, []))
        hasil[-1][1].append(b)
    return hasil


def _penutupan(instansi, tahun: int) -> dict[int, PenutupanBulan]:
    return {
        p.bulan: p
        for p in PenutupanBulan.objects.filter(instansi=instansi, tahun=tahun).select_related(
            "ditutup_oleh"
        )
    }


def _pembukaan_terakhir(penutupan: PenutupanBulan | None) -> CatatanAudit | None:
    """Who reopened a month and when: the audit record keeps it, the row keeps the reason."""
    if penutupan is None or penutupan.tertutup:
        return None
    return CatatanAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(PenutupanBulan),
        object_id=str(penutupan.pk),
        keterangan__startswith="Membuka kembali",
    ).first()


@login_required
def realisasi(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's grid of the indicators the user fills; for the Kasubag also the review
    list and closing the month."""
    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = periode(request)
    daftar, pemeriksa = f.acuan_pengguna(request.user, instansi, tahun)
    penutupan = _penutupan(instansi, tahun)
    bulan_ini = penutupan.get(bulan)
    tertutup = bulan_ini is not None and bulan_ini.tertutup
    baris = _susun_baris(instansi, tahun, bulan, daftar, tertutup=tertutup, pemeriksa=pemeriksa)
    diajukan = []
    if pemeriksa:
        diajukan = list(
            Realisasi.objects.menunggu_persetujuan()
            .filter(instansi=instansi, tahun=tahun)
            .select_related("indikator", "indikator_pk", "diisi_oleh")
            .prefetch_related("bukti")
            .order_by("bulan", "indikator__urutan", "indikator__kode", "id")
        )
        for r in diajukan:
            _untuk_periksa(r, f.PeriksaForm(realisasi=r))
    return render(
        request,
        "pengukuran/realisasi.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": nama_bulan(bulan),
            "daftar_bulan": daftar_bulan(penutupan),
            "kelompok": _kelompokkan(baris),
            "jumlah_baris": len(baris),
            "pemeriksa": pemeriksa,
            "tertutup": tertutup,
            "penutupan": bulan_ini,
            "pembukaan": _pembukaan_terakhir(bulan_ini) if pemeriksa else None,
            "diajukan": diajukan,
            "menu": "realisasi",
        },
    )


_KUNCI = re.compile(r"^[ip]\d+$")


@login_required
def realisasi_baris(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Save one row of the grid (htmx swaps the row; without JavaScript, back to the grid)."""
    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = periode(request)
    kembali = url_instansi("realisasi", instansi.pk, tahun=tahun, bulan=bulan)
    if request.method != "POST":
        return redirect(kembali)
    kunci = request.GET.get("acuan") or request.POST.get("acuan") or ""
    if not _KUNCI.match(kunci):
        return HttpResponseBadRequest(_("Baris indikator tidak disebutkan."))
    # Any indicator of the agency's year: the service, not this lookup, refuses a non-holder.
    acuan = next((a for a in f.daftar_acuan(instansi, tahun) if a.kunci == kunci), None)
    if acuan is None:
        raise Http404("Indikator tidak ditemukan.")
    form = f.BarisRealisasiForm(
        request.POST,
        request.FILES,
        acuan=acuan,
        realisasi=acuan.realisasi_baru(instansi, tahun, bulan),
    )
    pesan = ""
    if form.is_valid():
        try:
            form.simpan(request.user)
        except ValidationError as exc:  # the month lock, an approved row, a refused file
            form.add_error(None, exc.messages)
        else:
            pesan = _("Diajukan ke Kasubag.") if form.ajukan else _("Tersimpan sebagai draf.")
    if not is_htmx(request):
        if form.errors:
            messages.error(request, f"{acuan.kode}: {_pesan_form(form)}")
        else:
            messages.success(request, f"{acuan.kode}: {pesan}")
        return redirect(f"{kembali}#baris-{kunci}")
    # Drawn again from the database: a refused save shows what is stored, with the typed input.
    pemeriksa = services.boleh_memeriksa(request.user, instansi.pk)
    tertutup = services.bulan_tertutup(instansi.pk, tahun, bulan)
    baris = _susun_baris(instansi, tahun, bulan, [acuan], tertutup=tertutup, pemeriksa=pemeriksa)[0]
    if form.errors and baris.form is not None:
        baris.form = form
    elif form.errors:
        baris.galat = [e for daftar in form.errors.values() for e in daftar]
    baris.pesan = pesan
    konteks = {"b": baris, "instansi": instansi, "tahun": tahun, "bulan": bulan}
    respons = render(request, "pengukuran/realisasi_baris.html", konteks)
    if pesan:
        respons["HX-Trigger"] = "realisasi-berubah"  # the Kasubag's review list listens
    return respons


@require_POST
@login_required
def periksa(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    """The Kasubag approves a submitted realisation or returns it with a note."""
    r = get_for_user_or_404(
        Realisasi.objects.select_related("instansi", "indikator", "indikator_pk", "diisi_oleh"),
        request.user,
        pk=realisasi_id,
    )
    form = f.PeriksaForm(request.POST, realisasi=r)
    if form.is_valid():
        try:
            r = form.simpan(request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    if is_htmx(request):
        _untuk_periksa(r, form if form.errors else None)
        return render(request, "pengukuran/realisasi_periksa.html", {"r": r})
    if form.errors:
        messages.error(request, _pesan_form(form))
    else:
        messages.success(
            request,
            _("%(i)s %(b)s: %(s)s.")
            % {"i": r.acuan, "b": nama_bulan(r.bulan), "s": r.get_status_display()},
        )
    return redirect(
        url_instansi("realisasi", r.instansi_id, tahun=r.tahun, bulan=r.bulan) + "#periksa"
    )


@login_required
def bukti_unduh(request: HttpRequest, bukti_id: int) -> HttpResponse:
    bukti = get_for_user_or_404(BuktiRealisasi, request.user, pk=bukti_id)
    if not bukti.berkas:
        return HttpResponseRedirect(bukti.tautan)
    nama = PurePath(bukti.berkas.name).name
    return respons_berkas(bukti.berkas.open("rb"), nama)


@require_POST
@login_required
def penutupan_bulan(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Close the month, or reopen it with a reason (kept in the audit trail)."""
    instansi = instansi_dari(request, instansi_id)
    form = f.PenutupanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
        return redirect(url_instansi("realisasi", instansi.pk))
    tahun, bulan = form.cleaned_data["tahun"], form.cleaned_data["bulan"]
    try:
        form.simpan(request.user, instansi)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if form.cleaned_data["aksi"] == "tutup":
            pesan = _("Data %(b)s %(t)s ditutup: realisasinya tidak dapat diubah lagi.")
        else:
            pesan = _("Data %(b)s %(t)s dibuka kembali.")
        messages.success(request, pesan % {"b": nama_bulan(bulan), "t": tahun})
    return redirect(url_instansi("realisasi", instansi.pk, tahun=tahun, bulan=bulan))


# ---------------------------------------------------------------- budget realisation


@login_required
def anggaran(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's budget realisation per DPA sub-kegiatan, with the cash plan and serapan."""
    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = periode(request)
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    baris, total = penilaian.serapan_dpa(dpa, bulan) if dpa else ([], None)
    sub = [b.item for b in baris]
    ada = {r.item_id: r for r in RealisasiAnggaran.objects.filter(item__in=sub, bulan=bulan)}
    kas = {k.item_id: k.jumlah for k in AnggaranKas.objects.filter(item__in=sub, bulan=bulan)}
    pemeriksa = services.boleh_memeriksa(request.user, instansi.pk)
    penutupan = _penutupan(instansi, tahun)
    tertutup = bulan in penutupan and penutupan[bulan].tertutup
    if request.method == "POST" and not pemeriksa:
        raise PermissionDenied(_("Realisasi anggaran diisi oleh Kasubag Perencanaan."))
    form = f.AnggaranBulanForm(request.POST or None, sub_kegiatan=sub, bulan=bulan, ada=ada)
    if request.method == "POST" and form.is_valid():
        try:
            n = form.simpan(request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Realisasi anggaran %(b)s tersimpan (%(n)s sub kegiatan diubah).")
                % {"b": nama_bulan(bulan), "n": n},
            )
            return redirect(url_instansi("anggaran", instansi.pk, tahun=tahun, bulan=bulan))
    for b in baris:
        b.kas = kas.get(b.item.pk)
        b.bulan_ini = b.bulanan[bulan - 1]
        b.isian = form[f"item_{b.item.pk}"]
    return render(
        request,
        "pengukuran/anggaran_bulan.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": nama_bulan(bulan),
            "daftar_bulan": daftar_bulan(penutupan),
            "dpa": dpa,
            "baris": baris,
            "total": total,
            "total_pagu": sum((b.pagu for b in baris), Decimal(0)),
            "total_realisasi": sum((b.realisasi for b in baris), Decimal(0)),
            "total_bulan_ini": sum((b.bulan_ini for b in baris), Decimal(0)),
            "boleh_isi": pemeriksa and not tertutup,
            "tertutup": tertutup,
            "form": form,
            "menu": "anggaran",
        },
    )


# ---------------------------------------------------------------- Excel


@login_required
def realisasi_templat(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's sheet with the indicators the user fills and what is already stored."""
    from . import excel

    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = periode(request)
    daftar, _pemeriksa = f.acuan_pengguna(request.user, instansi, tahun)
    isi = excel.templat_realisasi(instansi, tahun, bulan, daftar)
    return unduh_xlsx(isi, excel.nama_berkas("Realisasi", instansi, tahun, bulan))


@login_required
def realisasi_impor(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Upload the month's sheet: every row is written, or none and a table of what is wrong."""
    from . import excel

    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = periode(request)
    form = f.ImporRealisasiForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        hasil = excel.impor_realisasi(
            aktor=request.user,
            instansi=instansi,
            tahun=tahun,
            bulan=bulan,
            berkas=form.cleaned_data["berkas"],
            ajukan=form.cleaned_data["ajukan"],
        )
        if hasil.berhasil:
            messages.success(
                request,
                _("Impor selesai: %(d)s realisasi baru, %(u)s diubah.")
                % {"d": hasil.dibuat, "u": hasil.diubah},
            )
            return redirect(url_instansi("realisasi", instansi.pk, tahun=tahun, bulan=bulan))
    return render(
        request,
        "pengukuran/realisasi_impor.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": nama_bulan(bulan),
            "form": form,
            "hasil": hasil,
            "menu": "realisasi",
        },
    )
