"""Reports drafted from the agency's data (docs/domain.md §8): monthly, semester and yearly
reports, the LKjIP and the "SAKIP" report. People write the narrative; the signature
freezes the data, the narrative and the rendered files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.models import DokumenBeku
from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi

USER = settings.AUTH_USER_MODEL


class Laporan(DokumenBeku):
    class Jenis(models.TextChoices):
        BULANAN = "bulanan", _("Laporan Bulanan")
        SEMESTERAN = "semesteran", _("Laporan Semesteran")
        TAHUNAN = "tahunan", _("Laporan Tahunan")
        LKJIP = "lkjip", _("LKjIP")
        SAKIP = "sakip", _("Laporan SAKIP")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="laporan")
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    tahun = models.PositiveIntegerField(_("tahun"))
    # Month (1–12) for a monthly report, semester (1–2) for a semester report, 0 otherwise.
    periode = models.PositiveSmallIntegerField(_("bulan/semester"), default=0)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAF)
    # Section key → text people wrote ("kata_pengantar", "analisis:IS1.1", …).
    narasi = models.JSONField(_("narasi"), default=dict, blank=True)
    # The rendered documents, kept at signing with the frozen data (DokumenBeku).
    pdf = models.FileField(upload_to="laporan/%Y/", blank=True)
    docx = models.FileField(upload_to="laporan/%Y/", blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "laporan"

    class Meta:
        verbose_name = _("Laporan")
        verbose_name_plural = _("Laporan")
        ordering = ["instansi", "-tahun", "jenis", "-periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis", "tahun", "periode"], name="laporan_periode_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.label_periode()} — {self.instansi.nama}"

    def label_periode(self) -> str:
        from django.utils.formats import date_format

        if self.jenis == self.Jenis.BULANAN and self.periode:
            import datetime

            return date_format(datetime.date(self.tahun, self.periode, 1), "F Y")
        if self.jenis == self.Jenis.SEMESTERAN and self.periode:
            return f"Semester {'I' if self.periode == 1 else 'II'} {self.tahun}"
        return f"Tahun {self.tahun}"

    @property
    def sampai_bulan(self) -> int:
        """The last month the report covers."""
        if self.jenis == self.Jenis.BULANAN:
            return self.periode or 12
        if self.jenis == self.Jenis.SEMESTERAN:
            return 6 if self.periode == 1 else 12
        return 12


class KomentarLaporan(models.Model):
    """A reviewer's comment on a section of the draft."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="komentar")
    bagian = models.CharField(_("bagian"), max_length=100, blank=True)
    isi = models.TextField(_("komentar"))
    penulis = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    dibuat_pada = models.DateTimeField(default=timezone.now)
    selesai = models.BooleanField(_("sudah ditangani"), default=False)

    objects = ScopedManager()
    pemda_path = "laporan__instansi__pemda"
    instansi_path = "laporan__instansi"

    class Meta:
        verbose_name = _("Komentar laporan")
        verbose_name_plural = _("Komentar laporan")
        ordering = ["dibuat_pada", "id"]

    def __str__(self) -> str:
        return f"{self.bagian}: {self.isi[:50]}"


class RenderLaporan(models.Model):
    """A draft's PDF, rendered by the background worker (a large LKjIP takes seconds).

    Keyed by the report and a fingerprint (`sidik`) of everything the document prints, so
    repeated requests for the same content share one job and one file, and a changed
    report gets a new one. `isi` holds the data that was fingerprinted until the worker
    has rendered it: the file shows exactly what was asked for, even if data moves on.
    """

    class Status(models.TextChoices):
        ANTRE = "antre", _("antre")
        DIPROSES = "diproses", _("diproses")
        SELESAI = "selesai", _("selesai")
        GAGAL = "gagal", _("gagal")

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="render")
    sidik = models.CharField(_("sidik isi"), max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRE)
    isi = models.JSONField(default=dict, blank=True)
    berkas = models.FileField(upload_to="laporan/draf/%Y/", blank=True)
    # Bumped when a person asks again after a failure: the job's key changes with it.
    ulang = models.PositiveSmallIntegerField(default=0)
    galat = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    pemda_path = "laporan__instansi__pemda"
    instansi_path = "laporan__instansi"

    class Meta:
        verbose_name = _("Render PDF draf laporan")
        verbose_name_plural = _("Render PDF draf laporan")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "sidik"], name="render_laporan_sidik_unik")
        ]

    def __str__(self) -> str:
        return f"{self.laporan_id}:{self.sidik[:12]} ({self.status})"
