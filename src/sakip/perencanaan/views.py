"""Planning pages: the agency overview, the Renstra, Renja/RKA/DPA, IKU, PK and Rencana Aksi
editors, Excel in and out, and the printed documents.

Every object is reached through `for_user` (another agency's id answers 404) and every
write goes through `services` (evaluators are refused there). Rows are edited inline with
htmx: a row swaps into its form; after a save the whole editor is drawn again, so totals,
the tree and the cascade findings are never stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, ProtectedError, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.formatting import angka
from sakip.lib.htmx import is_htmx
from sakip.organisasi.models import Instansi, Jabatan
from sakip.organisasi.views import susun_bagan

from . import forms as f
from . import services
from .models import (
    IKU,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Kebijakan,
    Misi,
    PerjanjianKinerja,
    ProgramRenstra,
    Renstra,
    Sasaran,
    SasaranPK,
    Strategi,
    Tujuan,
)

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


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _pesan_form(form) -> str:
    return " ".join(
        f"{form.fields[n].label}: {' '.join(e)}" if n in form.fields else " ".join(e)
        for n, e in form.errors.items()
    )


def _tampil(request: HttpRequest, halaman: str, konteks: dict) -> HttpResponse:
    """The full page, or for htmx just its editor part (`_<halaman>_isi.html`)."""
    if is_htmx(request):
        return render(request, f"perencanaan/_{halaman}_isi.html", {**konteks, "fragmen": True})
    return render(request, f"perencanaan/{halaman}.html", konteks)


def _unduh(isi: bytes, jenis_isi: str, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=jenis_isi)
    respons["Content-Disposition"] = content_disposition_header(True, nama)
    return respons


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
            "form_renstra": f.RenstraBaruForm(
                initial=_periode_baru(renstra_list, timezone.localdate().year)
            ),
        },
    )


@require_POST
@login_required
def renstra_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    form = f.RenstraBaruForm(request.POST, instance=Renstra(instansi=instansi))
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
        return redirect("perencanaan:instansi", instansi_id=instansi.pk)
    try:
        renstra = services.simpan(
            aktor=request.user, objek=form.instance, keterangan="Renstra baru"
        )
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
        return redirect("perencanaan:instansi", instansi_id=instansi.pk)
    messages.success(request, _("Renstra %(a)s–%(b)s dibuat.") % _periode(renstra))
    return redirect("perencanaan:renstra", renstra_id=renstra.pk)


def _periode(renstra: Renstra) -> dict:
    return {"a": renstra.tahun_awal, "b": renstra.tahun_akhir}


@require_POST
@login_required
def dokumen_baru(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(Renstra, request.user, pk=renstra_id)
    form = f.DokumenBaruForm(
        request.POST, instance=DokumenAnggaran(instansi_id=renstra.instansi_id, renstra=renstra)
    )
    kembali = reverse("perencanaan:instansi", args=[renstra.instansi_id])
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
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
        messages.error(request, _pesan(exc))
        return redirect(f"{kembali}?tahun={form.instance.tahun}")
    messages.success(request, _("%(d)s dibuat.") % {"d": dok})
    return redirect("perencanaan:anggaran", dokumen_id=dok.pk)


@require_POST
@login_required
def pk_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The head's PK, or with `pk_atasan` a subordinate's, its sasaran cascaded down."""
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    form = f.BuatPKForm(request.POST, instansi=instansi, user=request.user)
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
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
        messages.error(request, _pesan(exc))
        if atasan is not None:
            return redirect("perencanaan:pk", pk_id=atasan.pk)
        url = reverse("perencanaan:instansi", args=[instansi.pk])
        return redirect(f"{url}?tahun={form.cleaned_data['tahun']}")
    messages.success(request, _("%(pk)s dibuat sebagai draf.") % {"pk": pk})
    return redirect("perencanaan:pk", pk_id=pk.pk)


# ---------------------------------------------------------------- Renstra and IKU


@login_required
def renstra(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(
        Renstra.objects.select_related("instansi__pemda"), request.user, pk=renstra_id
    )
    return _tampil_renstra(request, renstra)


def _tampil_renstra(request: HttpRequest, renstra: Renstra) -> HttpResponse:
    indikator = Indikator.objects.select_related("skala", "penanggung_jawab").prefetch_related(
        "target"
    )
    tujuan = list(
        renstra.tujuan.select_related("misi").prefetch_related(
            Prefetch("indikator", queryset=indikator),
            Prefetch(
                "sasaran",
                queryset=Sasaran.objects.prefetch_related(
                    Prefetch("indikator", queryset=indikator),
                    Prefetch("strategi", queryset=Strategi.objects.prefetch_related("kebijakan")),
                    "program",
                ),
            ),
        )
    )
    for t in tujuan:
        for ind in [*t.indikator.all(), *(i for s in t.sasaran.all() for i in s.indikator.all())]:
            per_tahun = {x.tahun: x for x in ind.target.all()}
            ind.target_tahun = [(th, per_tahun.get(th)) for th in renstra.tahun]
            ind.kondisi_awal = f.tulis_target(ind.baseline, None, ind.baseline_skala) or "—"
            ind.akhir = (
                f.tulis_target(ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_skala)
                or "—"
            )
    return _tampil(
        request,
        "renstra",
        {
            "renstra": renstra,
            "instansi": renstra.instansi,
            "misi": renstra.misi.all(),
            "tujuan": tujuan,
            "boleh_ubah": boleh_ubah(request.user, renstra),
            "matriks": "renstra",
            "objek": renstra,
        },
    )


@login_required
def iku(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(
        Renstra.objects.select_related("instansi__pemda"), request.user, pk=renstra_id
    )
    return _tampil_iku(request, renstra)


def _tampil_iku(request: HttpRequest, renstra: Renstra) -> HttpResponse:
    return _tampil(
        request,
        "iku",
        {
            "renstra": renstra,
            "instansi": renstra.instansi,
            "iku_list": renstra.iku.select_related("indikator__skala", "penanggung_jawab"),
            "calon": Indikator.objects.filter(renstra=renstra, iku__isnull=True).select_related(
                "tujuan", "sasaran"
            ),
            "boleh_ubah": boleh_ubah(request.user, renstra),
            "matriks": "iku",
            "objek": renstra,
        },
    )


# ---------------------------------------------------------------- Renja, RKA, DPA


@login_required
def anggaran(request: HttpRequest, dokumen_id: int) -> HttpResponse:
    dokumen = get_for_user_or_404(
        DokumenAnggaran.objects.select_related("instansi__pemda", "renstra"),
        request.user,
        pk=dokumen_id,
    )
    return _tampil_anggaran(request, dokumen)


@dataclass
class Total:
    program: Decimal = Decimal("0")
    kegiatan: Decimal = Decimal("0")
    sub: Decimal = Decimal("0")
    kas: Decimal = Decimal("0")


def susun_anggaran(item_list: list[ItemAnggaran]) -> tuple[list[ItemAnggaran], Total]:
    """The program → kegiatan → sub-kegiatan tree as table rows in order, each with its
    depth and the sum of its children; sub-kegiatan with their twelve months of cash."""
    anak = defaultdict(list)
    for i in item_list:
        anak[i.induk_id].append(i)
    total, urut = Total(), []

    def turun(induk_id, tingkat: int) -> None:
        for i in anak.get(induk_id, []):
            i.tingkat = tingkat
            rincian = anak.get(i.pk, [])
            i.jumlah_rincian = sum((a.pagu for a in rincian), Decimal("0")) if rincian else None
            setattr(total, i.level, getattr(total, i.level) + i.pagu)
            if i.level == ItemAnggaran.Level.SUB_KEGIATAN:
                per_bulan = {k.bulan: k.jumlah for k in i.kas.all()}
                i.kas_bulan = [
                    (f.BULAN[b - 1], uang(per_bulan[b]) if b in per_bulan else "")
                    for b in range(1, 13)
                ]
                i.kas_total = sum(per_bulan.values(), Decimal("0"))
                i.kas_selisih = uang(i.pagu - i.kas_total)
                total.kas += i.kas_total
            urut.append(i)
            turun(i.pk, tingkat + 1)

    turun(None, 0)
    return urut, total


def _tampil_anggaran(request: HttpRequest, dokumen: DokumenAnggaran) -> HttpResponse:
    item_list = list(
        dokumen.item.select_related("program_renstra", "penanggung_jawab").prefetch_related(
            Prefetch(
                "indikator", queryset=IndikatorItem.objects.select_related("indikator_renstra")
            ),
            "kas",
        )
    )
    baris, total = susun_anggaran(item_list)
    return _tampil(
        request,
        "anggaran",
        {
            "dokumen": dokumen,
            "instansi": dokumen.instansi,
            "baris": baris,
            "sub_list": [i for i in baris if i.level == ItemAnggaran.Level.SUB_KEGIATAN],
            "total": total,
            "pakai_kas": dokumen.jenis != DokumenAnggaran.Jenis.RENJA,
            "bulan": f.BULAN,
            "boleh_ubah": boleh_ubah(request.user, dokumen),
            "matriks": dokumen.jenis,
            "objek": dokumen,
            "pdf": MATRIKS[dokumen.jenis].pdf,
        },
    )


# ---------------------------------------------------------------- Perjanjian Kinerja


def _muat_pk(user, pk_id: int) -> PerjanjianKinerja:
    """The PK with everything the page shows, in a fixed number of queries."""
    return get_for_user_or_404(
        PerjanjianKinerja.objects.select_related(
            "instansi__pemda", "jabatan", "pihak_pertama", "pihak_kedua", "pk_atasan__jabatan"
        ).prefetch_related(
            Prefetch(
                "sasaran",
                queryset=SasaranPK.objects.select_related("sasaran_renstra").prefetch_related(
                    "indikator"
                ),
            ),
            Prefetch("anggaran", queryset=AnggaranPK.objects.select_related("item")),
        ),
        user,
        pk=pk_id,
    )


@login_required
def pk(request: HttpRequest, pk_id: int) -> HttpResponse:
    return _tampil_pk(request, _muat_pk(request.user, pk_id))


def _tampil_pk(request: HttpRequest, pk: PerjanjianKinerja) -> HttpResponse:
    """The PK page for a PK loaded by `_muat_pk`."""
    from .dokumen import jabatan_lengkap, label_anggaran

    user = request.user
    boleh_kelola = PerjanjianKinerja.objects.for_user(user, ubah=True).filter(pk=pk.pk).exists()
    bawahan = list(Jabatan.objects.filter(atasan_id=pk.jabatan_id).with_pemangku())
    pk_bawahan = {
        p.jabatan_id: p
        for p in PerjanjianKinerja.objects.filter(jabatan__in=bawahan, tahun=pk.tahun).exclude(
            status=DIGANTI
        )
    }
    for j in bawahan:
        j.pk_tahun = pk_bawahan.get(j.pk)
    return _tampil(
        request,
        "pk",
        {
            "pk": pk,
            "instansi": pk.instansi,
            "jabatan_pertama": jabatan_lengkap(pk.jabatan.nama, pk.instansi),
            "jabatan_kedua": (
                jabatan_lengkap(pk.pihak_kedua_jabatan, pk.instansi)
                if pk.pihak_kedua_id
                else pk.pihak_kedua_jabatan
            ),
            "label_anggaran": label_anggaran(pk),
            "boleh_kelola": boleh_kelola,
            "boleh_ubah": boleh_kelola and not pk.terkunci,
            "riwayat": PerjanjianKinerja.objects.filter(
                jabatan_id=pk.jabatan_id, tahun=pk.tahun
            ).order_by("nomor_revisi"),
            "bawahan": bawahan,
            "temuan": services.periksa_kaskade(pk) if bawahan else [],
            "dpa": services.dpa_tahun(pk.instansi_id, pk.tahun),
            "form_ttd": f.TandaTanganForm(initial={"tanggal": timezone.localdate()}),
            "form_revisi": f.RevisiForm(),
            "matriks": "pk",
            "objek": pk,
        },
    )


@require_POST
@login_required
def pk_tandatangan(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = get_for_user_or_404(PerjanjianKinerja, request.user, pk=pk_id)
    form = f.TandaTanganForm(request.POST)
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
        return redirect("perencanaan:pk", pk_id=pk.pk)
    try:
        hasil = services.tandatangani_pk(
            aktor=request.user, pk=pk, tanggal=form.cleaned_data["tanggal"]
        )
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, _("PK ditandatangani dan dikunci."))
        if hasil.peringatan:
            messages.warning(request, hasil.peringatan)
    return redirect("perencanaan:pk", pk_id=pk.pk)


@require_POST
@login_required
def pk_revisi(request: HttpRequest, pk_id: int) -> HttpResponse:
    """A signed PK is revised into a new draft; the signed one stays as it was."""
    pk = get_for_user_or_404(PerjanjianKinerja, request.user, pk=pk_id)
    form = f.RevisiForm(request.POST)
    isian = form.cleaned_data if form.is_valid() else {}  # the service words a missing reason
    try:
        baru = services.revisi_pk(
            aktor=request.user,
            pk=pk,
            alasan=isian.get("alasan", ""),
            keterangan=isian.get("keterangan", ""),
        )
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
        return redirect("perencanaan:pk", pk_id=pk.pk)
    messages.success(
        request,
        _("Revisi ke-%(n)s dibuat sebagai draf; PK lama tetap tersimpan.")
        % {"n": baru.nomor_revisi},
    )
    return redirect("perencanaan:pk", pk_id=baru.pk)


@login_required
def pk_pdf(request: HttpRequest, pk_id: int) -> HttpResponse:
    from sakip.surat.dokumen_ttd import unduh_ttd

    from . import dokumen, excel

    pk = get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("instansi", "jabatan"), request.user, pk=pk_id
    )
    nama = _nama_berkas(excel.NAMA_BERKAS("pk", pk), ".pdf")
    # Signed with TTE through its SOP run: the signed file, with its stamp and QR.
    return unduh_ttd(pk, nama) or _unduh(dokumen.pk_pdf(pk), PDF, nama)


@login_required
def pk_docx(request: HttpRequest, pk_id: int) -> HttpResponse:
    from . import dokumen, excel

    pk = get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("instansi", "jabatan"), request.user, pk=pk_id
    )
    return _unduh(dokumen.pk_docx(pk), DOCX, _nama_berkas(excel.NAMA_BERKAS("pk", pk), ".docx"))


def _nama_berkas(nama_xlsx: str, akhiran: str) -> str:
    return str(Path(nama_xlsx).with_suffix(akhiran))


@login_required
def rencana_aksi(request: HttpRequest, pk_id: int) -> HttpResponse:
    """The PK's indicators × TW I–IV, saved together: every changed row or none."""
    pk = get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("instansi__pemda", "jabatan"),
        request.user,
        pk=pk_id,
    )
    indikator = list(
        IndikatorPK.objects.filter(sasaran__pk_dokumen=pk)
        .select_related("sasaran", "indikator_renstra__skala")
        .prefetch_related("aksi")
        .order_by("sasaran__urutan", "sasaran_id", "urutan", "id")
    )
    form = f.RencanaAksiForm(request.POST or None, indikator=indikator)
    if request.method == "POST":
        try:
            services.pastikan_boleh_ubah_rencana_aksi(request.user, pk)
            ditulis = form.simpan(request.user) if form.is_valid() else 0
        except services.AturanPerencanaan as exc:
            messages.error(request, _pesan(exc))
            return redirect("perencanaan:rencana_aksi", pk_id=pk.pk)
        if not form.errors:
            messages.success(request, _("Rencana aksi tersimpan (%(n)s baris).") % {"n": ditulis})
            return redirect("perencanaan:rencana_aksi", pk_id=pk.pk)
        messages.error(
            request,
            _("Tidak ada yang disimpan: perbaiki isian yang ditandai, lalu simpan lagi."),
        )
    return render(
        request,
        "perencanaan/rencana_aksi.html",
        {
            "pk": pk,
            "instansi": pk.instansi,
            "form": form,
            "jumlah_tw": _jumlah_triwulan(indikator),
            "triwulan": f.TRIWULAN,
            "boleh_ubah": pk.status != PerjanjianKinerja.Status.DIGANTI
            and PerjanjianKinerja.objects.for_user(request.user, ubah=True)
            .filter(pk=pk.pk)
            .exists(),
            "matriks": "rencana_aksi",
            "objek": pk,
        },
    )


def _jumlah_triwulan(indikator: list[IndikatorPK]) -> list[Decimal]:
    jumlah = [Decimal("0")] * 4
    for ind in indikator:
        for a in ind.aksi.all():
            if a.jenis_periode == "triwulan":
                jumlah[a.periode - 1] += a.anggaran
    return jumlah


# ---------------------------------------------------------------- inline rows


@dataclass(frozen=True)
class Editor:
    """A page that holds editable rows: its container model and how it is drawn."""

    model: type[models.Model]
    url_name: str
    tampil: Callable[[HttpRequest, models.Model], HttpResponse]


EDITOR = {
    "renstra": Editor(Renstra, "perencanaan:renstra", _tampil_renstra),
    "iku": Editor(Renstra, "perencanaan:iku", _tampil_iku),
    "anggaran": Editor(DokumenAnggaran, "perencanaan:anggaran", _tampil_anggaran),
    "pk": Editor(
        PerjanjianKinerja, "perencanaan:pk", lambda r, pk: _tampil_pk(r, _muat_pk(r.user, pk.pk))
    ),
}


@dataclass(frozen=True)
class Bagian:
    """One kind of editable row: model, form, the editor it lives in, the path from a row
    to that editor's document, and the element its form replaces (table row, list item,
    block)."""

    model: type[models.Model]
    form: type
    editor: str
    judul: str
    jalan: str = ""  # "" when the row is the document itself; "item.dokumen", …
    tag: str = "div"
    baru: bool = True  # rows of this kind are added one at a time
    hapus: bool = True

    def wadah_dari(self, objek: models.Model) -> models.Model:
        return attrgetter(self.jalan)(objek) if self.jalan else objek

    def buat(self, wadah: models.Model) -> models.Model:
        """A new row in `wadah`; one held by a parent row gets its parent from the form."""
        if "." in self.jalan:
            return self.model()
        return self.model(**{self.jalan: wadah})


_l = gettext_lazy
BAGIAN = {
    "renstra": Bagian(Renstra, f.RenstraForm, "renstra", _l("Renstra"), baru=False, hapus=False),
    "misi": Bagian(Misi, f.MisiForm, "renstra", _l("Misi"), "renstra", "li"),
    "tujuan": Bagian(Tujuan, f.TujuanForm, "renstra", _l("Tujuan"), "renstra"),
    "sasaran": Bagian(Sasaran, f.SasaranForm, "renstra", _l("Sasaran"), "renstra"),
    "strategi": Bagian(Strategi, f.StrategiForm, "renstra", _l("Strategi"), "renstra", "li"),
    "kebijakan": Bagian(
        Kebijakan, f.KebijakanForm, "renstra", _l("Arah kebijakan"), "renstra", "li"
    ),
    "program": Bagian(
        ProgramRenstra, f.ProgramRenstraForm, "renstra", _l("Program"), "renstra", "li"
    ),
    "indikator": Bagian(Indikator, f.IndikatorForm, "renstra", _l("Indikator"), "renstra", "tr"),
    "iku": Bagian(IKU, f.IKUForm, "iku", _l("IKU"), "renstra", "tr"),
    "dokumen": Bagian(
        DokumenAnggaran, f.PengesahanForm, "anggaran", _l("Pengesahan"), baru=False, hapus=False
    ),
    "item": Bagian(
        ItemAnggaran, f.ItemAnggaranForm, "anggaran", _l("Program/kegiatan/sub kegiatan"),
        "dokumen", "tr",
    ),
    "indikator-item": Bagian(
        IndikatorItem, f.IndikatorItemForm, "anggaran", _l("Indikator"), "item.dokumen", "li"
    ),
    "kas": Bagian(
        ItemAnggaran, f.KasForm, "anggaran", _l("Anggaran kas"), "dokumen", "tr",
        baru=False, hapus=False,
    ),
    "pk": Bagian(PerjanjianKinerja, f.PKForm, "pk", _l("Para pihak"), baru=False, hapus=False),
    "sasaran-pk": Bagian(SasaranPK, f.SasaranPKForm, "pk", _l("Sasaran"), "pk_dokumen"),
    "indikator-pk": Bagian(
        IndikatorPK, f.IndikatorPKForm, "pk", _l("Indikator kinerja"), "sasaran.pk_dokumen", "tr"
    ),
    "anggaran-pk": Bagian(
        AnggaranPK, f.AnggaranPKForm, "pk", _l("Program/kegiatan dan anggaran"), "pk_dokumen",
        "tr",
    ),
}  # fmt: skip


def _bagian(nama: str) -> Bagian:
    if nama not in BAGIAN:
        raise Http404("Bagian tidak dikenal.")
    return BAGIAN[nama]


def _kembali(request: HttpRequest, jenis: Bagian, wadah: models.Model) -> HttpResponse:
    """After a write: htmx gets the whole editor drawn again, a plain form a redirect."""
    editor = EDITOR[jenis.editor]
    if not is_htmx(request):
        return redirect(editor.url_name, wadah.pk)
    wadah = editor.model.objects.get(pk=wadah.pk)  # fresh: a refused form may have touched it
    respons = editor.tampil(request, wadah)
    respons["HX-Retarget"] = "#isi-editor"
    respons["HX-Reswap"] = "outerHTML"
    return respons


@login_required
def butir(request: HttpRequest, bagian: str, butir_id: int) -> HttpResponse:
    jenis = _bagian(bagian)
    objek = get_for_user_or_404(jenis.model, request.user, pk=butir_id)
    return _sunting(request, bagian, jenis, objek, jenis.wadah_dari(objek))


@login_required
def butir_baru(request: HttpRequest, bagian: str, wadah_id: int) -> HttpResponse:
    jenis = _bagian(bagian)
    if not jenis.baru:
        raise Http404("Baris jenis ini tidak ditambahkan satu per satu.")
    wadah = get_for_user_or_404(EDITOR[jenis.editor].model, request.user, pk=wadah_id)
    return _sunting(request, bagian, jenis, jenis.buat(wadah), wadah)


def _sunting(request, bagian: str, jenis: Bagian, objek, wadah) -> HttpResponse:
    """GET: the row's form; POST: save through the service, then the editor again."""
    try:
        # Evaluators get 403 here (PermissionDenied); a signed PK gets its message.
        services.pastikan_boleh_ubah(request.user, objek if objek.pk else wadah)
    except services.AturanPerencanaan as exc:
        messages.error(request, _pesan(exc))
        return _kembali(request, jenis, wadah)
    data = request.POST if request.method == "POST" else None
    # Several rows may be open at once: ids unique per row, names unchanged.
    auto_id = f"id_{bagian}_{objek.pk or 'baru'}_%s"
    form = jenis.form(data, instance=objek, wadah=wadah, auto_id=auto_id)
    if data is None:
        form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        if hasattr(form, "isi_dari_pilihan"):
            form.isi_dari_pilihan()
    elif form.is_valid():
        try:
            form.simpan(request.user)
        except services.AturanPerencanaan as exc:
            messages.error(request, _pesan(exc))
            return _kembali(request, jenis, wadah)
        except ValidationError as exc:
            f.pasang_galat(form, exc)
        else:
            messages.success(request, _("%(j)s tersimpan.") % {"j": jenis.judul})
            return _kembali(request, jenis, wadah)
    editor_url = reverse(EDITOR[jenis.editor].url_name, args=[wadah.pk])
    konteks = {
        "form": form,
        "objek": objek,
        "wadah": wadah,
        "instansi_id": wadah.instansi_id,
        "judul": (_("Ubah %(j)s") if objek.pk else _("Tambah %(j)s")) % {"j": jenis.judul},
        "aksi": request.path,
        "kembali": editor_url,
        "tag": jenis.tag,
    }
    if is_htmx(request):
        return render(request, "perencanaan/_sunting.html", konteks)
    return render(request, "perencanaan/sunting.html", {**konteks, "tag": "div", "penuh": True})


@login_required
def butir_hapus(request: HttpRequest, bagian: str, butir_id: int) -> HttpResponse:
    """GET asks for confirmation (without JavaScript); POST deletes through the service."""
    jenis = _bagian(bagian)
    if not jenis.hapus:
        raise Http404("Baris jenis ini tidak dihapus dari sini.")
    objek = get_for_user_or_404(jenis.model, request.user, pk=butir_id)
    wadah = jenis.wadah_dari(objek)
    try:
        services.pastikan_boleh_ubah(request.user, objek)
        if request.method != "POST":
            kembali = reverse(EDITOR[jenis.editor].url_name, args=[wadah.pk])
            return render(
                request,
                "perencanaan/hapus.html",
                {"objek": objek, "judul": jenis.judul, "kembali": kembali, "wadah": wadah},
            )
        services.hapus(aktor=request.user, objek=objek)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    except ProtectedError:
        messages.error(request, _("“%(o)s” masih dirujuk data lain.") % {"o": objek})
    else:
        messages.success(request, _("%(j)s “%(o)s” dihapus.") % {"j": jenis.judul, "o": objek})
    return _kembali(request, jenis, wadah)


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
    return _unduh(excel.ekspor(matriks, objek), XLSX, excel.NAMA_BERKAS(matriks, objek))


@login_required
def matriks_templat(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    from . import excel

    objek = _objek_matriks(request, matriks, objek_id)
    nama = "Templat_" + excel.NAMA_BERKAS(matriks, objek)
    return _unduh(excel.templat(matriks, objek), XLSX, nama)


@login_required
def matriks_pdf(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    from . import dokumen, excel

    objek = _objek_matriks(request, matriks, objek_id)
    if not MATRIKS[matriks].pdf:
        raise Http404("Matriks ini tidak dicetak sebagai PDF.")
    nama = _nama_berkas(excel.NAMA_BERKAS(matriks, objek), ".pdf")
    return _unduh(dokumen.matriks_pdf(matriks, objek), PDF, nama)


@login_required
def matriks_impor(request: HttpRequest, matriks: str, objek_id: int) -> HttpResponse:
    """Upload a filled matrix: all rows are written, or none and a table of what is wrong."""
    from . import excel

    objek = _objek_matriks(request, matriks, objek_id)
    halaman = reverse(MATRIKS[matriks].url_name, args=[objek.pk])
    try:
        services.pastikan_boleh_ubah(request.user, objek)  # evaluators: 403
    except services.AturanPerencanaan as exc:
        messages.error(request, _pesan(exc))
        return redirect(halaman)
    form = f.ImporForm(request.POST or None, request.FILES or None)
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
        return _("IKU %(a)s–%(b)s") % _periode(objek)
    if matriks == "rencana_aksi":
        return _("Rencana Aksi %(pk)s") % {"pk": objek}
    return str(objek)
