"""Sign-in attempts (for throttling) and personal API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedQuerySet


class PercobaanMasuk(models.Model):
    """One sign-in attempt; recent failures per account or address block further tries."""

    kunci = models.CharField(max_length=150, db_index=True)  # the NIP/username as typed
    ip = models.GenericIPAddressField(null=True, blank=True)
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    berhasil = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Percobaan masuk")
        verbose_name_plural = _("Percobaan masuk")
        indexes = [models.Index(fields=["ip", "waktu"])]

    def __str__(self) -> str:
        return (
            f"{self.kunci} {self.waktu:%Y-%m-%d %H:%M} {'berhasil' if self.berhasil else 'gagal'}"
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenAPIQuerySet(ScopedQuerySet):
    def milik(self, user):
        """A user's own tokens: nobody else's are ever listed or revoked."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pegawai=user)


class TokenAPI(models.Model):
    """A personal token for the JSON API; only its hash is stored."""

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_api"
    )
    nama = models.CharField(_("nama token"), max_length=100)
    awalan = models.CharField(_("awalan"), max_length=16)
    hash = models.CharField(max_length=64, unique=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    dicabut = models.DateTimeField(_("dicabut"), null=True, blank=True)

    objects = TokenAPIQuerySet.as_manager()
    pemda_path = "pegawai__pemda"
    instansi_path = "pegawai__instansi"

    class Meta:
        verbose_name = _("Token API")
        verbose_name_plural = _("Token API")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"
