"""Sign-in throttling counters, the optional second factor (TOTP) and personal API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedQuerySet


class BatasMasuk(models.Model):
    """Failed sign-ins of one account from one address, or of one address over all accounts.

    One row per key, locked while counted, so parallel guesses cannot slip past the limit
    (a count of attempt rows, checked then inserted, could). `diblokir_sampai` is the end
    of the current wait; each failure after the limit doubles it.
    """

    kunci = models.CharField(max_length=255, unique=True)  # "akun:<nip/username>|<ip>", "ip:<ip>"
    gagal = models.PositiveIntegerField(default=0)
    diblokir_sampai = models.DateTimeField(null=True, blank=True)
    terakhir = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Batas masuk")
        verbose_name_plural = _("Batas masuk")

    def __str__(self) -> str:
        return f"{self.kunci}: {self.gagal} gagal"


class FaktorKedua(models.Model):
    """A user's TOTP secret (RFC 6238); active once confirmed with a first code.

    The secret must be readable to check codes, so it is stored as is (like the password
    reset tokens' key, it is as safe as the database); recovery codes are stored hashed.
    """

    pegawai = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="faktor_kedua"
    )
    rahasia = models.CharField(max_length=64)
    dikonfirmasi = models.DateTimeField(_("aktif sejak"), null=True, blank=True)
    # The last 30-second step accepted: a code seen once is refused after (no replay).
    langkah_terakhir = models.BigIntegerField(default=0)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Faktor kedua (TOTP)")
        verbose_name_plural = _("Faktor kedua (TOTP)")

    def __str__(self) -> str:
        return f"TOTP {self.pegawai}"

    @property
    def aktif(self) -> bool:
        return self.dikonfirmasi is not None


class KodePemulihan(models.Model):
    """A one-time code to sign in without the phone; only its hash is kept."""

    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kode_pemulihan"
    )
    hash = models.CharField(max_length=64, unique=True)
    dipakai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Kode pemulihan")
        verbose_name_plural = _("Kode pemulihan")

    def __str__(self) -> str:
        return f"Kode pemulihan {self.pegawai}"


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
