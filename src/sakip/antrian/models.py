from django.db import models
from django.utils.translation import gettext_lazy as _


class Pekerjaan(models.Model):
    """A background job in the database: no broker, claimed under a lease that expires."""

    jenis = models.CharField(_("jenis"), max_length=100)
    data = models.JSONField(default=dict, blank=True)
    # A unique key makes periodic jobs idempotent across several workers.
    kunci = models.CharField(max_length=150, null=True, blank=True, unique=True)
    jalankan_pada = models.DateTimeField(_("dijalankan pada"), db_index=True)
    diambil_pada = models.DateTimeField(null=True, blank=True)
    diambil_oleh = models.CharField(max_length=100, blank=True)
    # The lease: a worker renews it while the job runs; once it has passed, the worker is
    # taken for dead and another claims the job again (the lost run counts as an attempt).
    sewa_sampai = models.DateTimeField(_("sewa sampai"), null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    percobaan = models.PositiveIntegerField(default=0)
    galat = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Pekerjaan latar")
        verbose_name_plural = _("Pekerjaan latar")
        ordering = ["jalankan_pada", "id"]
        indexes = [models.Index(fields=["selesai_pada", "diambil_pada", "jalankan_pada"])]

    def __str__(self) -> str:
        return f"{self.jenis} @ {self.jalankan_pada:%Y-%m-%d %H:%M}"

    @property
    def gagal(self) -> bool:
        """Finished without success: the attempts ran out (the reason is in `galat`)."""
        return self.selesai_pada is not None and bool(self.galat)


class Pekerja(models.Model):
    """A running `sakip worker` process and its heartbeat, read by `sakip worker --periksa`."""

    nama = models.CharField(_("nama"), max_length=100, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("pid"))
    mulai_pada = models.DateTimeField(_("mulai pada"))
    detak_pada = models.DateTimeField(_("detak terakhir"), db_index=True)

    class Meta:
        verbose_name = _("Pekerja latar")
        verbose_name_plural = _("Pekerja latar")
        ordering = ["-detak_pada"]

    def __str__(self) -> str:
        return self.nama
