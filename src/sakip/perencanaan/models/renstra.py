"""Renstra: visi, misi, tujuan, sasaran, strategi, kebijakan, program and their indicators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Jabatan

from .dasar import ANGKA, Agregasi, NilaiTarget, Polaritas, Skala, validasi_target


class Renstra(models.Model):
    """The five-year strategic plan of an agency."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="renstra")
    tahun_awal = models.PositiveIntegerField(
        _("tahun awal"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tahun_akhir = models.PositiveIntegerField(
        _("tahun akhir"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    visi = models.TextField(_("visi"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAF)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "renstra"

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["instansi", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun_awal"], name="renstra_periode_unik")
        ]

    def __str__(self) -> str:
        return f"Renstra {self.instansi.nama} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def clean(self) -> None:
        if self.tahun_awal and self.tahun_akhir:
            if self.tahun_akhir < self.tahun_awal:
                raise ValidationError(_("Tahun akhir Renstra tidak boleh sebelum tahun awal."))
            if self.tahun_akhir - self.tahun_awal > 5:
                raise ValidationError(_("Periode Renstra paling lama enam tahun anggaran."))

    def memuat_tahun(self, tahun: int) -> bool:
        return self.tahun_awal <= tahun <= self.tahun_akhir


class BagianRenstra(models.Model):
    """Shared shape of the Renstra's numbered statements."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE)
    kode = models.CharField(_("kode"), max_length=30)
    uraian = models.TextField(_("uraian"))
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "renstra__instansi__pemda"
    instansi_path = "renstra__instansi"

    class Meta:
        abstract = True
        ordering = ["urutan", "kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Misi(BagianRenstra):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="misi")

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Misi")
        verbose_name_plural = _("Misi")


class Tujuan(BagianRenstra):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    misi = models.ForeignKey(Misi, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Tujuan")
        verbose_name_plural = _("Tujuan")
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]


class Sasaran(BagianRenstra):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Sasaran strategis")
        verbose_name_plural = _("Sasaran strategis")
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik")
        ]


class Strategi(BagianRenstra):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="strategi")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="strategi")

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Strategi")
        verbose_name_plural = _("Strategi")


class Kebijakan(BagianRenstra):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="kebijakan")
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="kebijakan")

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Arah kebijakan")
        verbose_name_plural = _("Arah kebijakan")


class ProgramRenstra(BagianRenstra):
    """A program (Kepmendagri 050 code) that serves a sasaran, with its five-year pagu."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="program")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="program")

    class Meta(BagianRenstra.Meta):
        verbose_name = _("Program Renstra")
        verbose_name_plural = _("Program Renstra")


class Indikator(models.Model):
    """An indicator of a Renstra tujuan or sasaran, with baseline and yearly targets."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("indikator"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=50)
    skala = models.ForeignKey(
        Skala, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("skala")
    )
    polaritas = models.CharField(
        _("polaritas"), max_length=10, choices=Polaritas.choices, default=Polaritas.NAIK
    )
    agregasi = models.CharField(
        _("agregasi periode"),
        max_length=15,
        choices=Agregasi.choices,
        default=Agregasi.AKHIR_PERIODE,
    )
    toleransi = models.DecimalField(
        _("toleransi (stabil)"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    baseline = models.DecimalField(_("kondisi awal"), **ANGKA)
    baseline_skala = models.CharField(_("kondisi awal (skala)"), max_length=50, blank=True)
    target_akhir = models.DecimalField(_("target akhir periode"), **ANGKA)
    target_akhir_atas = models.DecimalField(_("batas atas target akhir"), **ANGKA)
    target_akhir_skala = models.CharField(_("target akhir (skala)"), max_length=50, blank=True)
    definisi = models.TextField(_("definisi operasional"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=300, blank=True)
    penanggung_jawab = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # LKjIP Bab III compares with a national standard where one exists (docs/domain.md §7).
    standar_nasional = models.CharField(_("standar nasional"), max_length=100, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "renstra__instansi__pemda"
    instansi_path = "renstra__instansi"
    riwayat_jenis = "indikator"

    class Meta:
        verbose_name = _("Indikator Renstra")
        verbose_name_plural = _("Indikator Renstra")
        ordering = ["urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(
                condition=Q(tujuan__isnull=True) ^ Q(sasaran__isnull=True),
                name="indikator_tujuan_atau_sasaran",
                violation_error_message=_("Indikator melekat pada satu tujuan atau satu sasaran."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self) -> None:
        if self.polaritas == Polaritas.STABIL and self.toleransi is None and self.skala is None:
            raise ValidationError({"toleransi": _("Indikator stabil memerlukan toleransi.")})
        akhir = TargetTahunan(
            target=self.target_akhir,
            target_atas=self.target_akhir_atas,
            target_skala=self.target_akhir_skala,
        )
        validasi_target(akhir, self)
        awal = TargetTahunan(target=self.baseline, target_skala=self.baseline_skala)
        if self.polaritas != Polaritas.RENTANG:
            validasi_target(awal, self)
        if self.penanggung_jawab_id and self.renstra_id:
            if self.penanggung_jawab.instansi_id != self.renstra.instansi_id:
                raise ValidationError(
                    {"penanggung_jawab": _("Penanggung jawab harus jabatan di instansi ini.")}
                )


class TargetTahunan(NilaiTarget):
    """The Renstra target of one indicator for one year of the period."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveIntegerField(_("tahun"))

    objects = ScopedManager()
    pemda_path = "indikator__renstra__instansi__pemda"
    instansi_path = "indikator__renstra__instansi"

    class Meta:
        verbose_name = _("Target tahunan")
        verbose_name_plural = _("Target tahunan")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_tahunan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.target_tampil()}"

    def indikator_acuan(self):
        return self.indikator if self.indikator_id else None

    def clean(self) -> None:
        super().clean()
        if self.indikator_id and not self.indikator.renstra.memuat_tahun(self.tahun):
            r = self.indikator.renstra
            raise ValidationError(
                {
                    "tahun": _("Tahun %(t)s di luar periode Renstra %(a)s–%(b)s.")
                    % {"t": self.tahun, "a": r.tahun_awal, "b": r.tahun_akhir}
                }
            )


# ---------------------------------------------------------------- Renja, RKA, DPA
