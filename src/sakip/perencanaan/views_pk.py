"""The Perjanjian Kinerja page (parties, sasaran, budget, cascade, signature, revision), its
printed PDF/Word, and the Rencana Aksi grid."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.organisasi.models import Jabatan

from . import services
from .forms import TRIWULAN
from .forms_pk import RencanaAksiForm, RevisiForm, TandaTanganForm
from .models import AnggaranPK, IndikatorPK, PerjanjianKinerja, SasaranPK
from .views import DIGANTI, DOCX, PDF, nama_berkas, pesan, pesan_form, tampil, unduh

# ---------------------------------------------------------------- Perjanjian Kinerja


def muat_pk(user, pk_id: int) -> PerjanjianKinerja:
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
    return tampil_pk(request, muat_pk(request.user, pk_id))


def tampil_pk(request: HttpRequest, pk: PerjanjianKinerja) -> HttpResponse:
    """The PK page for a PK loaded by `muat_pk`."""
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
    return tampil(
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
            "form_ttd": TandaTanganForm(initial={"tanggal": timezone.localdate()}),
            "form_revisi": RevisiForm(),
            "matriks": "pk",
            "objek": pk,
        },
    )


@require_POST
@login_required
def pk_tandatangan(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = get_for_user_or_404(PerjanjianKinerja, request.user, pk=pk_id)
    form = TandaTanganForm(request.POST)
    if not form.is_valid():
        messages.error(request, pesan_form(form))
        return redirect("perencanaan:pk", pk_id=pk.pk)
    try:
        hasil = services.tandatangani_pk(
            aktor=request.user, pk=pk, tanggal=form.cleaned_data["tanggal"]
        )
    except ValidationError as exc:
        messages.error(request, pesan(exc))
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
    form = RevisiForm(request.POST)
    isian = form.cleaned_data if form.is_valid() else {}  # the service words a missing reason
    try:
        baru = services.revisi_pk(
            aktor=request.user,
            pk=pk,
            alasan=isian.get("alasan", ""),
            keterangan=isian.get("keterangan", ""),
        )
    except ValidationError as exc:
        messages.error(request, pesan(exc))
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
    nama = nama_berkas(excel.NAMA_BERKAS("pk", pk), ".pdf")
    # Signed with TTE through its SOP run: the signed file, with its stamp and QR.
    return unduh_ttd(pk, nama) or unduh(dokumen.pk_pdf(pk), PDF, nama)


@login_required
def pk_docx(request: HttpRequest, pk_id: int) -> HttpResponse:
    from . import dokumen, excel

    pk = get_for_user_or_404(
        PerjanjianKinerja.objects.select_related("instansi", "jabatan"), request.user, pk=pk_id
    )
    return unduh(dokumen.pk_docx(pk), DOCX, nama_berkas(excel.NAMA_BERKAS("pk", pk), ".docx"))


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
    form = RencanaAksiForm(request.POST or None, indikator=indikator)
    if request.method == "POST":
        try:
            services.pastikan_boleh_ubah_rencana_aksi(request.user, pk)
            ditulis = form.simpan(request.user) if form.is_valid() else 0
        except services.AturanPerencanaan as exc:
            messages.error(request, pesan(exc))
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
            "triwulan": TRIWULAN,
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
