"""Agenda book pages: the agency's incoming and outgoing letters, a letter with its files,
number and dispositions, the lembar disposisi, and the numbering settings.

Rows are reached through `for_user` (another agency's id answers 404); every write goes
through `services` (a ValidationError is shown as a message, PermissionDenied is 403).
POST-only actions answer a bare or malformed request with a redirect and a message.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.htmx import is_htmx
from sakip.lib.teks import content_disposition
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi, Jabatan
from sakip.sop.models import SopInstansi

from . import forms as f
from . import services
from .models import Disposisi, PengaturanSurat, Surat
from .penomoran import contoh_nomor

PER_HALAMAN = 25
# Sections of the letter page owned by the signing and distribution parts of the app.
BAGIAN_TAMBAHAN = ("surat/_tte_bagian.html", "surat/_kirim_bagian.html")
MIME = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


# ---------------------------------------------------------------- helpers


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _galat_form(form) -> str:
    return " ".join(" ".join(e) for e in form.errors.values())


def _surat(user, surat_id: int, *, ubah: bool = False) -> Surat:
    return get_for_user_or_404(
        Surat.objects.select_related("instansi__pemda", "klasifikasi", "pelaksanaan"),
        user,
        ubah=ubah,
        pk=surat_id,
    )


def _disposisi(user, disposisi_id: int) -> Disposisi:
    return get_for_user_or_404(
        Disposisi.objects.select_related("surat__instansi", "kepada", "dari_jabatan"),
        user,
        ubah=True,
        pk=disposisi_id,
    )


def _ke_surat(surat: Surat, jangkar: str = "") -> HttpResponse:
    url = reverse("surat:detail", args=[surat.pk])
    return redirect(url + (f"#{jangkar}" if jangkar else ""))


def _arah(request) -> str:
    arah = request.GET.get("arah", Surat.Arah.MASUK)
    return arah if arah in Surat.Arah.values else Surat.Arah.MASUK


def _agenda_qs(request, instansi: Instansi, arah: str):
    qs = Surat.objects.for_user(request.user).filter(instansi=instansi, arah=arah)
    qs = services.cari_agenda(qs, request.GET).select_related("klasifikasi")
    return qs.order_by("-tahun_nomor", "-nomor_agenda", "-dibuat_pada", "-id")


# ---------------------------------------------------------------- agenda


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their agenda; Pemda roles choose among the agencies."""
    user = request.user
    if user.instansi_id:
        return redirect("surat:agenda", instansi_id=user.instansi_id)
    instansi_list = (
        Instansi.objects.for_user(user).annotate(
            jumlah_masuk=Count("surat", filter=Q(surat__arah=Surat.Arah.MASUK)),
            jumlah_keluar=Count("surat", filter=Q(surat__arah=Surat.Arah.KELUAR)),
        )
        if peran_pemda(user)
        else Instansi.objects.none()
    )
    return render(request, "surat/indeks.html", {"instansi_list": instansi_list})


@login_required
def agenda(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The agenda book of one direction, searched and paginated."""
    user = request.user
    instansi = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    arah = _arah(request)
    cari = f.PencarianForm(request.GET or None)
    halaman = Paginator(_agenda_qs(request, instansi, arah), PER_HALAMAN).get_page(
        request.GET.get("hal")
    )
    kueri = request.GET.copy()
    kueri.pop("hal", None)
    return render(
        request,
        "surat/agenda.html",
        {
            "instansi": instansi,
            "arah": arah,
            "cari": cari,
            "halaman": halaman,
            "kueri": kueri.urlencode(),
            "boleh_tulis": services.boleh_tulis(user, instansi.pk),
            "boleh_atur": services.boleh_atur(user, instansi),
        },
    )


@login_required
def agenda_xlsx(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The filtered agenda book as an Excel sheet (the columns of the printed book)."""
    from .ekspor import agenda_xlsx as buat

    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    arah = _arah(request)
    isi = buat(instansi, arah, _agenda_qs(request, instansi, arah)[:5000])
    nama = f"agenda-surat-{arah}-{instansi.kode_unit}.xlsx"
    r = HttpResponse(
        isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    r["Content-Disposition"] = content_disposition(nama)
    return r


@login_required
def masuk_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Register an incoming letter with its scan; it gets the next agenda number."""
    user = request.user
    instansi = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), user, ubah=True, pk=instansi_id
    )
    form = f.SuratMasukForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            surat = services.daftarkan_surat_masuk(
                aktor=user,
                instansi=instansi,
                asal=d["asal"],
                nomor_surat=d["nomor_surat"],
                tanggal_surat=d["tanggal_surat"],
                perihal=d["perihal"],
                diterima_pada=d["diterima_pada"],
                sifat=d["sifat"],
                lampiran=d["lampiran"],
                kode_klasifikasi=d["klasifikasi"].kode if d["klasifikasi"] else None,
                keterangan=d["keterangan"],
                berkas=d["berkas"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Surat masuk dicatat dengan nomor agenda %(n)s.") % {"n": surat.nomor_agenda},
            )
            return _ke_surat(surat)
    return render(request, "surat/masuk_baru.html", {"instansi": instansi, "form": form})


@login_required
def keluar_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """A letter typed here (not made by an SOP): its data, its PDF, and its number."""
    user = request.user
    instansi = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), user, ubah=True, pk=instansi_id
    )
    form = f.SuratKeluarForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            surat = services.buat_surat_keluar(
                aktor=user,
                instansi=instansi,
                perihal=d["perihal"],
                tujuan=d["tujuan"],
                kode_klasifikasi=d["klasifikasi"].kode,
                tanggal=d["tanggal"],
                lampiran=d["lampiran"],
                keterangan=d["keterangan"],
                berkas=d["berkas"],
                beri_nomor_sekarang=d["beri_nomor"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if surat.nomor_surat:
                messages.success(
                    request, _("Surat keluar bernomor %(n)s.") % {"n": surat.nomor_surat}
                )
            else:
                messages.success(request, _("Draf surat keluar disimpan."))
            return _ke_surat(surat)
    return render(request, "surat/keluar_baru.html", {"instansi": instansi, "form": form})


@login_required
def pengaturan(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The numbering pattern with a live sample (htmx asks for the sample only)."""
    user = request.user
    instansi = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    if is_htmx(request) and "pola_nomor" in request.GET:
        return _contoh(request, instansi, request.GET.get("pola_nomor", ""))
    boleh = services.boleh_atur(user, instansi)
    atur = PengaturanSurat.objects.filter(instansi=instansi).first() or PengaturanSurat(
        instansi=instansi
    )
    form = f.PengaturanForm(request.POST or None, instance=atur)
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(_("Anda tidak berwenang mengatur penomoran surat instansi ini."))
        if form.is_valid():
            try:
                services.simpan_pengaturan(
                    aktor=user,
                    instansi=instansi,
                    pola_nomor=form.cleaned_data["pola_nomor"],
                    urut_per_klasifikasi=form.cleaned_data["urut_per_klasifikasi"],
                )
            except ValidationError as exc:
                form.add_error("pola_nomor", exc.messages)
            else:
                messages.success(request, _("Pola nomor surat disimpan."))
                return redirect("surat:pengaturan", instansi_id=instansi.pk)
    pola = form["pola_nomor"].value() or atur.pola_nomor
    return render(
        request,
        "surat/pengaturan.html",
        {"instansi": instansi, "form": form, "boleh": boleh, **_sampel(instansi, pola)},
    )


def _sampel(instansi: Instansi, pola: str) -> dict:
    try:
        return {"contoh": contoh_nomor(pola, unit=instansi.kode_unit, tanggal=services.hari_ini())}
    except ValidationError as exc:
        return {"contoh": "", "galat_contoh": _pesan(exc)}


def _contoh(request, instansi: Instansi, pola: str) -> HttpResponse:
    return render(request, "surat/_contoh_nomor.html", _sampel(instansi, pola))


# ---------------------------------------------------------------- one letter


def _pohon(disposisi: list[Disposisi]) -> list[tuple[Disposisi, int]]:
    """Dispositions in tree order with their depth (a parent before its children)."""
    anak: dict[int | None, list[Disposisi]] = {}
    for d in disposisi:
        anak.setdefault(d.induk_id, []).append(d)
    hasil, tumpuk = [], [(d, 0) for d in reversed(anak.get(None, []))]
    while tumpuk:
        d, dalam = tumpuk.pop()
        hasil.append((d, dalam))
        tumpuk += [(c, dalam + 1) for c in reversed(anak.get(d.pk, []))]
    return hasil


def _bagian_tambahan() -> set[str]:
    """The sections other parts of the app add to the letter page, when they exist."""
    ada = set()
    for nama in BAGIAN_TAMBAHAN:
        try:
            get_template(nama)
        except TemplateDoesNotExist:
            continue
        ada.add(nama)
    return ada


@login_required
def detail(request: HttpRequest, surat_id: int) -> HttpResponse:
    user = request.user
    surat = _surat(user, surat_id)
    boleh_tulis = services.boleh_tulis(user, surat.instansi_id)
    dipegang = services.jabatan_dipegang_ids(user) if boleh_tulis else set()
    disposisi = list(
        surat.disposisi.select_related(
            "kepada", "dari_jabatan", "dari", "selesai_oleh", "pelaksanaan"
        )
    )
    for d in disposisi:
        d.untuk_saya = d.status == Disposisi.Status.TERBUKA and d.kepada_id in dipegang
        d.boleh_mulai_sop = d.pelaksanaan_id is None and (d.untuk_saya or d.dari_id == user.pk)
    jabatan_saya = Jabatan.objects.filter(instansi_id=surat.instansi_id, pk__in=dipegang)
    boleh_disposisi = (
        boleh_tulis
        and surat.arah == Surat.Arah.MASUK
        and surat.status != Surat.Status.BATAL
        and jabatan_saya.exists()
    )
    konteks = {
        "surat": surat,
        "instansi": surat.instansi,
        "pohon": _pohon(disposisi),
        "boleh_tulis": boleh_tulis,
        "boleh_disposisi": boleh_disposisi,
        "boleh_nomor": boleh_tulis
        and surat.arah == Surat.Arah.KELUAR
        and surat.nomor_urut is None
        and surat.status == Surat.Status.DRAF,
        "boleh_batal": boleh_tulis
        and surat.status not in (Surat.Status.BATAL, *services.TIDAK_DAPAT_BATAL),
        "ada_berkas": bool(surat.berkas_ttd or surat.berkas),
        "gambar": PurePath(surat.berkas.name or "").suffix.lower() in (".png", ".jpg", ".jpeg"),
        "jabatan_list": list(Jabatan.objects.filter(instansi_id=surat.instansi_id))
        if boleh_disposisi or any(d.untuk_saya for d in disposisi)
        else [],
        "instruksi_baku": services.INSTRUKSI_BAKU,
        "sifat_pilihan": Surat.Sifat.choices,
        "sop_list": list(SopInstansi.objects.filter(instansi_id=surat.instansi_id, aktif=True))
        if any(d.boleh_mulai_sop for d in disposisi)
        else [],
        "bagian_tambahan": _bagian_tambahan(),
    }
    return render(request, "surat/detail.html", konteks)


@login_required
def berkas(request: HttpRequest, surat_id: int) -> HttpResponse:
    """The letter's latest file (the signed PDF once signed); ?versi=asli the unsigned one."""
    surat = _surat(request.user, surat_id)
    pilihan = (
        surat.berkas if request.GET.get("versi") == "asli" else surat.berkas_ttd or surat.berkas
    )
    if not pilihan:
        messages.info(request, _("Surat ini belum memiliki berkas."))
        return _ke_surat(surat)
    akhiran = PurePath(pilihan.name).suffix.lower()
    ttd = "-ttd" if pilihan == surat.berkas_ttd else ""
    nama = f"surat-{surat.nomor_agenda or surat.pk}{ttd}{akhiran}"
    return respons_berkas(
        pilihan.open("rb"),
        nama,
        unduh=request.GET.get("unduh") == "1",
        content_type=MIME.get(akhiran, "application/octet-stream"),
    )


@login_required
@require_POST
def beri_nomor(request: HttpRequest, surat_id: int) -> HttpResponse:
    surat = _surat(request.user, surat_id, ubah=True)
    try:
        surat = services.beri_nomor(aktor=request.user, surat=surat)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, _("Nomor surat: %(n)s.") % {"n": surat.nomor_surat})
    return _ke_surat(surat)


@login_required
@require_POST
def batalkan(request: HttpRequest, surat_id: int) -> HttpResponse:
    surat = _surat(request.user, surat_id, ubah=True)
    try:
        services.batalkan(aktor=request.user, surat=surat, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(
            request, _("Surat dibatalkan; nomornya tetap tercatat dan tidak dipakai lagi.")
        )
    return _ke_surat(surat)


@login_required
@require_POST
def disposisikan(request: HttpRequest, surat_id: int) -> HttpResponse:
    """A new disposition, or (with `induk`) one passed further down by its recipient."""
    user = request.user
    surat = _surat(user, surat_id, ubah=True)
    form = f.DisposisiForm(request.POST, instansi=surat.instansi, surat=surat)
    if not form.is_valid():
        messages.error(request, _galat_form(form))
        return _ke_surat(surat, "disposisi")
    d = form.cleaned_data
    induk = None
    if d["induk"]:
        induk = surat.disposisi.filter(pk=d["induk"]).first()
    try:
        baru = services.disposisikan(
            aktor=user,
            surat=surat,
            kepada=d["kepada"],
            instruksi=d["instruksi"],
            catatan=d["catatan"],
            sifat=d["sifat"],
            batas_waktu=d["batas_waktu"],
            induk=induk,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _pesan(exc) if isinstance(exc, ValidationError) else str(exc))
        return _ke_surat(surat, "disposisi")
    messages.success(request, _("Surat didisposisikan kepada %(j)s.") % {"j": baru.kepada.nama})
    return _ke_surat(surat, f"disposisi-{baru.pk}")


@login_required
@require_POST
def tanggapi(request: HttpRequest, disposisi_id: int) -> HttpResponse:
    d = _disposisi(request.user, disposisi_id)
    form = f.TanggapanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _galat_form(form))
        return _ke_surat(d.surat, f"disposisi-{d.pk}")
    try:
        services.tanggapi_disposisi(
            aktor=request.user,
            disposisi=d,
            tanggapan=form.cleaned_data["tanggapan"],
            selesai=form.cleaned_data["selesai"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _pesan(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("Tanggapan disimpan."))
    return _ke_surat(d.surat, f"disposisi-{d.pk}")


@login_required
@require_POST
def mulai_sop(request: HttpRequest, disposisi_id: int) -> HttpResponse:
    d = _disposisi(request.user, disposisi_id)
    form = f.MulaiSopForm(request.POST, instansi=d.surat.instansi)
    if not form.is_valid():
        messages.error(request, _galat_form(form))
        return _ke_surat(d.surat, f"disposisi-{d.pk}")
    try:
        p = services.mulai_sop_dari_disposisi(
            aktor=request.user,
            disposisi=d,
            sop=form.cleaned_data["sop"],
            judul=form.cleaned_data["judul"],
            periode=form.cleaned_data["periode"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _pesan(exc) if isinstance(exc, ValidationError) else str(exc))
        return _ke_surat(d.surat, f"disposisi-{d.pk}")
    messages.success(request, _("Pelaksanaan SOP “%(j)s” dimulai.") % {"j": p.judul})
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)


@login_required
def lembar_disposisi(request: HttpRequest, surat_id: int) -> HttpResponse:
    """The printed lembar disposisi of an incoming letter, on the agency's letterhead."""
    surat = _surat(request.user, surat_id)
    if surat.arah != Surat.Arah.MASUK:
        messages.info(request, _("Lembar disposisi hanya untuk surat masuk."))
        return _ke_surat(surat)
    from .cetak import lembar_disposisi_pdf

    isi = lembar_disposisi_pdf(surat)
    r = HttpResponse(isi, content_type="application/pdf")
    r["Content-Disposition"] = content_disposition(
        f"lembar-disposisi-{surat.nomor_agenda or surat.pk}.pdf",
        unduh=request.GET.get("unduh") == "1",
    )
    return r
