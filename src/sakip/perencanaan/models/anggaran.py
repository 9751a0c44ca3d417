"""Renja, RKA and DPA: the budget documents, their items, indicators and cash plans."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Jabatan

from .dasar import UANG, NilaiTarget
from .renstra import Indikator, ProgramRenstra, Renstra


class DokumenAnggaran(models.Model):
    """The yearly Renja, RKA or DPA: program → kegiatan → sub-kegiatan with pagu."""

    class Jenis(models.TextChoices):
        RENJA = "renja", _("Renja")
        RKA = "rka", _("RKA")
        DPA = "dpa", _("DPA")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="dok_anggaran")
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="dok_anggaran")
    jenis = models.CharField(_("jenis"), max_length=5, choices=Jenis.choices)
    tahun = models.PositiveIntegerField(_("tahun"))
    nomor = models.CharField(_("nomor"), max_length=100, blank=True)
    tanggal_pengesahan = models.DateField(_("tanggal pengesahan"), null=True, blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "anggaran"

    class Meta:
        verbose_name = _("Renja/RKA/DPA")
        verbose_name_plural = _("Renja/RKA/DPA")
        ordering = ["instansi", "-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis", "tahun"], name="dokumen_anggaran_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.instansi.nama} {self.tahun}"

    def clean(self) -> None:
        if self.renstra_id and self.tahun and not self.renstra.memuat_tahun(self.tahun):
            raise ValidationError(
                {
                    "tahun": _("Tahun %(t)s di luar periode Renstra %(a)s–%(b)s.")
                    % {"t": self.tahun, "a": self.renstra.tahun_awal, "b": self.renstra.tahun_akhir}
                }
            )
        if self.renstra_id and self.instansi_id and self.renstra.instansi_id != self.instansi_id:
            raise ValidationError({"renstra": _("Renstra harus milik instansi yang sama.")})

    def total_pagu(self) -> Decimal:
        return self.item.filter(level=ItemAnggaran.Level.PROGRAM).aggregate(s=Sum("pagu"))[
            "s"
        ] or Decimal("0")


class ItemAnggaran(models.Model):
    """A program, kegiatan or sub-kegiatan of a Renja/RKA/DPA, with its pagu."""

    class Level(models.TextChoices):
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "sub", _("Sub kegiatan")

    dokumen = models.ForeignKey(DokumenAnggaran, on_delete=models.CASCADE, related_name="item")
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak"
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=500)
    pagu = models.DecimalField(_("pagu (Rp)"), **UANG)
    program_renstra = models.ForeignKey(
        ProgramRenstra, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    penanggung_jawab = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "dokumen__instansi__pemda"
    instansi_path = "dokumen__instansi"

    class Meta:
        verbose_name = _("Program/kegiatan/sub kegiatan")
        verbose_name_plural = _("Program/kegiatan/sub kegiatan")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["dokumen", "kode"], name="item_anggaran_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self) -> None:
        induk_level = {"program": None, "kegiatan": "program", "sub": "kegiatan"}[self.level]
        if induk_level is None and self.induk_id:
            raise ValidationError({"induk": _("Program tidak berinduk.")})
        if induk_level and (self.induk_id is None or self.induk.level != induk_level):
            raise ValidationError(
                {
                    "induk": _("%(level)s harus berinduk pada %(induk)s.")
                    % {"level": self.get_level_display(), "induk": induk_level}
                }
            )
        if self.induk_id and self.induk.dokumen_id != self.dokumen_id:
            raise ValidationError({"induk": _("Induk harus pada dokumen yang sama.")})


class IndikatorItem(NilaiTarget):
    """An indicator of a program/kegiatan/sub-kegiatan with its target for the year."""

    item = models.ForeignKey(ItemAnggaran, on_delete=models.CASCADE, related_name="indikator")
    nama = models.CharField(_("indikator"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=50)
    indikator_renstra = models.ForeignKey(
        Indikator, on_delete=models.SET_NULL, null=True, blank=True, related_name="turunan"
    )
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "item__dokumen__instansi__pemda"
    instansi_path = "item__dokumen__instansi"

    class Meta:
        verbose_name = _("Indikator program/kegiatan")
        verbose_name_plural = _("Indikator program/kegiatan")
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return self.nama

    def indikator_acuan(self):
        return self.indikator_renstra if self.indikator_renstra_id else None

    def clean(self) -> None:
        super().clean()
        if self.indikator_renstra_id and self.item_id:
            if self.indikator_renstra.renstra_id != self.item.dokumen.renstra_id:
                raise ValidationError(
                    {"indikator_renstra": _("Indikator Renstra harus dari Renstra dokumen ini.")}
                )


class AnggaranKas(models.Model):
    """The monthly cash plan of a sub-kegiatan (RKA/DPA)."""

    item = models.ForeignKey(ItemAnggaran, on_delete=models.CASCADE, related_name="kas")
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    jumlah = models.DecimalField(_("jumlah (Rp)"), **UANG)

    objects = ScopedManager()
    pemda_path = "item__dokumen__instansi__pemda"
    instansi_path = "item__dokumen__instansi"

    class Meta:
        verbose_name = _("Anggaran kas")
        verbose_name_plural = _("Anggaran kas")
        ordering = ["item", "bulan"]
        constraints = [models.UniqueConstraint(fields=["item", "bulan"], name="anggaran_kas_unik")]

    def __str__(self) -> str:
        return f"{self.item.kode} bulan {self.bulan}: {self.jumlah}"


# ---------------------------------------------------------------- IKU
