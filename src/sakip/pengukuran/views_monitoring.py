"""Monitoring pages (seed 001): the year's overview, the monthly control card, the
quarterly evaluation where recommendations are issued, PK monitoring of eselon III/IV,
and the Excel of the card and the evaluation. The recommendations' own pages are
`views_rekomendasi`, the year-end archive `views_arsip`.

Every object is reached through `for_user` (another agency's id answers 404); every write
is one call to `monitoring`, which refuses evaluators and the wrong positions; its refusal
comes back to the page as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import DokumenAnggaran
from sakip.sop import services as sop_services
from sakip.sop.models import Pelaksanaan

from . import ekspor_monitoring, monitoring
from .excel import nama_berkas
from .forms_monitoring import KartuForm, RekomendasiForm, ringkas
from .models import ArsipKinerja, EvaluasiTriwulan, KartuKendali, Rekomendasi
from .services import nama_bulan
from .sop_plugin import monitoring as sop_monitoring
from .views_umum import (
    GALAT_LAYANAN,
    bilangan,
    instansi_dari,
    konteks_instansi,
    periode,
    pesan_galat,
    semua_tahun,
    tahun_diminta,
    unduh_xlsx,
)

# ---------------------------------------------------------------- overview


@login_required
def ikhtisar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The year's monitoring at a glance: twelve cards, four evaluations, open recommendations."""
    instansi = instansi_dari(request, instansi_id)
    tahun = tahun_diminta(request)
    kartu = {k.bulan: k for k in KartuKendali.objects.filter(instansi=instansi, tahun=tahun)}
    evaluasi = {
        e.triwulan: e for e in EvaluasiTriwulan.objects.filter(instansi=instansi, tahun=tahun)
    }
    hari_ini = timezone.localdate()
    terbuka = Rekomendasi.objects.filter(instansi=instansi).exclude(
        status=Rekomendasi.Status.SELESAI
    )
    return render(
        request,
        "pengukuran/monitoring_indeks.html",
        konteks_instansi(
            instansi,
            tahun,
            semua_tahun=semua_tahun(instansi, tahun),
            bulan=[
                {
                    "bulan": b,
                    "nama": nama_bulan(tahun, b),
                    "kartu": kartu.get(b),
                    "sudah_tiba": (tahun, b) <= (hari_ini.year, hari_ini.month),
                }
                for b in range(1, 13)
            ],
            triwulan=[
                {
                    "tw": tw,
                    "nama": monitoring.label_triwulan(tahun, tw),
                    "evaluasi": evaluasi.get(tw),
                }
                for tw in range(1, 5)
            ],
            rekomendasi_terbuka=terbuka.count(),
            arsip=ArsipKinerja.objects.filter(instansi=instansi, tahun=tahun).first(),
            boleh_mengisi=monitoring.boleh_mengisi(request.user, instansi.pk),
            ada_dpa=DokumenAnggaran.objects.filter(
                instansi=instansi, tahun=tahun, jenis=DokumenAnggaran.Jenis.DPA
            ).exists(),
        ),
    )


# ---------------------------------------------------------------- control card


@login_required
def kartu_kendali(request: HttpRequest, kartu_id: int) -> HttpResponse:
    """The month's control card: recommendations under watch first, then the rows."""
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi__pemda"), request.user, pk=kartu_id
    )
    susunan, total = monitoring.susunan_kartu(kartu)
    form = KartuForm(
        request.POST or None, kartu=kartu, baris=[b.baris for b in susunan if b.baris is not None]
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                n = monitoring.isi_kartu(
                    aktor=request.user,
                    kartu=kartu,
                    isian=form.isian(),
                    catatan=form.cleaned_data["catatan"],
                )
            except GALAT_LAYANAN as exc:
                messages.error(request, pesan_galat(exc))
            else:
                messages.success(request, _("Kartu kendali tersimpan (%(n)s baris).") % {"n": n})
            return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
        messages.error(request, _("Tidak ada yang disimpan: perbaiki isian yang ditandai."))
    boleh_isi = monitoring.boleh_mengisi(request.user, kartu.instansi_id, kartu)
    boleh = kartu.status == KartuKendali.Status.DRAF and boleh_isi
    runs = list(sop_monitoring.pelaksanaan_kartu(kartu))
    return render(
        request,
        "pengukuran/monitoring_kartu.html",
        konteks_instansi(
            kartu.instansi,
            kartu.tahun,
            kartu=kartu,
            judul_bulan=nama_bulan(kartu.tahun, kartu.bulan),
            baris=[(b, form.bidang(b.baris) if boleh and b.baris else None) for b in susunan],
            total=total,
            form=form,
            boleh_mengisi=boleh,
            rekomendasi=monitoring.rekomendasi_kartu(kartu),
            pelaksanaan=runs,
            jejak_ttd=_jejak_tanda_tangan(runs),
            boleh_mulai_sop=boleh and not any(not p.selesai for p in runs),
        ),
    )


def _jejak_tanda_tangan(runs: list[Pelaksanaan]) -> list[dict]:
    """Who initialled and who signed the card, read from its runs' logs (newest run)."""
    from sakip.sop.models import Peristiwa

    for p in runs:
        tindakan = {lg["no"]: lg.get("tindakan") for lg in p.versi.langkah if lg.get("tindakan")}
        jejak = [
            {
                "tindakan": _("Paraf") if tindakan[e.langkah_no] == "paraf" else _("Tanda tangan"),
                "nama": e.aktor_nama,
                "waktu": e.waktu,
            }
            for e in p.peristiwa.filter(
                jenis__in=[Peristiwa.Jenis.SELESAI, Peristiwa.Jenis.SETUJU],
                langkah_no__in=list(tindakan),
            ).order_by("waktu", "id")
        ]
        if jejak:
            return jejak
    return []


@require_POST
@login_required
def kartu_kendali_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = instansi_dari(request, instansi_id)
    tahun, bulan = tahun_diminta(request), bilangan(request, "bulan", 0, 1, 12)
    if not bulan:
        messages.error(request, _("Pilih bulan kartu kendali."))
        return redirect(_ke_monitoring(instansi, tahun))
    try:
        kartu = monitoring.buat_kartu(
            aktor=request.user, instansi=instansi, tahun=tahun, bulan=bulan
        )
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
        return redirect(_ke_monitoring(instansi, tahun))
    return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)


def _ke_monitoring(instansi: Instansi, tahun: int) -> str:
    return reverse("pengukuran:monitoring", args=[instansi.pk]) + f"?tahun={tahun}"


@require_POST
@login_required
def kartu_kendali_sop(request: HttpRequest, kartu_id: int) -> HttpResponse:
    """Start the monitoring SOP run that carries this card (when the schedule did not)."""
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    sop = sop_monitoring.sop_monitoring_instansi(kartu.instansi_id)
    if sop is None:
        messages.error(request, _("Instansi ini belum mengadopsi SOP monitoring dan evaluasi."))
        return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
    frekuensi = (sop.versi_terbaru().definisi.get("jadwal") or {}).get("frekuensi")
    periode = f"{kartu.tahun}-{kartu.bulan:02d}"
    if frekuensi == "triwulanan":
        periode = f"{kartu.tahun}-Q{(kartu.bulan - 1) // 3 + 1}"
    try:
        p = sop_services.mulai(
            aktor=request.user,
            sop=sop,
            judul=_("Monitoring %(b)s") % {"b": nama_bulan(kartu.tahun, kartu.bulan)},
            periode=periode,
            dokumen=kartu,
        )
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
        return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
    messages.success(request, _("SOP “%(s)s” dimulai untuk kartu ini.") % {"s": sop.nama})
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)


def _cetak(dokumen, buat, nama: str) -> HttpResponse:
    """The document signed with TTE through its run as stored (stamp, QR), else printed now."""
    from sakip.surat.dokumen_ttd import unduh_ttd

    respons = unduh_ttd(dokumen, nama)
    if respons is None:
        respons = HttpResponse(buat(dokumen), content_type="application/pdf")
        respons["Content-Disposition"] = content_disposition(nama)
    return respons


@login_required
def kartu_kendali_pdf(request: HttpRequest, kartu_id: int) -> HttpResponse:
    from .dokumen_monitoring import kartu_pdf

    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    kode = kartu.instansi.kode_unit or kartu.instansi.pk
    return _cetak(kartu, kartu_pdf, f"kartu-kendali-{kode}-{kartu.tahun}-{kartu.bulan:02d}.pdf")


# ---------------------------------------------------------------- quarterly evaluation


@login_required
def evaluasi_triwulan_pdf(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    from .dokumen_monitoring import evaluasi_pdf

    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi"), request.user, pk=evaluasi_id
    )
    kode = evaluasi.instansi.kode_unit or evaluasi.instansi.pk
    nama = f"evaluasi-{kode}-{evaluasi.tahun}-tw{evaluasi.triwulan}.pdf"
    return _cetak(evaluasi, evaluasi_pdf, nama)


@login_required
def evaluasi_triwulan(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    """Capaian per PK indicator to the quarter's end, with formulas; the missed targets and
    the recommendations issued for them; the head signs."""
    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi__pemda"), request.user, pk=evaluasi_id
    )
    if request.method == "POST":
        try:
            monitoring.simpan_kesimpulan(
                aktor=request.user, evaluasi=evaluasi, kesimpulan=request.POST.get("kesimpulan", "")
            )
        except GALAT_LAYANAN as exc:
            messages.error(request, pesan_galat(exc))
        else:
            messages.success(request, _("Kesimpulan evaluasi tersimpan."))
        return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)
    instansi, user = evaluasi.instansi, request.user
    baris = monitoring.capaian_triwulan(instansi, evaluasi.tahun, evaluasi.triwulan)
    for b in baris:
        b.realisasi_tampil = ringkas(b.capaian.realisasi)
    boleh_terbitkan = monitoring.boleh_menerbitkan(user, instansi.pk)
    rekomendasi = list(evaluasi.rekomendasi.select_related("jabatan", "indikator_pk"))
    per_pk: dict = {}
    for b in baris:
        per_pk.setdefault(b.pk.pk, {"pk": b.pk, "baris": []})["baris"].append(b)
        b.rekomendasi = [r for r in rekomendasi if r.indikator_pk_id == b.indikator.pk]
        if boleh_terbitkan and b.tidak_tercapai:
            b.form = RekomendasiForm(
                evaluasi=evaluasi,
                prefix=f"i{b.indikator.pk}",
                initial={"jabatan": b.jabatan_tujuan, "indikator_pk": b.indikator},
            )
    return render(
        request,
        "pengukuran/evaluasi_triwulan.html",
        konteks_instansi(
            instansi,
            evaluasi.tahun,
            evaluasi=evaluasi,
            judul=monitoring.label_triwulan(evaluasi.tahun, evaluasi.triwulan),
            per_pk=list(per_pk.values()),
            tidak_tercapai=[b for b in baris if b.tidak_tercapai],
            rekomendasi=rekomendasi,
            boleh_mengisi=evaluasi.ditandatangani_pada is None
            and monitoring.boleh_mengisi(user, instansi.pk),
            boleh_tandatangan=evaluasi.ditandatangani_pada is None
            and monitoring.boleh_menandatangani(user, instansi.pk),
            boleh_terbitkan=boleh_terbitkan,
            form_umum=RekomendasiForm(evaluasi=evaluasi, prefix="umum")
            if boleh_terbitkan
            else None,
        ),
    )


@require_POST
@login_required
def evaluasi_triwulan_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = instansi_dari(request, instansi_id)
    tahun, triwulan = tahun_diminta(request), bilangan(request, "triwulan", 0, 1, 4)
    try:
        if not triwulan:
            raise ValidationError(_("Pilih triwulan yang dievaluasi."))
        e = monitoring.buat_evaluasi(
            aktor=request.user, instansi=instansi, tahun=tahun, triwulan=triwulan
        )
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
        return redirect(_ke_monitoring(instansi, tahun))
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=e.pk)


@require_POST
@login_required
def evaluasi_triwulan_tandatangan(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(EvaluasiTriwulan, request.user, pk=evaluasi_id)
    try:
        monitoring.tandatangani_evaluasi(aktor=request.user, evaluasi=evaluasi)
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Evaluasi ditandatangani."))
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)


@require_POST
@login_required
def rekomendasi_baru(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(EvaluasiTriwulan, request.user, pk=evaluasi_id)
    prefix = request.POST.get("prefix", "umum")
    form = RekomendasiForm(request.POST, evaluasi=evaluasi, prefix=prefix)
    if not form.is_valid():
        messages.error(
            request,
            _("Rekomendasi belum diterbitkan: %(g)s")
            % {"g": " ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)
    try:
        monitoring.terbitkan_rekomendasi(aktor=request.user, evaluasi=evaluasi, **form.cleaned_data)
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(
            request,
            _("Rekomendasi diterbitkan kepada %(j)s.") % {"j": form.cleaned_data["jabatan"].nama},
        )
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)


# ---------------------------------------------------------------- PK monitoring


@login_required
def pk_monitoring(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Eselon III and IV officials: their PK indicators with capaian to a chosen month."""
    instansi = instansi_dari(request, instansi_id)
    tahun, sampai = periode(request)
    daftar = monitoring.monitoring_pk(instansi, tahun, sampai)
    for pantau in daftar:
        for c in pantau.baris:
            c.realisasi_tampil = ringkas(c.realisasi)
    return render(
        request,
        "pengukuran/pk_monitoring.html",
        konteks_instansi(
            instansi,
            tahun,
            semua_tahun=semua_tahun(instansi, tahun),
            sampai=sampai,
            judul_bulan=nama_bulan(tahun, sampai),
            pilihan_bulan=[(b, nama_bulan(tahun, b)) for b in range(1, 13)],
            daftar=daftar,
        ),
    )


# ---------------------------------------------------------------- Excel of the card and evaluation


@login_required
def kartu_kendali_xlsx(request: HttpRequest, kartu_id: int) -> HttpResponse:
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    nama = nama_berkas("Kartu_Kendali", kartu.instansi, kartu.tahun, f"{kartu.bulan:02d}")
    return unduh_xlsx(ekspor_monitoring.ekspor_kartu(kartu), nama)


@login_required
def evaluasi_triwulan_xlsx(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi__pemda"), request.user, pk=evaluasi_id
    )
    nama = nama_berkas("Evaluasi", evaluasi.instansi, evaluasi.tahun, f"TW{evaluasi.triwulan}")
    return unduh_xlsx(ekspor_monitoring.ekspor_evaluasi(evaluasi), nama)
