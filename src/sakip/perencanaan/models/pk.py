"""IKU, Perjanjian Kinerja with its sasaran, indicators and budget, and the Rencana Aksi."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.models import DokumenTertandatangani
from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Jabatan

from .anggaran import ItemAnggaran
from .dasar import UANG, USER, NilaiTarget
from .renstra import Indikator, Renstra, Sasaran


class IKU(models.Model):
    """A key performance indicator chosen from the Renstra, with its IKU fields."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="iku")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="iku")
    tahun_mulai = models.PositiveIntegerField(_("berlaku mulai tahun"))
    alasan = models.TextField(_("alasan pemilihan"), blank=True)
    definisi = models.TextField(_("definisi operasional"))
    formula = models.TextField(_("formulasi"))
    sumber_data = models.CharField(_("sumber data"), max_length=300)
    penanggung_jawab = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="+", verbose_name=_("penanggung jawab")
    )

    objects = ScopedManager()
    pemda_path = "renstra__instansi__pemda"
    instansi_path = "renstra__instansi"
    riwayat_jenis = "iku"

    class Meta:
        verbose_name = _("IKU")
        verbose_name_plural = _("IKU")
        ordering = ["renstra", "indikator__urutan", "indikator__kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "indikator"], name="iku_indikator_unik")
        ]

    def __str__(self) -> str:
        return f"IKU {self.indikator}"

    def clean(self) -> None:
        if self.indikator_id and self.renstra_id and self.indikator.renstra_id != self.renstra_id:
            raise ValidationError({"indikator": _("Indikator harus dari Renstra yang sama.")})
        if self.renstra_id and self.tahun_mulai and not self.renstra.memuat_tahun(self.tahun_mulai):
            raise ValidationError({"tahun_mulai": _("Tahun di luar periode Renstra.")})


# ---------------------------------------------------------------- Perjanjian Kinerja


class PerjanjianKinerja(DokumenTertandatangani):
    """The performance agreement of one official for one year (PermenPAN-RB 53/2014).

    A signed PK never changes: a revision (new official, strategy or budget) is a new
    row pointing at the one it revises, which stays as signed.
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")
        DIGANTI = "diganti", _("Diganti revisi")

    class AlasanRevisi(models.TextChoices):
        PEJABAT = "pejabat", _("Pergantian pejabat")
        STRATEGI = "strategi", _("Perubahan strategi")
        ANGGARAN = "anggaran", _("Perubahan anggaran")
        LAINNYA = "lainnya", _("Lainnya")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="perjanjian_kinerja"
    )
    tahun = models.PositiveIntegerField(_("tahun"))
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.PROTECT,
        related_name="perjanjian_kinerja",
        verbose_name=_("jabatan pihak pertama"),
    )
    pihak_pertama = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="pk_pertama", verbose_name=_("pihak pertama")
    )
    pihak_kedua = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pk_kedua",
        verbose_name=_("pihak kedua"),
    )
    # The superior may sit outside the system (the Bupati for a Camat): named by text.
    pihak_kedua_nama = models.CharField(_("nama pihak kedua"), max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField(_("jabatan pihak kedua"), max_length=200, blank=True)
    pk_atasan = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pk_bawahan",
        verbose_name=_("PK atasan (kaskade)"),
    )
    revisi_dari = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisi"
    )
    nomor_revisi = models.PositiveIntegerField(_("revisi ke"), default=0)
    alasan_revisi = models.CharField(
        _("alasan revisi"), max_length=12, choices=AlasanRevisi.choices, blank=True
    )
    keterangan_revisi = models.TextField(_("keterangan revisi"), blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAF)
    tempat = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    peringatan = models.TextField(_("peringatan"), blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "pk"

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["instansi", "-tahun", "jabatan__urutan", "-nomor_revisi"]
        constraints = [
            # One live (not replaced) PK per position and year.
            models.UniqueConstraint(
                fields=["jabatan", "tahun"],
                condition=~Q(status="diganti"),
                name="pk_satu_berlaku_per_jabatan_tahun",
                violation_error_message=_("Jabatan ini sudah punya PK untuk tahun tersebut."),
            )
        ]

    def __str__(self) -> str:
        r = f" (revisi {self.nomor_revisi})" if self.nomor_revisi else ""
        return f"PK {self.tahun} {self.jabatan.nama}{r}"

    @property
    def terkunci(self) -> bool:
        return self.status != self.Status.DRAF

    def total_anggaran(self) -> Decimal:
        return sum((a.anggaran for a in self.anggaran.all()), Decimal("0"))


class SasaranPK(models.Model):
    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="sasaran"
    )
    uraian = models.TextField(_("sasaran"))
    sasaran_renstra = models.ForeignKey(
        Sasaran, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Cascade: the superior's sasaran this one carries down.
    sasaran_atasan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="turunan"
    )
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "pk_dokumen__instansi__pemda"
    instansi_path = "pk_dokumen__instansi"

    class Meta:
        verbose_name = _("Sasaran PK")
        verbose_name_plural = _("Sasaran PK")
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return self.uraian


class IndikatorPK(NilaiTarget):
    sasaran = models.ForeignKey(SasaranPK, on_delete=models.CASCADE, related_name="indikator")
    nama = models.CharField(_("indikator kinerja"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=50)
    indikator_renstra = models.ForeignKey(
        Indikator, on_delete=models.SET_NULL, null=True, blank=True, related_name="indikator_pk"
    )
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "sasaran__pk_dokumen__instansi__pemda"
    instansi_path = "sasaran__pk_dokumen__instansi"

    class Meta:
        verbose_name = _("Indikator PK")
        verbose_name_plural = _("Indikator PK")
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return self.nama

    def indikator_acuan(self):
        return self.indikator_renstra if self.indikator_renstra_id else None


class AnggaranPK(models.Model):
    """Program (eselon III) or kegiatan/sub-kegiatan (eselon IV) and its budget in a PK."""

    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="anggaran"
    )
    item = models.ForeignKey(
        ItemAnggaran, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uraian = models.CharField(_("program/kegiatan"), max_length=500)
    anggaran = models.DecimalField(_("anggaran (Rp)"), **UANG)
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "pk_dokumen__instansi__pemda"
    instansi_path = "pk_dokumen__instansi"

    class Meta:
        verbose_name = _("Anggaran PK")
        verbose_name_plural = _("Anggaran PK")
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return f"{self.uraian}: {self.anggaran}"


class RencanaAksi(NilaiTarget):
    """A PK indicator's target for one quarter (1–4) or month (1–12), with actions and budget."""

    class Periode(models.TextChoices):
        TRIWULAN = "triwulan", _("Triwulan")
        BULAN = "bulan", _("Bulan")

    indikator = models.ForeignKey(IndikatorPK, on_delete=models.CASCADE, related_name="aksi")
    jenis_periode = models.CharField(max_length=10, choices=Periode.choices)
    periode = models.PositiveSmallIntegerField(
        _("triwulan/bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    aksi = models.TextField(_("rencana aksi"), blank=True)
    anggaran = models.DecimalField(_("anggaran (Rp)"), **UANG)

    objects = ScopedManager()
    pemda_path = "indikator__sasaran__pk_dokumen__instansi__pemda"
    instansi_path = "indikator__sasaran__pk_dokumen__instansi"

    class Meta:
        verbose_name = _("Rencana aksi")
        verbose_name_plural = _("Rencana aksi")
        ordering = ["indikator", "jenis_periode", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "jenis_periode", "periode"], name="rencana_aksi_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.jenis_periode} {self.periode}"

    def indikator_acuan(self):
        return self.indikator.indikator_renstra if self.indikator_id else None

    def clean(self) -> None:
        super().clean()
        if self.jenis_periode == self.Periode.TRIWULAN and self.periode > 4:
            raise ValidationError({"periode": _("Triwulan hanya 1 sampai 4.")})
