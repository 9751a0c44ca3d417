"""SOPs adopted by agencies, their versions, running instances, tasks and the event log.

An SOP definition is data (the library's YAML, docs/domain.md §3); an agency adopts one
and may edit it, each save being a new `VersiSop`. A `Pelaksanaan` (instance) runs
on the version it started with; each step becomes a `Tugas` in the inbox of the
holders of the step actor's position. Every transition appends a `Peristiwa`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.audit.models import AppendOnlyError
from sakip.lib.akses import ScopedManager, ScopedQuerySet
from sakip.organisasi.models import Instansi, Jabatan

USER = settings.AUTH_USER_MODEL


class SopInstansi(models.Model):
    """A library SOP adopted by one agency."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="sop")
    kode = models.CharField(_("kode SOP"), max_length=80)
    nama = models.CharField(_("nama SOP"), max_length=300)
    aktif = models.BooleanField(_("aktif"), default=True)
    diadopsi_pada = models.DateTimeField(_("diadopsi"), default=timezone.now)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "sop"

    class Meta:
        verbose_name = _("SOP instansi")
        verbose_name_plural = _("SOP instansi")
        ordering = ["instansi", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kode"],
                name="sop_instansi_kode_unik",
                violation_error_message=_("SOP ini sudah diadopsi instansi ini."),
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def versi_terbaru(self) -> VersiSop:
        return self.versi.order_by("-nomor").first()


class VersiSop(models.Model):
    """One saved state of an adopted SOP. Never changed after it is written."""

    sop = models.ForeignKey(SopInstansi, on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveIntegerField(_("versi"))
    definisi = models.JSONField(_("definisi"))
    catatan = models.CharField(_("catatan perubahan"), max_length=300, blank=True)
    dibuat_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat"), default=timezone.now)

    objects = ScopedManager()
    pemda_path = "sop__instansi__pemda"
    instansi_path = "sop__instansi"

    class Meta:
        verbose_name = _("Versi SOP")
        verbose_name_plural = _("Versi SOP")
        ordering = ["sop", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["sop", "nomor"], name="versi_sop_unik")]

    def __str__(self) -> str:
        return f"{self.sop.nama} v{self.nomor}"

    @property
    def langkah(self) -> list[dict]:
        return self.definisi.get("langkah", [])

    def langkah_ke(self, no: int) -> dict:
        return self.langkah[no - 1]


class PelaksanaanQuerySet(ScopedQuerySet):
    def berjalan(self):
        return self.filter(status__in=[Pelaksanaan.Status.BERJALAN, Pelaksanaan.Status.MENUNGGU])


class Pelaksanaan(models.Model):
    """One run of an adopted SOP, e.g. "Laporan Bulanan Oktober 2026"."""

    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        MENUNGGU = "menunggu", _("Menunggu sub-prosedur")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pelaksanaan")
    sop = models.ForeignKey(SopInstansi, on_delete=models.PROTECT, related_name="pelaksanaan")
    versi = models.ForeignKey(VersiSop, on_delete=models.PROTECT, related_name="pelaksanaan")
    judul = models.CharField(_("judul"), max_length=300)
    periode = models.CharField(_("periode"), max_length=20, blank=True)
    terjadwal = models.BooleanField(_("dimulai oleh jadwal"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BERJALAN
    )
    langkah_sekarang = models.PositiveIntegerField(_("langkah sekarang"), null=True, blank=True)
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak"
    )
    langkah_induk = models.PositiveIntegerField(null=True, blank=True)
    dimulai_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dimulai_pada = models.DateTimeField(_("dimulai"), default=timezone.now)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    # The document this run carries (a PK, a Renstra, a report …), see dokumen_terikat.py.
    dokumen_ct = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dokumen_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = ScopedManager.from_queryset(PelaksanaanQuerySet)()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "pelaksanaan"

    class Meta:
        verbose_name = _("Pelaksanaan SOP")
        verbose_name_plural = _("Pelaksanaan SOP")
        ordering = ["-dimulai_pada", "-id"]
        indexes = [models.Index(fields=["dokumen_ct", "dokumen_id"])]
        constraints = [
            # The recurrence creates each period's run exactly once per agency.
            models.UniqueConstraint(
                fields=["sop", "periode"],
                condition=Q(terjadwal=True),
                name="pelaksanaan_terjadwal_sekali_per_periode",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.DIBATALKAN)


class AnggotaTim(models.Model):
    """A member of the team formed inside one run (actor "Tim" in the SOP)."""

    pelaksanaan = models.ForeignKey(
        Pelaksanaan, on_delete=models.CASCADE, related_name="anggota_tim"
    )
    pegawai = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="keanggotaan_tim")
    ketua = models.BooleanField(_("ketua"), default=False)

    class Meta:
        verbose_name = _("Anggota tim")
        verbose_name_plural = _("Anggota tim")
        ordering = ["-ketua", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pelaksanaan", "pegawai"], name="anggota_tim_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai}{' (ketua)' if self.ketua else ''}"


class Tugas(models.Model):
    """One step of one run, waiting in the inbox of its actor's position (or the team)."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Keputusan(models.TextChoices):
        SETUJU = "ya", _("Disetujui")
        TOLAK = "tidak", _("Dikembalikan")

    pelaksanaan = models.ForeignKey(Pelaksanaan, on_delete=models.CASCADE, related_name="tugas")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="tugas")
    langkah_no = models.PositiveIntegerField(_("langkah"))
    kegiatan = models.TextField(_("kegiatan"))
    pelaksana_nama = models.CharField(_("pelaksana"), max_length=100)
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="tugas"
    )
    untuk_tim = models.BooleanField(_("untuk tim"), default=False)
    diklaim_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="tugas_diklaim"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TERBUKA
    )
    dibuat_pada = models.DateTimeField(_("masuk"), default=timezone.now)
    tenggat = models.DateTimeField(_("tenggat"), null=True, blank=True)
    waktu_baku_menit = models.PositiveIntegerField(null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    keputusan = models.CharField(
        _("keputusan"), max_length=5, choices=Keputusan.choices, blank=True
    )
    catatan = models.TextField(_("catatan"), blank=True)
    # The last reminder level sent ("", "segera", "terlambat"): each is sent once.
    diingatkan = models.CharField(max_length=10, blank=True)
    # Set when a review rejected the work back to this step: the reviewer's closed task
    # (who, when, the note), so inbox, notification and task page say it was returned.
    dikembalikan_dari = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengembalian",
        verbose_name=_("dikembalikan dari"),
    )

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "tugas"

    class Meta:
        verbose_name = _("Tugas")
        verbose_name_plural = _("Tugas")
        ordering = ["tenggat", "id"]
        indexes = [
            models.Index(fields=["status", "tenggat"]),
            models.Index(fields=["jabatan", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.pelaksanaan.judul} — langkah {self.langkah_no}"

    def kondisi_tenggat(self, sekarang: datetime.datetime | None = None) -> str:
        """'tepat' (on time), 'segera' (due soon) or 'terlambat' (late) for an open task,
        '' for a closed one.

        Due soon: less than a quarter of the standard, or less than an hour, is left.
        """
        if self.status != self.Status.TERBUKA or self.tenggat is None:
            return "tepat" if self.status == self.Status.TERBUKA else ""
        sekarang = sekarang or timezone.now()
        if sekarang > self.tenggat:
            return "terlambat"
        sisa = self.tenggat - sekarang
        total = self.tenggat - self.dibuat_pada
        if sisa < max(total / 4, datetime.timedelta(hours=1)):
            return "segera"
        return "tepat"


class Lampiran(models.Model):
    """A file a step produced (PDF, DOCX, XLSX or an image), shown to later steps."""

    tugas = models.ForeignKey(Tugas, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(_("berkas"), upload_to="lampiran/%Y/%m/")
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    jenis_mime = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(max_length=64, blank=True)  # of the file as uploaded
    diunggah_oleh = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    diunggah_pada = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    pemda_path = "tugas__instansi__pemda"
    instansi_path = "tugas__instansi"

    class Meta:
        verbose_name = _("Lampiran")
        verbose_name_plural = _("Lampiran")
        ordering = ["diunggah_pada", "id"]

    def __str__(self) -> str:
        return self.nama_asli


class PeristiwaQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Log peristiwa tidak boleh diubah.")

    def delete(self):
        raise AppendOnlyError("Log peristiwa tidak boleh dihapus.")


class Peristiwa(models.Model):
    """The append-only event log of a run: who did what to which step, when."""

    class Jenis(models.TextChoices):
        MULAI = "mulai", _("Dimulai")
        KLAIM = "klaim", _("Diambil")
        SELESAI = "selesai", _("Diselesaikan")
        SETUJU = "setuju", _("Disetujui")
        TOLAK = "tolak", _("Dikembalikan untuk diperbaiki")
        DELEGASI = "delegasi", _("Dialihkan")
        TIM = "tim", _("Tim dibentuk")
        SUBPROSES_MULAI = "sub_mulai", _("Sub-prosedur dimulai")
        SUBPROSES_SELESAI = "sub_selesai", _("Sub-prosedur selesai")
        TAMAT = "tamat", _("Pelaksanaan selesai")
        BATAL = "batal", _("Dibatalkan")
        PENGINGAT = "pengingat", _("Pengingat dikirim")

    # PROTECT, not CASCADE/SET_NULL: the table refuses DELETE and UPDATE (audit.penjaga),
    # so a run, task or person with events is kept (deactivate the person instead).
    pelaksanaan = models.ForeignKey(Pelaksanaan, on_delete=models.PROTECT, related_name="peristiwa")
    tugas = models.ForeignKey(
        Tugas, on_delete=models.PROTECT, null=True, blank=True, related_name="peristiwa"
    )
    langkah_no = models.PositiveIntegerField(null=True, blank=True)
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    aktor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    aktor_nama = models.CharField(max_length=200)
    waktu = models.DateTimeField(default=timezone.now, db_index=True)
    catatan = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = PeristiwaQuerySet.as_manager()
    pemda_path = "pelaksanaan__instansi__pemda"
    instansi_path = "pelaksanaan__instansi"

    class Meta:
        verbose_name = _("Peristiwa")
        verbose_name_plural = _("Peristiwa")
        ordering = ["waktu", "id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} — {self.aktor_nama}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Log peristiwa tidak boleh diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Log peristiwa tidak boleh dihapus.")
