"""Performance planning (docs/domain.md §6): Renstra → Renja → RKA/DPA → IKU → PK → Rencana Aksi.

Targets are either numbers with a unit or a value on a named scale (e.g. the BPK
opinion WTP/WDP/TW/TMP); `NilaiTarget` holds both, and a range [target, target_atas]
for indicators whose polarity is `rentang`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.models import DokumenTertandatangani
from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Jabatan, Pemda

USER = settings.AUTH_USER_MODEL
ANGKA = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
UANG = {"max_digits": 18, "decimal_places": 2, "default": Decimal("0")}


class Polaritas(models.TextChoices):
    NAIK = "naik", _("Naik (makin tinggi makin baik)")
    TURUN = "turun", _("Turun (makin rendah makin baik)")
    RENTANG = "rentang", _("Rentang target")
    STABIL = "stabil", _("Stabil (dalam batas toleransi)")


class Agregasi(models.TextChoices):
    KUMULATIF = "kumulatif", _("Kumulatif")
    RATA_RATA = "rata_rata", _("Rata-rata")
    AKHIR_PERIODE = "akhir_periode", _("Akhir periode")


class Skala(models.Model):
    """A named scale used as a unit, e.g. "Opini BPK": WTP, WDP, TW, TMP (best first)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="skala")
    nama = models.CharField(_("nama skala"), max_length=100)
    nilai = models.JSONField(
        _("nilai (terbaik lebih dulu)"), default=list, help_text=_('Mis. ["WTP", "WDP"].')
    )

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Skala target")
        verbose_name_plural = _("Skala target")
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="skala_nama_unik")]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if not isinstance(self.nilai, list) or not self.nilai:
            raise ValidationError({"nilai": _("Isi paling sedikit satu nilai skala.")})
        if len({str(v).strip().upper() for v in self.nilai}) != len(self.nilai):
            raise ValidationError({"nilai": _("Nilai skala tidak boleh berulang.")})


class NilaiTarget(models.Model):
    """A target (or realisation) as a number, a range, or a value on the indicator's scale."""

    target = models.DecimalField(_("target"), **ANGKA)
    target_atas = models.DecimalField(_("batas atas target"), **ANGKA)
    target_skala = models.CharField(_("target (skala)"), max_length=50, blank=True)

    class Meta:
        abstract = True

    def indikator_acuan(self):
        """The indicator that says what kind of target this is (unit, scale, polarity)."""
        raise NotImplementedError

    def target_tampil(self) -> str:
        from sakip.lib.formatting import angka

        if self.target_skala:
            return self.target_skala
        if self.target is None:
            return "—"
        desimal = 0 if self.target == self.target.to_integral() else 2
        teks = angka(self.target, desimal)
        if self.target_atas is not None:
            teks += f" – {angka(self.target_atas, desimal)}"
        return teks

    def clean(self) -> None:
        super().clean()
        validasi_target(self, self.indikator_acuan())


def validasi_target(nilai: NilaiTarget, indikator) -> None:
    """docs/domain.md §6–7: a number with a unit, a range for `rentang`, or a scale value."""
    if indikator is None:
        return
    skala = indikator.skala
    if skala is not None:
        if nilai.target is not None or nilai.target_atas is not None:
            raise ValidationError(
                _("Indikator “%(nama)s” memakai skala %(skala)s: isi nilai skala, bukan angka.")
                % {"nama": indikator.nama, "skala": skala.nama}
            )
        pilihan = [str(v) for v in skala.nilai]
        if nilai.target_skala and nilai.target_skala not in pilihan:
            raise ValidationError(
                _("“%(nilai)s” bukan nilai skala %(skala)s (pilihan: %(pilihan)s).")
                % {"nilai": nilai.target_skala, "skala": skala.nama, "pilihan": ", ".join(pilihan)}
            )
        return
    if nilai.target_skala:
        raise ValidationError(
            _("Indikator “%(nama)s” bersatuan %(satuan)s: target harus angka.")
            % {"nama": indikator.nama, "satuan": indikator.satuan}
        )
    if indikator.polaritas == Polaritas.RENTANG:
        if (nilai.target is None) != (nilai.target_atas is None):
            raise ValidationError(_("Target rentang perlu batas bawah dan batas atas."))
        if nilai.target is not None and nilai.target_atas < nilai.target:
            raise ValidationError(_("Batas atas rentang tidak boleh lebih kecil dari batas bawah."))
    elif nilai.target_atas is not None:
        raise ValidationError(_("Batas atas hanya untuk indikator berpolaritas rentang."))


# ---------------------------------------------------------------- Renstra


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
