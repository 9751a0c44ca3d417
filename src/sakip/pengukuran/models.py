"""Measuring performance (docs/domain.md §7; seed 001's monitoring cycle; seed 003's data requests).

Realisasi is recorded per month: for a Renstra indicator (the agency-level measure, by
its responsible position) or for a PK indicator that has no Renstra indicator (an
official's own output measure). Budget realisation is per sub-kegiatan per month. A
month closed by the Kasubag is locked; reopening needs a reason and is audited.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.models import DokumenTertandatangani
from sakip.dokumen.penyimpanan import HashBerkasMixin
from sakip.lib.akses import ScopedManager, ScopedQuerySet
from sakip.organisasi.models import Instansi, Jabatan, Pemda
from sakip.perencanaan.models import Indikator, IndikatorPK, ItemAnggaran

USER = settings.AUTH_USER_MODEL
BULAN = [MinValueValidator(1), MaxValueValidator(12)]
ANGKA = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
UANG = {"max_digits": 18, "decimal_places": 2, "default": Decimal("0")}


class AturanCapaian(models.Model):
    """A Pemda's capaian settings: cap (e.g. 120%) and floor at 0 (docs/domain.md §7)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="aturan_capaian")
    batas_atas = models.DecimalField(
        _("batas atas capaian (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kosongkan bila capaian tidak dibatasi; sebagian Pemda memakai 120."),
    )
    lantai_nol = models.BooleanField(_("capaian negatif dibulatkan ke 0"), default=True)

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Aturan capaian")
        verbose_name_plural = _("Aturan capaian")

    def __str__(self) -> str:
        return f"Aturan capaian {self.pemda}"


class KategoriCapaian(models.Model):
    """One band of the Pemda's category scale, e.g. ≥ 91 Sangat Baik."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kategori_capaian")
    batas_bawah = models.DecimalField(_("batas bawah (%)"), max_digits=7, decimal_places=2)
    nama = models.CharField(_("kategori"), max_length=50)
    warna = models.CharField(_("warna"), max_length=7, default="#0b4f8a")

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Kategori capaian")
        verbose_name_plural = _("Kategori capaian")
        ordering = ["pemda", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "batas_bawah"], name="kategori_batas_unik")
        ]

    def __str__(self) -> str:
        return f"≥ {self.batas_bawah}: {self.nama}"


class RealisasiQuerySet(ScopedQuerySet):
    """Realisations; `disetujui()` is THE rule of what counts (see `Realisasi.DIHITUNG`)."""

    def disetujui(self) -> RealisasiQuerySet:
        """Only the values that count: capaian, completeness, reports, dashboards, the
        Pemda comparison and the API read realisations through this and nothing else."""
        return self.filter(status__in=Realisasi.DIHITUNG)

    def menunggu_persetujuan(self) -> RealisasiQuerySet:
        """Submitted and not yet reviewed: shown as waiting, never counted."""
        return self.filter(status=Realisasi.Status.DIAJUKAN)


class Realisasi(models.Model):
    """The value of an indicator for one month, with evidence, reviewed by the Kasubag.

    Only an approved value counts (`DIHITUNG`, read through `objects.disetujui()`): a draft,
    a submission waiting for the Kasubag or a returned entry never moves a capaian."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    # The statuses whose value counts; the one place the rule is written.
    DIHITUNG = (Status.DISETUJUI,)

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), validators=BULAN)
    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, null=True, blank=True, related_name="realisasi"
    )
    indikator_pk = models.ForeignKey(
        IndikatorPK, on_delete=models.CASCADE, null=True, blank=True, related_name="realisasi"
    )
    nilai = models.DecimalField(_("realisasi"), **ANGKA)
    nilai_skala = models.CharField(_("realisasi (skala)"), max_length=50, blank=True)
    catatan = models.TextField(_("catatan / penjelasan"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAF)
    diisi_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    diisi_pada = models.DateTimeField(null=True, blank=True)
    diperiksa_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diperiksa_pada = models.DateTimeField(null=True, blank=True)
    catatan_pemeriksa = models.TextField(_("catatan pemeriksa"), blank=True)

    objects = models.Manager.from_queryset(RealisasiQuerySet)()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "realisasi"

    class Meta:
        verbose_name = _("Realisasi indikator")
        verbose_name_plural = _("Realisasi indikator")
        ordering = ["tahun", "bulan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indikator__isnull=True) ^ Q(indikator_pk__isnull=True),
                name="realisasi_satu_indikator",
            ),
            models.UniqueConstraint(
                fields=["indikator", "tahun", "bulan"],
                condition=Q(indikator__isnull=False),
                name="realisasi_indikator_bulan_unik",
            ),
            models.UniqueConstraint(
                fields=["indikator_pk", "tahun", "bulan"],
                condition=Q(indikator_pk__isnull=False),
                name="realisasi_indikator_pk_bulan_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.acuan} {self.bulan}/{self.tahun}"

    @property
    def dihitung(self) -> bool:
        """Whether this value counts (the same rule as `objects.disetujui()`)."""
        return self.status in self.DIHITUNG

    @property
    def menunggu_persetujuan(self) -> bool:
        return self.status == self.Status.DIAJUKAN

    @property
    def acuan(self):
        """The indicator measured (Renstra or PK)."""
        return self.indikator or self.indikator_pk

    def skala(self):
        sumber = self.indikator or (
            self.indikator_pk.indikator_renstra if self.indikator_pk else None
        )
        return sumber.skala if sumber is not None else None

    def clean(self) -> None:
        skala = self.skala()
        if skala is not None:
            if self.nilai is not None:
                raise ValidationError(
                    _("Indikator ini memakai skala: isi nilai skala, bukan angka.")
                )
            if self.nilai_skala and self.nilai_skala not in [str(v) for v in skala.nilai]:
                raise ValidationError(
                    _("“%(v)s” bukan nilai skala %(s)s.") % {"v": self.nilai_skala, "s": skala.nama}
                )
        elif self.nilai_skala:
            raise ValidationError(_("Realisasi indikator ini harus angka."))
        if self.indikator_id and self.instansi_id:
            if self.indikator.renstra.instansi_id != self.instansi_id:
                raise ValidationError(_("Indikator bukan milik instansi ini."))
            if not self.indikator.renstra.memuat_tahun(self.tahun):
                raise ValidationError(_("Tahun di luar periode Renstra indikator ini."))
        if self.indikator_pk_id and self.instansi_id:
            pk = self.indikator_pk.sasaran.pk_dokumen
            if pk.instansi_id != self.instansi_id or pk.tahun != self.tahun:
                raise ValidationError(_("Indikator PK bukan milik instansi dan tahun ini."))


class BuktiRealisasi(HashBerkasMixin, models.Model):
    """Evidence of a realisation: a file (document or photo) or a link."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(
        _("berkas"),
        upload_to="bukti/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "xlsx", "png", "jpg", "jpeg"])],
    )
    sha256 = models.CharField(max_length=64, blank=True)  # of the file, kept on save
    tautan = models.URLField(_("tautan"), blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    diunggah_pada = models.DateTimeField(default=timezone.now)

    hash_berkas = {"berkas": "sha256"}
    objects = ScopedManager()
    pemda_path = "realisasi__instansi__pemda"
    instansi_path = "realisasi__instansi"

    class Meta:
        verbose_name = _("Bukti realisasi")
        verbose_name_plural = _("Bukti realisasi")
        ordering = ["diunggah_pada", "id"]

    def __str__(self) -> str:
        return self.keterangan or self.tautan or self.berkas.name

    def clean(self) -> None:
        if not self.berkas and not self.tautan:
            raise ValidationError(_("Bukti berupa berkas atau tautan."))


class RealisasiAnggaran(models.Model):
    """Money spent on a DPA sub-kegiatan in one month."""

    item = models.ForeignKey(ItemAnggaran, on_delete=models.CASCADE, related_name="realisasi")
    bulan = models.PositiveSmallIntegerField(_("bulan"), validators=BULAN)
    jumlah = models.DecimalField(_("realisasi (Rp)"), **UANG)
    diisi_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager()
    pemda_path = "item__dokumen__instansi__pemda"
    instansi_path = "item__dokumen__instansi"

    class Meta:
        verbose_name = _("Realisasi anggaran")
        verbose_name_plural = _("Realisasi anggaran")
        ordering = ["item", "bulan"]
        constraints = [
            models.UniqueConstraint(fields=["item", "bulan"], name="realisasi_anggaran_unik")
        ]

    def __str__(self) -> str:
        return f"{self.item.kode} bulan {self.bulan}: {self.jumlah}"

    def clean(self) -> None:
        if self.jumlah is not None and self.jumlah < 0:
            raise ValidationError(_("Realisasi anggaran tidak boleh negatif."))
        if self.item_id and self.item.dokumen.jenis != "dpa":
            raise ValidationError(_("Realisasi anggaran dicatat pada sub kegiatan DPA."))


class PenutupanBulan(models.Model):
    """A month's data closed by the agency: realisations of that month are locked."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="penutupan")
    tahun = models.PositiveIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), validators=BULAN)
    tertutup = models.BooleanField(_("tertutup"), default=True)
    ditutup_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    ditutup_pada = models.DateTimeField(default=timezone.now)
    alasan_buka = models.TextField(_("alasan dibuka kembali"), blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "penutupan"

    class Meta:
        verbose_name = _("Penutupan bulan")
        verbose_name_plural = _("Penutupan bulan")
        ordering = ["instansi", "-tahun", "-bulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "bulan"], name="penutupan_bulan_unik"
            )
        ]

    def __str__(self) -> str:
        keadaan = "tertutup" if self.tertutup else "dibuka"
        return f"{self.instansi} {self.bulan}/{self.tahun}: {keadaan}"


# ---------------------------------------------------------------- monitoring (seed 001)


class KartuKendali(DokumenTertandatangani):
    """The monthly control card of the Rencana Aksi: plan against realisation per kegiatan."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="kartu_kendali")
    tahun = models.PositiveIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), validators=BULAN)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAF)
    catatan = models.TextField(_("catatan umum"), blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "kartu_kendali"

    class Meta:
        verbose_name = _("Kartu kendali")
        verbose_name_plural = _("Kartu kendali")
        ordering = ["instansi", "-tahun", "-bulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "bulan"], name="kartu_kendali_unik"
            )
        ]

    def __str__(self) -> str:
        return f"Kartu kendali {self.instansi} {self.bulan}/{self.tahun}"


class BarisKartuKendali(models.Model):
    kartu = models.ForeignKey(KartuKendali, on_delete=models.CASCADE, related_name="baris")
    item = models.ForeignKey(ItemAnggaran, on_delete=models.CASCADE, related_name="+")
    target_fisik = models.DecimalField(_("rencana fisik s.d. bulan ini (%)"), **ANGKA)
    realisasi_fisik = models.DecimalField(_("realisasi fisik s.d. bulan ini (%)"), **ANGKA)
    kendala = models.TextField(_("kendala"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)

    objects = ScopedManager()
    pemda_path = "kartu__instansi__pemda"
    instansi_path = "kartu__instansi"

    class Meta:
        verbose_name = _("Baris kartu kendali")
        verbose_name_plural = _("Baris kartu kendali")
        ordering = ["item__kode"]
        constraints = [models.UniqueConstraint(fields=["kartu", "item"], name="baris_kartu_unik")]

    def __str__(self) -> str:
        return f"{self.kartu} — {self.item}"


class EvaluasiTriwulan(DokumenTertandatangani):
    """The quarterly evaluation signed by the head (seed 001 steps 7–9)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="evaluasi")
    tahun = models.PositiveIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    kesimpulan = models.TextField(_("kesimpulan"), blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "evaluasi"

    class Meta:
        verbose_name = _("Evaluasi triwulan")
        verbose_name_plural = _("Evaluasi triwulan")
        ordering = ["instansi", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "triwulan"], name="evaluasi_unik")
        ]

    def __str__(self) -> str:
        return f"Evaluasi TW {self.triwulan} {self.tahun} {self.instansi}"


class Rekomendasi(models.Model):
    """Rekomendasi Perbaikan Kinerja to the responsible official, followed up until closed."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
        SELESAI = "selesai", _("Selesai")

    evaluasi = models.ForeignKey(
        EvaluasiTriwulan, on_delete=models.CASCADE, related_name="rekomendasi"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="rekomendasi")
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.PROTECT,
        related_name="rekomendasi",
        verbose_name=_("ditujukan kepada"),
    )
    indikator_pk = models.ForeignKey(
        IndikatorPK, on_delete=models.SET_NULL, null=True, blank=True, related_name="rekomendasi"
    )
    uraian = models.TextField(_("rekomendasi"))
    dipantau_bulan = models.PositiveSmallIntegerField(
        _("dipantau pada bulan"), validators=BULAN, help_text=_("Biasanya bulan berikutnya.")
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TERBUKA)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    ditindaklanjuti_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "rekomendasi"

    class Meta:
        verbose_name = _("Rekomendasi perbaikan kinerja")
        verbose_name_plural = _("Rekomendasi perbaikan kinerja")
        ordering = ["status", "dipantau_bulan", "id"]

    def __str__(self) -> str:
        return f"Rekomendasi {self.jabatan}: {self.uraian[:60]}"


class ArsipKinerja(DokumenTertandatangani):
    """The agency's yearly performance data, assembled, signed by the head and archived
    (seed 001 steps 12–16). `isi` is the frozen snapshot."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="arsip_kinerja")
    tahun = models.PositiveIntegerField(_("tahun"))
    isi = models.JSONField(_("data kinerja"), default=dict)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    ditandatangani_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "arsip_kinerja"

    class Meta:
        verbose_name = _("Arsip data kinerja tahunan")
        verbose_name_plural = _("Arsip data kinerja tahunan")
        ordering = ["instansi", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="arsip_kinerja_unik")
        ]

    def __str__(self) -> str:
        return f"Arsip data kinerja {self.instansi} {self.tahun}"


# ---------------------------------------------------------------- Pemda (seed 003)


class PermintaanData(models.Model):
    """A Pemda evaluator's request for performance data, sent to every agency."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="permintaan_data")
    judul = models.CharField(_("judul"), max_length=300)
    uraian = models.TextField(_("uraian"), blank=True)
    tahun = models.PositiveIntegerField(_("tahun data"))
    sampai_bulan = models.PositiveSmallIntegerField(_("sampai bulan"), validators=BULAN)
    batas_waktu = models.DateField(_("batas waktu"))
    dibuat_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    dibuat_pada = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "jawaban__instansi"
    riwayat_jenis = "permintaan_data"

    class Meta:
        verbose_name = _("Permintaan data kinerja")
        verbose_name_plural = _("Permintaan data kinerja")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return self.judul


class JawabanData(models.Model):
    """One agency's answer to a data request; carried by an SOP run in that agency."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        DIKIRIM = "dikirim", _("Dikirim")

    permintaan = models.ForeignKey(PermintaanData, on_delete=models.CASCADE, related_name="jawaban")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="jawaban_data")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    isi = models.JSONField(_("data"), default=dict, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    dikirim_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dikirim_pada = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "jawaban_data"

    class Meta:
        verbose_name = _("Jawaban permintaan data")
        verbose_name_plural = _("Jawaban permintaan data")
        ordering = ["permintaan", "instansi__nama"]
        constraints = [
            models.UniqueConstraint(fields=["permintaan", "instansi"], name="jawaban_data_unik")
        ]

    def __str__(self) -> str:
        return f"{self.instansi}: {self.permintaan}"
