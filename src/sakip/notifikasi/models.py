from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedQuerySet


class NotifikasiQuerySet(ScopedQuerySet):
    def milik(self, user):
        """A user's own notifications; nobody reads another's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(penerima=user)


class Notifikasi(models.Model):
    """An in-app message to one person (also sent by email when they have an address)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(_("isi"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    dibaca_pada = models.DateTimeField(_("dibaca"), null=True, blank=True)
    # Deduplicates repeated sends of the same reminder (e.g. "tugas:12:terlambat").
    kunci = models.CharField(max_length=120, blank=True)

    objects = NotifikasiQuerySet.as_manager()
    pemda_path = "penerima__pemda"
    instansi_path = "penerima__instansi"

    class Meta:
        verbose_name = _("Notifikasi")
        verbose_name_plural = _("Notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "kunci"],
                condition=~models.Q(kunci=""),
                name="notifikasi_kunci_unik",
            )
        ]

    def __str__(self) -> str:
        return self.judul
