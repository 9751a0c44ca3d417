"""Working calendars and holidays per Pemda, the data working time counts on (docs/domain.md §5).

Both belong to a Pemda as a whole; agency staff read their own Pemda's rows (and their
agency's own calendar), only the Pemda's administrators change them (services.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedQuerySet, cakupan_pengguna
from sakip.organisasi.models import Instansi, Pemda

from .waktu_kerja import (
    JAM_MULAI_BAWAAN,
    JAM_SELESAI_BAWAAN,
    NAMA_HARI,
    Kalender,
    baca_hari_kerja,
    masalah_jam_kerja,
    tulis_hari_kerja,
)


def _instansi_staf(user) -> frozenset[int]:
    """The agencies of agency staff; empty for Pemda-level roles, superusers and strangers."""
    c = cakupan_pengguna(user)
    return frozenset() if c.semua or c.pemda_id is not None else c.instansi_ids


def _pemda_dari(instansi_ids: Iterable[int]):
    # A subquery, not a join through Pemda → Instansi: a join repeats each row once per
    # matching agency (staff acting in a second agency of the same Pemda).
    return Instansi.objects.filter(pk__in=instansi_ids).values("pemda_id")


class HariLiburQuerySet(ScopedQuerySet):
    def for_user(self, user, *, ubah: bool = False) -> HariLiburQuerySet:
        """Agency staff see their Pemda's holidays, once each; others as ScopedQuerySet."""
        ids = _instansi_staf(user)
        if ids:
            return self.filter(pemda__in=_pemda_dari(ids))
        return super().for_user(user, ubah=ubah)


class KalenderKerjaQuerySet(ScopedQuerySet):
    def for_user(self, user, *, ubah: bool = False) -> KalenderKerjaQuerySet:
        """Agency staff see their agency's own calendar and their Pemda's default."""
        ids = _instansi_staf(user)
        if ids:
            return self.filter(
                Q(instansi__in=ids) | Q(instansi__isnull=True, pemda__in=_pemda_dari(ids))
            )
        return super().for_user(user, ubah=ubah)


class KalenderKerja(models.Model):
    """Office hours and working weekdays of a Pemda, or of one agency that works otherwise.

    The row without an agency is the Pemda's default; an agency with its own row (a
    Saturday-working service unit, a puskesmas…) uses that instead.
    """

    class ZonaWaktu(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, related_name="kalender_kerja", verbose_name=_("Pemda")
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kalender_kerja",
        verbose_name=_("instansi"),
        help_text=_(
            "Kosongkan untuk kalender bawaan Pemda; isi bila satu instansi punya jam kerja sendiri."
        ),
    )
    jam_mulai = models.TimeField(_("jam mulai"), default=JAM_MULAI_BAWAAN)
    jam_selesai = models.TimeField(_("jam selesai"), default=JAM_SELESAI_BAWAAN)
    hari_kerja = models.CharField(
        _("hari kerja"),
        max_length=7,
        default="12345",
        validators=[
            RegexValidator(
                r"^[1-7]+$",
                _("Tulis hari kerja dengan angka 1 (Senin) sampai 7 (Minggu), mis. 12345."),
            )
        ],
        help_text=_("Angka hari: 1 = Senin … 7 = Minggu; 12345 Senin–Jumat, 123456 dengan Sabtu."),
    )
    istirahat_mulai = models.TimeField(_("istirahat mulai"), null=True, blank=True)
    istirahat_selesai = models.TimeField(_("istirahat selesai"), null=True, blank=True)
    zona_waktu = models.CharField(
        _("zona waktu"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB
    )

    riwayat_jenis = "kalender"
    objects = models.Manager.from_queryset(KalenderKerjaQuerySet)()
    pemda_path = "pemda"
    instansi_path = "instansi"

    class Meta:
        verbose_name = _("Kalender kerja")
        verbose_name_plural = _("Kalender kerja")
        # The Pemda's default first, on SQLite and PostgreSQL alike. By id, not by agency
        # name: a join to the nullable agency would forbid the audit's SELECT … FOR UPDATE.
        ordering = ["pemda__nama", models.F("instansi_id").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda"],
                condition=Q(instansi__isnull=True),
                name="kalender_satu_bawaan_per_pemda",
                violation_error_message=_(
                    "Pemda ini sudah punya kalender kerja bawaan; ubah yang sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["instansi"],
                name="kalender_satu_per_instansi",
                violation_error_message=_(
                    "Instansi ini sudah punya kalender kerja sendiri; ubah yang sudah ada."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Kalender kerja {self.instansi or self.pemda}"

    @property
    def istirahat(self) -> tuple[datetime.time, datetime.time] | None:
        if self.istirahat_mulai is None or self.istirahat_selesai is None:
            return None
        return (self.istirahat_mulai, self.istirahat_selesai)

    @property
    def hari_kerja_tampil(self) -> str:
        """'Senin, Selasa, …' for lists and pages."""
        return ", ".join(NAMA_HARI[h] for h in sorted(baca_hari_kerja(self.hari_kerja)))

    @property
    def jam_kerja_tampil(self) -> str:
        jam = f"{self.jam_mulai:%H:%M}–{self.jam_selesai:%H:%M}"
        if self.istirahat:
            jam += f" (istirahat {self.istirahat_mulai:%H:%M}–{self.istirahat_selesai:%H:%M})"
        return jam

    def sebagai_kalender(self, libur: Iterable[datetime.date] = ()) -> Kalender:
        """The pure calendar the working-time arithmetic runs on, with these holidays."""
        return Kalender(
            jam_mulai=self.jam_mulai,
            jam_selesai=self.jam_selesai,
            hari_kerja=baca_hari_kerja(self.hari_kerja),
            libur=frozenset(libur),
            istirahat=self.istirahat,
            tz=ZoneInfo(self.zona_waktu),
        )

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if (
            self.instansi_id
            and self.pemda_id
            and self.instansi is not None
            and self.instansi.pemda_id != self.pemda_id
        ):
            errors["instansi"] = _("Instansi harus berada pada Pemda kalender ini.")
        if (self.istirahat_mulai is None) != (self.istirahat_selesai is None):
            errors["istirahat_selesai"] = _(
                "Isi awal dan akhir istirahat, atau kosongkan keduanya."
            )
        hari: frozenset[int] | None
        try:
            hari = baca_hari_kerja(self.hari_kerja)
            self.hari_kerja = tulis_hari_kerja(hari)  # "54321" and "112345" mean "12345"
        except ValueError:
            hari = None  # the field validator already says what is wrong
        if hari is not None and self.jam_mulai is not None and self.jam_selesai is not None:
            for nama, pesan in masalah_jam_kerja(
                self.jam_mulai, self.jam_selesai, hari, self.istirahat
            ).items():
                errors.setdefault(nama, pesan)
        if errors:
            raise ValidationError(errors)


class HariLibur(models.Model):
    """A day off for every agency of the Pemda: libur nasional, cuti bersama, libur daerah."""

    class Jenis(models.TextChoices):
        NASIONAL = "nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        DAERAH = "daerah", _("Libur daerah")

    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, related_name="hari_libur", verbose_name=_("Pemda")
    )
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    catatan = models.CharField(
        _("catatan"),
        max_length=300,
        blank=True,
        help_text=_("Mis. dasar penetapan, atau bahwa tanggalnya masih perkiraan."),
    )

    riwayat_jenis = "hari_libur"
    objects = models.Manager.from_queryset(HariLiburQuerySet)()
    pemda_path = "pemda"
    # A Pemda-wide row: it reaches agencies through its Pemda. HariLiburQuerySet.for_user
    # uses a subquery for agency staff so that this path never duplicates rows.
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Hari libur")
        verbose_name_plural = _("Hari libur")
        ordering = ["pemda__nama", "tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tanggal"],
                name="hari_libur_satu_per_tanggal",
                violation_error_message=_(
                    "Tanggal ini sudah tercatat sebagai hari libur Pemda ini; ubah yang ada."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
