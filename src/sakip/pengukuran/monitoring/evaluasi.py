"""The quarterly evaluation (seed 001 steps 7–9) and its Rekomendasi Perbaikan Kinerja,
followed up by the official addressed and closed by the Sekretaris or the head (step 10)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import Instansi, Jabatan
from sakip.organisasi.pemangku import pemangku
from sakip.perencanaan.models import IndikatorPK, PerjanjianKinerja, RencanaAksi
from sakip.sop.dokumen_terikat import Kekurangan

from .. import capaian as rumus
from .. import penilaian, services
from ..models import EvaluasiTriwulan, Rekomendasi
from ..services import AturanPengukuran
from .akses import (
    boleh_menandatangani,
    boleh_menerbitkan,
    boleh_mengisi,
    boleh_menindaklanjuti,
    boleh_menutup,
    pastikan,
)
from .umum import ROMAWI, SERATUS, bulan_setelah_triwulan, label_triwulan, pk_tahun

# ---------------------------------------------------------------- quarterly evaluation


@dataclass
class BarisEvaluasi:
    """One PK indicator measured to the quarter's end against the quarter's target."""

    pk: PerjanjianKinerja
    indikator: IndikatorPK
    capaian: penilaian.CapaianIndikator
    target: str  # the target compared against, as displayed
    acuan: str  # "TW II" (the Rencana Aksi target) or "tahunan" (the PK target)
    hasil: rumus.Hasil
    kategori: str
    jabatan_tujuan: Jabatan

    @property
    def status(self) -> str:
        if self.acuan == "":
            return "tidak_ditargetkan"
        if self.hasil.nilai is None:
            return "belum_ada_data"
        return "tercapai" if self.hasil.nilai >= SERATUS else "tidak_tercapai"

    @property
    def tidak_tercapai(self) -> bool:
        return self.status == "tidak_tercapai"


def jabatan_tujuan(indikator: IndikatorPK, pk: PerjanjianKinerja) -> Jabatan:
    """Who answers for a missed target: the Renstra indicator's responsible position, else
    the official whose PK it is."""
    ref = indikator.indikator_renstra
    if ref is not None and ref.penanggung_jawab_id:
        return ref.penanggung_jawab
    return pk.jabatan


def _terhadap_target(c, indikator: IndikatorPK, target: RencanaAksi, aturan) -> rumus.Hasil:
    """Capaian of the realisation to date against a quarter's target (same formulas)."""
    ref = indikator.indikator_renstra
    if target.target_skala:
        skala = ref.skala.nilai if ref is not None and ref.skala is not None else []
        return rumus.hitung_skala(
            skala,
            str(c.realisasi or ""),
            target.target_skala,
            batas_atas=aturan.batas_atas,
            lantai_nol=aturan.lantai_nol,
        )
    return rumus.hitung(
        c.polaritas,
        c.realisasi,
        target.target,
        target_atas=target.target_atas,
        toleransi=ref.toleransi if ref is not None else None,
        batas_atas=aturan.batas_atas,
        lantai_nol=aturan.lantai_nol,
    )


def capaian_triwulan(instansi: Instansi, tahun: int, triwulan: int) -> list[BarisEvaluasi]:
    """Every PK indicator of the year, measured to the quarter's end (docs/domain.md §7).

    The quarter's Rencana Aksi target is the yardstick; an indicator with quarterly
    targets but none for this quarter is not assessed now, and one without any is held
    to its yearly PK target.
    """
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    daftar_pk = list(pk_tahun(instansi.pk, tahun))
    indikator = {
        i.pk: i
        for i in IndikatorPK.objects.filter(sasaran__pk_dokumen__in=daftar_pk).select_related(
            "indikator_renstra__skala", "indikator_renstra__penanggung_jawab"
        )
    }
    aksi = defaultdict(dict)
    for a in RencanaAksi.objects.filter(
        indikator_id__in=list(indikator), jenis_periode=RencanaAksi.Periode.TRIWULAN
    ):
        aksi[a.indikator_id][a.periode] = a
    hasil = []
    for pk in daftar_pk:
        for c in penilaian.capaian_pk(pk, triwulan * 3):
            ind = indikator[c.indikator_pk_id]
            target = aksi[ind.pk].get(triwulan)
            if target is not None and (target.target is not None or target.target_skala):
                h, teks, acuan = (
                    _terhadap_target(c, ind, target, aturan),
                    target,
                    f"TW {ROMAWI[triwulan]}",
                )
            elif aksi[ind.pk]:
                h, teks, acuan = rumus.Hasil(None, _("tidak ditargetkan triwulan ini")), None, ""
            else:
                h, teks, acuan = c.hasil, ind, "tahunan"
            hasil.append(
                BarisEvaluasi(
                    pk=pk,
                    indikator=ind,
                    capaian=c,
                    target=teks.target_tampil() if teks is not None else "—",
                    acuan=acuan,
                    hasil=h,
                    kategori=aturan.kategori_dari(h.nilai),
                    jabatan_tujuan=jabatan_tujuan(ind, pk),
                )
            )
    return hasil


def _kesimpulan_awal(baris: list[BarisEvaluasi], tahun: int, triwulan: int) -> str:
    gagal = [b for b in baris if b.tidak_tercapai]
    kosong = [b for b in baris if b.status == "belum_ada_data"]
    teks = _("%(n)s dari %(m)s indikator PK belum mencapai target s.d. %(tw)s.") % {
        "n": len(gagal),
        "m": len(baris),
        "tw": label_triwulan(tahun, triwulan),
    }
    for b in gagal:
        teks += f"\n- {b.indikator.nama} ({b.pk.jabatan.nama}): {b.hasil.rumus}"
    if kosong:
        teks += "\n" + _("%(n)s indikator belum ada realisasinya.") % {"n": len(kosong)}
    return teks


def buat_evaluasi(*, aktor, instansi: Instansi, tahun: int, triwulan: int) -> EvaluasiTriwulan:
    """The quarter's evaluation (seed 001 step 8), its conclusion drafted from the missed
    targets; asking again returns the existing one."""
    pastikan(
        boleh_mengisi(aktor, instansi.pk),
        _("Evaluasi disusun oleh Tim Monitoring atau Kasubag Perencanaan."),
    )
    if triwulan not in ROMAWI:
        raise AturanPengukuran(_("Triwulan hanya 1 sampai 4."))
    ada = EvaluasiTriwulan.objects.filter(instansi=instansi, tahun=tahun, triwulan=triwulan).first()
    if ada is not None:
        return ada
    kesimpulan = _kesimpulan_awal(capaian_triwulan(instansi, tahun, triwulan), tahun, triwulan)
    try:
        with transaction.atomic():
            return services.simpan(
                aktor=aktor,
                objek=EvaluasiTriwulan(
                    instansi=instansi, tahun=tahun, triwulan=triwulan, kesimpulan=kesimpulan
                ),
                keterangan=f"Menyusun evaluasi {label_triwulan(tahun, triwulan)}",
            )
    except IntegrityError:
        return EvaluasiTriwulan.objects.get(instansi=instansi, tahun=tahun, triwulan=triwulan)


def simpan_kesimpulan(*, aktor, evaluasi: EvaluasiTriwulan, kesimpulan: str) -> EvaluasiTriwulan:
    pastikan(
        boleh_mengisi(aktor, evaluasi.instansi_id),
        _("Evaluasi disusun oleh Tim Monitoring atau Kasubag Perencanaan."),
    )
    with transaction.atomic():
        evaluasi = EvaluasiTriwulan.objects.select_for_update(of=("self",)).get(pk=evaluasi.pk)
        if evaluasi.ditandatangani_pada is not None:
            raise AturanPengukuran(_("Evaluasi yang sudah ditandatangani tidak dapat diubah."))
        evaluasi.kesimpulan = (kesimpulan or "").strip()
        return services.simpan(aktor=aktor, objek=evaluasi, keterangan="Kesimpulan evaluasi")


def kekurangan_evaluasi(evaluasi: EvaluasiTriwulan) -> list[Kekurangan]:
    """What the evaluation lacks before it is handed on for paraf and signature."""
    if evaluasi.ditandatangani_pada is not None or evaluasi.kesimpulan.strip():
        return []
    url = reverse("pengukuran:evaluasi_triwulan", args=[evaluasi.pk]) + "#kesimpulan"
    return [Kekurangan(_("Kesimpulan evaluasi belum ditulis"), url)]


def tandatangani_evaluasi(*, aktor, evaluasi: EvaluasiTriwulan) -> EvaluasiTriwulan:
    """The head signs the quarter's evaluation (seed 001 step 7); signing twice is harmless."""
    pastikan(
        boleh_menandatangani(aktor, evaluasi.instansi_id),
        _("Evaluasi triwulan ditandatangani oleh kepala instansi."),
    )
    with transaction.atomic():
        evaluasi = EvaluasiTriwulan.objects.select_for_update(of=("self",)).get(pk=evaluasi.pk)
        if evaluasi.ditandatangani_pada is not None:
            return evaluasi
        if not evaluasi.kesimpulan.strip():
            raise AturanPengukuran(_("Tulis kesimpulan evaluasi sebelum ditandatangani."))
        evaluasi.ditandatangani_pada = timezone.now()
        return services.simpan(aktor=aktor, objek=evaluasi, keterangan="Evaluasi ditandatangani")


# ---------------------------------------------------------------- recommendations


def terbitkan_rekomendasi(
    *,
    aktor,
    evaluasi: EvaluasiTriwulan,
    uraian: str,
    jabatan: Jabatan | None = None,
    indikator_pk: IndikatorPK | None = None,
    dipantau_bulan: int | None = None,
) -> Rekomendasi:
    """A Rekomendasi Perbaikan Kinerja to the official answering for a missed target
    (seed 001 step 9), checked from the month after the quarter until closed."""
    pastikan(
        boleh_menerbitkan(aktor, evaluasi.instansi_id),
        _("Rekomendasi diterbitkan oleh Sekretaris atas perintah kepala instansi."),
    )
    uraian = (uraian or "").strip()
    if not uraian:
        raise AturanPengukuran(_("Tulis isi rekomendasi: perbaikan apa yang diminta?"))
    if indikator_pk is not None:
        pk = indikator_pk.sasaran.pk_dokumen
        if pk.instansi_id != evaluasi.instansi_id or pk.tahun != evaluasi.tahun:
            raise AturanPengukuran(_("Indikator bukan dari PK instansi dan tahun evaluasi ini."))
        jabatan = jabatan or jabatan_tujuan(indikator_pk, pk)
    if jabatan is None:
        raise AturanPengukuran(_("Pilih jabatan yang dituju rekomendasi."))
    if jabatan.instansi_id != evaluasi.instansi_id:
        raise AturanPengukuran(_("Rekomendasi ditujukan kepada jabatan di instansi ini."))
    with transaction.atomic():
        r = services.simpan(
            aktor=aktor,
            objek=Rekomendasi(
                evaluasi=evaluasi,
                instansi_id=evaluasi.instansi_id,
                jabatan=jabatan,
                indikator_pk=indikator_pk,
                uraian=uraian,
                dipantau_bulan=dipantau_bulan or bulan_setelah_triwulan(evaluasi.triwulan),
            ),
            keterangan="Menerbitkan rekomendasi "
            + label_triwulan(evaluasi.tahun, evaluasi.triwulan),
        )
        _kabari(r, _("Rekomendasi perbaikan kinerja untuk %(j)s") % {"j": jabatan.nama})
    return r


def _kabari(r: Rekomendasi, judul: str) -> None:
    tautan = reverse("pengukuran:rekomendasi", args=[r.pk])
    for orang in pemangku(r.jabatan):
        notifikasi.kirim(
            penerima=orang, judul=judul, isi=r.uraian, tautan=tautan, kunci=f"rekomendasi:{r.pk}"
        )


def tindak_lanjuti(*, aktor, rekomendasi: Rekomendasi, tindak_lanjut: str) -> Rekomendasi:
    """The official addressed records what was done (seed 001 step 10); may be revised until
    the recommendation is closed."""
    pastikan(
        boleh_menindaklanjuti(aktor, rekomendasi),
        _("Tindak lanjut diisi oleh pemangku jabatan %(j)s.") % {"j": rekomendasi.jabatan.nama},
    )
    tindak_lanjut = (tindak_lanjut or "").strip()
    if not tindak_lanjut:
        raise AturanPengukuran(_("Tulis tindak lanjut yang sudah dilakukan."))
    with transaction.atomic():
        r = Rekomendasi.objects.select_for_update(of=("self",)).get(pk=rekomendasi.pk)
        if r.status == Rekomendasi.Status.SELESAI:
            raise AturanPengukuran(_("Rekomendasi ini sudah ditutup."))
        r.tindak_lanjut = tindak_lanjut
        r.status = Rekomendasi.Status.DITINDAKLANJUTI
        r.ditindaklanjuti_oleh, r.ditindaklanjuti_pada = aktor, timezone.now()
        return services.simpan(aktor=aktor, objek=r, keterangan="Tindak lanjut rekomendasi")


def tutup_rekomendasi(*, aktor, rekomendasi: Rekomendasi) -> Rekomendasi:
    """The Sekretaris or the head closes a recommendation whose follow-up they accept."""
    pastikan(
        boleh_menutup(aktor, rekomendasi),
        _("Rekomendasi ditutup oleh Sekretaris atau kepala instansi."),
    )
    with transaction.atomic():
        r = Rekomendasi.objects.select_for_update(of=("self",)).get(pk=rekomendasi.pk)
        if r.status == Rekomendasi.Status.SELESAI:
            return r
        if r.status != Rekomendasi.Status.DITINDAKLANJUTI:
            raise AturanPengukuran(_("Rekomendasi ditutup setelah ada tindak lanjutnya."))
        r.status = Rekomendasi.Status.SELESAI
        r.ditutup_oleh, r.ditutup_pada = aktor, timezone.now()
        return services.simpan(aktor=aktor, objek=r, keterangan="Menutup rekomendasi")
