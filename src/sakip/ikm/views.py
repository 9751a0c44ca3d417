"""Staff pages of the survey: an agency's services and periods, a service's Standar
Pelayanan, a period's results (IKM, NRR per element, per service, per group, trend,
priorities, suggestions), the report narrative, its PDF and DOCX, and the Pemda's
comparison of agencies. The paper-entry grid and the Excel import: views_kuesioner.py.

Rows are reached through `for_user` (another agency's id answers 404); every write goes
through `services`/`impor` (PermissionDenied there answers 403, so evaluators read but
never write).
"""

from __future__ import annotations

from fractions import Fraction

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.formatting import angka
from sakip.lib.teks import content_disposition
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi
from sakip.sop.models import Pelaksanaan

from . import forms as f
from . import hitung, rekap, services
from .hitung import KODE_UNSUR
from .models import Layanan, PeriodeSurvei, StandarPelayanan

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Status = PeriodeSurvei.Status


# ---------------------------------------------------------------- helpers


def _url(nama: str, *args) -> str | None:
    """A link to a page another module serves, or None while it does not exist yet."""
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return None


def _ikm(nilai) -> str:
    return angka(hitung.bulat(nilai, 2), 2) if nilai is not None else "—"


def _nrr(nilai) -> str:
    return angka(hitung.bulat(nilai, 3), 3) if nilai is not None else "—"


def pesan_galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def muat_periode(user, periode_id: int) -> PeriodeSurvei:
    return get_for_user_or_404(
        PeriodeSurvei.objects.select_related("instansi__pemda", "ditandatangani_oleh"),
        user,
        pk=periode_id,
    )


def _muat_layanan(user, layanan_id: int) -> Layanan:
    return get_for_user_or_404(
        Layanan.objects.select_related("instansi__pemda"), user, pk=layanan_id
    )


def ke_periode(periode: PeriodeSurvei, jangkar: str = "") -> HttpResponse:
    url = reverse("ikm:periode_detail", args=[periode.pk])
    return redirect(url + (f"#{jangkar}" if jangkar else ""))


def _galat_form(request, exc: ValidationError, form=None) -> None:
    """Put a service's refusal on the form (field errors where they belong) or as a message."""
    if form is not None and hasattr(exc, "error_dict"):
        for kolom, galat in exc.error_dict.items():
            form.add_error(kolom if kolom in form.fields else None, galat)
        return
    messages.error(request, pesan_galat(exc))


# ---------------------------------------------------------------- lists


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their agency's survey; Pemda roles to the comparison of agencies."""
    if request.user.instansi_id:
        return redirect("ikm:instansi", instansi_id=request.user.instansi_id)
    return redirect("ikm:pemda")


@login_required
def pemda(request: HttpRequest) -> HttpResponse:
    """Every agency the user may read with its latest IKM, best first."""
    baris = []
    for r in rekap.ringkasan_pemda(request.user):
        h = r["hasil"]
        baris.append({**r, "ikm": _ikm(h.ikm), "mutu": h.mutu or "—", "kinerja": h.kinerja or ""})
    baris.sort(key=lambda r: (r["hasil"].ikm is None, -(r["hasil"].ikm or 0), r["instansi"].nama))
    return render(
        request, "ikm/pemda.html", {"baris": baris, "peran_pemda": bool(peran_pemda(request.user))}
    )


@login_required
def instansi(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The agency's services (with their Standar Pelayanan) and survey periods."""
    user = request.user
    ins = get_for_user_or_404(Instansi.objects.select_related("pemda"), user, pk=instansi_id)
    layanan = list(Layanan.objects.filter(instansi=ins).select_related("standar"))
    for lay in layanan:
        lay.sp = services.standar_dari(lay)
        lay.url_standar_publik = _url("ikm_publik:standar", ins.kode_unit, lay.slug)
        lay.url_formulir = _url("ikm_publik:formulir", ins.kode_unit, lay.slug)
        lay.url_poster = _url("ikm_cetak:poster", lay.pk)
    periode = list(PeriodeSurvei.objects.filter(instansi=ins))
    jumlah = rekap.jumlah_responden([p.pk for p in periode])
    for p in periode:
        p.kemajuan = rekap.kemajuan(p, jumlah[p.pk])
    return render(
        request,
        "ikm/instansi.html",
        {
            "instansi": ins,
            "layanan_list": layanan,
            "periode_list": periode,
            "boleh_ubah": services.boleh_ubah(user, ins.pk),
            "form_periode": f.PeriodeBaruForm(),
        },
    )


# ---------------------------------------------------------------- services and standards


@login_required
def layanan_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    ins = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )
    return _form_layanan(request, ins, Layanan(instansi=ins))


@login_required
def layanan_ubah(request: HttpRequest, layanan_id: int) -> HttpResponse:
    lay = _muat_layanan(request.user, layanan_id)
    return _form_layanan(request, lay.instansi, lay)


def _form_layanan(request, ins: Instansi, lay: Layanan) -> HttpResponse:
    form = f.LayananForm(request.POST or None, instance=lay)
    if request.method == "POST" and form.is_valid():
        try:
            lay = services.simpan_layanan(aktor=request.user, layanan=form.save(commit=False))
        except ValidationError as exc:
            _galat_form(request, exc, form)
        else:
            messages.success(request, _("Layanan “%(n)s” disimpan.") % {"n": lay.nama})
            return redirect("ikm:instansi", instansi_id=ins.pk)
    return render(request, "ikm/layanan_form.html", {"instansi": ins, "layanan": lay, "form": form})


@login_required
def standar(request: HttpRequest, layanan_id: int) -> HttpResponse:
    """Edit the Standar Pelayanan's fourteen components; record its decree."""
    lay = _muat_layanan(request.user, layanan_id)
    sp = services.standar_dari(lay)
    form = f.StandarForm(request.POST or None, instance=sp)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_standar(aktor=request.user, layanan=lay, data=form.cleaned_data)
        except ValidationError as exc:
            _galat_form(request, exc, form)
        else:
            messages.success(request, _("Standar Pelayanan disimpan."))
            return redirect("ikm:standar", layanan_id=lay.pk)
    awal = {"nomor_penetapan": sp.nomor_penetapan, "tanggal_penetapan": sp.tanggal_penetapan}
    return render(
        request,
        "ikm/standar_form.html",
        {
            "instansi": lay.instansi,
            "layanan": lay,
            "standar": sp,
            "form": form,
            "form_tetapkan": f.TetapkanStandarForm(initial=awal),
            "boleh_ubah": services.boleh_ubah(request.user, lay.instansi_id),
            "url_publik": _url("ikm_publik:standar", lay.instansi.kode_unit, lay.slug),
            "url_pdf": _url("ikm_publik:standar_pdf", lay.instansi.kode_unit, lay.slug),
        },
    )


@login_required
@require_POST
def standar_tetapkan(request: HttpRequest, layanan_id: int) -> HttpResponse:
    lay = _muat_layanan(request.user, layanan_id)
    form = f.TetapkanStandarForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for v in form.errors.values() for e in v))
        return redirect("ikm:standar", layanan_id=lay.pk)
    sp = StandarPelayanan.objects.filter(layanan=lay).first()
    if sp is None:
        messages.error(request, _("Tulis dan simpan Standar Pelayanan dahulu."))
        return redirect("ikm:standar", layanan_id=lay.pk)
    try:
        services.tetapkan_standar(
            aktor=request.user,
            standar=sp,
            nomor=form.cleaned_data["nomor_penetapan"],
            tanggal=form.cleaned_data["tanggal_penetapan"],
        )
    except ValidationError as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Standar Pelayanan ditetapkan."))
    return redirect("ikm:standar", layanan_id=lay.pk)


# ---------------------------------------------------------------- periods


@login_required
def periode_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    ins = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )
    form = f.PeriodeBaruForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.buat_periode(aktor=request.user, instansi=ins, **form.cleaned_data)
        except ValidationError as exc:
            _galat_form(request, exc, form)
        else:
            messages.success(request, _("Periode %(p)s siap.") % {"p": p.label})
            return ke_periode(p)
    return render(request, "ikm/periode_form.html", {"instansi": ins, "form": form, "baru": True})


@login_required
def periode_ubah(request: HttpRequest, periode_id: int) -> HttpResponse:
    periode = muat_periode(request.user, periode_id)
    form = f.PeriodeForm.dari(periode, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_periode(aktor=request.user, periode=periode, **form.cleaned_data)
        except ValidationError as exc:
            _galat_form(request, exc, form)
        else:
            messages.success(request, _("Periode disimpan."))
            return ke_periode(periode)
    return render(
        request,
        "ikm/periode_form.html",
        {"instansi": periode.instansi, "periode": periode, "form": form, "baru": False},
    )


@login_required
@require_POST
def periode_status(request: HttpRequest, periode_id: int) -> HttpResponse:
    periode = muat_periode(request.user, periode_id)
    aksi = {"buka": services.buka_periode, "tutup": services.tutup_periode}.get(
        request.POST.get("aksi", "")
    )
    if aksi is None:
        messages.error(request, _("Tindakan tidak dikenal."))
        return ke_periode(periode)
    try:
        periode = aksi(aktor=request.user, periode=periode)
    except ValidationError as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Status survei: %(s)s.") % {"s": periode.get_status_display()})
    return ke_periode(periode)


def _baris_unsur(periode: PeriodeSurvei, hasil, prioritas_kode: set[str]) -> list[dict]:
    nama = rekap.nama_unsur(periode)
    baris = []
    for kode in KODE_UNSUR:
        m = hasil.mutu_unsur(kode) or ("—", "")
        baris.append({
            "kode": kode,
            "nama": nama[kode],
            "nrr": _nrr(hasil.nrr[kode]),
            "nrr_tertimbang": _nrr(hasil.nrr_tertimbang[kode]),
            "mutu": m[0],
            "kinerja": m[1],
            "prioritas": kode in prioritas_kode,
        })  # fmt: skip
    return baris


def _tabel_hasil(baris, jumlah: int | None = None) -> list[dict]:
    hasil = []
    for b in baris:
        n = b.hasil.responden
        persen = angka(hitung.bulat(Fraction(100 * n, jumlah), 1), 1) if jumlah else ""
        hasil.append({
            "kunci": b.kunci,
            "label": b.label,
            "responden": n,
            "persen": persen,
            "ikm": _ikm(b.hasil.ikm),
            "mutu": b.hasil.mutu or "—",
            "kinerja": b.hasil.kinerja or "",
        })  # fmt: skip
    return hasil


def _grafik_tren(tren) -> str:
    from sakip.pengukuran.grafik import garis_svg

    if sum(1 for _p, h in tren if h.ada) < 2:
        return ""
    label = [p.label for p, _h in tren]
    nilai = [None if h.ikm is None else float(hitung.bulat(h.ikm, 2)) for _p, h in tren]
    return mark_safe(garis_svg(label, [("IKM", nilai, "#0b4f8a")], judul=_("Perkembangan IKM")))


def _pelaksanaan(user, periode: PeriodeSurvei) -> Pelaksanaan | None:
    ct = ContentType.objects.get_for_model(PeriodeSurvei)
    return (
        Pelaksanaan.objects.for_user(user)
        .filter(dokumen_ct=ct, dokumen_id=periode.pk)
        .order_by("-dimulai_pada", "-id")
        .first()
    )


@login_required
def periode_detail(request: HttpRequest, periode_id: int) -> HttpResponse:
    """The period's results: IKM, mutu, NRR per element, per service, per group, trend,
    priorities, suggestions; and the period's actions for its agency's staff."""
    user = request.user
    periode = muat_periode(user, periode_id)
    hasil = rekap.hasil_periode(periode)
    prioritas = rekap.prioritas(periode, hasil)
    tren = rekap.tren(periode.instansi)
    saran = rekap.daftar_saran(periode)
    boleh = (
        services.boleh_ubah(user, periode.instansi_id) and periode.status != Status.DITANDATANGANI
    )
    indikator = services.indikator_ikm(periode) if boleh and hasil.ada else None
    konteks = {
        "periode": periode,
        "instansi": periode.instansi,
        "hasil": hasil,
        "ikm": _ikm(hasil.ikm),
        "skala_4": _nrr(hasil.nilai_skala_4),
        "unsur": _baris_unsur(periode, hasil, {p.kode for p in prioritas}),
        "prioritas": [
            {
                "kode": p.kode,
                "nama": p.nama,
                "nrr": _nrr(p.nrr),
                "mutu": p.mutu,
                "kinerja": p.kinerja,
            }
            for p in prioritas
        ],
        "per_layanan": _tabel_hasil(rekap.hasil_per_layanan(periode)),
        "demografi": [
            {"kunci": k, "judul": g["judul"], "baris": _tabel_hasil(g["baris"], hasil.responden)}
            for k, g in rekap.demografi(periode).items()
        ],
        "tren": [
            {
                "periode": p,
                "responden": h.responden,
                "ikm": _ikm(h.ikm),
                "mutu": h.mutu or "—",
                "ini": p.pk == periode.pk,
            }  # fmt: skip
            for p, h in tren
        ],
        "grafik_tren": _grafik_tren(tren),
        "saran": saran[:100],
        "jumlah_saran": saran.count(),
        "kemajuan": rekap.kemajuan(periode, hasil.responden),
        "boleh_ubah": boleh,
        "form_realisasi": (
            f.RealisasiForm(indikator_qs=indikator)
            if indikator is not None and indikator.exists()
            else None
        ),
        "pelaksanaan": _pelaksanaan(user, periode),
        "url_kuesioner": _url("ikm_cetak:kuesioner", periode.pk),
    }
    return render(request, "ikm/periode_detail.html", konteks)


# ---------------------------------------------------------------- the report


@login_required
def narasi(request: HttpRequest, periode_id: int) -> HttpResponse:
    periode = muat_periode(request.user, periode_id)
    form = f.NarasiForm(request.POST or None, initial=periode.narasi or {})
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_narasi(aktor=request.user, periode=periode, data=form.cleaned_data)
        except ValidationError as exc:
            _galat_form(request, exc, form)
        else:
            messages.success(request, _("Narasi laporan disimpan."))
            return ke_periode(periode, "laporan")
    return render(
        request, "ikm/narasi.html", {"periode": periode, "instansi": periode.instansi, "form": form}
    )


def _unduh(periode: PeriodeSurvei, berkas, buat, jenis_isi: str, akhiran: str) -> HttpResponse:
    nama = f"laporan-skm-{periode.instansi.kode_unit}-{periode.tahun}"
    nama += f"-s{periode.semester}{akhiran}" if periode.semester else akhiran
    if periode.status == Status.DITANDATANGANI and berkas:
        return respons_berkas(berkas.open("rb"), nama)
    respons = HttpResponse(buat(periode), content_type=jenis_isi)
    respons["Content-Disposition"] = content_disposition(nama)
    return respons


@login_required
def laporan_pdf(request: HttpRequest, periode_id: int) -> HttpResponse:
    from sakip.surat.dokumen_ttd import unduh_ttd

    from . import laporan

    periode = muat_periode(request.user, periode_id)
    nama = f"laporan-skm-{periode.instansi.kode_unit}-{periode.tahun}"
    nama += f"-s{periode.semester}.pdf" if periode.semester else ".pdf"
    # Signed with TTE through its SOP run: the signed file, with its stamp and QR.
    return unduh_ttd(periode, nama) or _unduh(
        periode, periode.pdf, laporan.laporan_pdf, PDF, ".pdf"
    )


@login_required
def laporan_docx(request: HttpRequest, periode_id: int) -> HttpResponse:
    from . import laporan

    periode = muat_periode(request.user, periode_id)
    return _unduh(periode, periode.docx, laporan.laporan_docx, DOCX, ".docx")


@login_required
@require_POST
def realisasi(request: HttpRequest, periode_id: int) -> HttpResponse:
    """Record the IKM as the realisation of the agency's IKM indicator."""
    periode = muat_periode(request.user, periode_id)
    form = f.RealisasiForm(request.POST, indikator_qs=services.indikator_ikm(periode))
    if not form.is_valid():
        messages.error(request, _("Pilih indikator IKM instansi."))
        return ke_periode(periode, "realisasi")
    try:
        r = services.catat_realisasi_ikm(
            aktor=request.user, periode=periode, indikator=form.cleaned_data["indikator"]
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(
            request,
            _("IKM %(n)s dicatat sebagai realisasi %(i)s bulan %(b)s/%(t)s dan diajukan.")
            % {"n": angka(r.nilai, 2), "i": r.indikator.kode, "b": r.bulan, "t": r.tahun},
        )
    return ke_periode(periode, "realisasi")
