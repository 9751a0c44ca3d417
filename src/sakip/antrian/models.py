from django.db import models
from django.utils.translation import gettext_lazy as _


class Pekerjaan(models.Model):
    """A background job in the database: no broker, claimed with a conditional UPDATE."""

    jenis = models.CharField(_("jenis"), max_length=100)
    data = models.JSONField(default=dict, blank=True)
    # A unique key makes periodic jobs idempotent across several workers.
    kunci = models.CharField(max_length=150, null=True, blank=True, unique=True)
    jalankan_pada = models.DateTimeField(_("dijalankan pada"), db_index=True)
    diambil_pada = models.DateTimeField(null=True, blank=True)
    diambil_oleh = models.CharField(max_length=100, blank=True)
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
