"""The main menu and its badges, put together from what each app answers.

One context processor for every page: the entries a user's role allows (nothing is listed
that is not built), the inbox and SOP entries, and the counts the user acts on — open
tasks (sop), unread notifications (notifikasi), realisations waiting for approval
(pengukuran, lazy: its query runs only when a page draws the menu, not for htmx
fragments). Template names: `navigasi`, `navigasi_sop`, `jumlah_tugas`,
`jumlah_notifikasi`, `persetujuan_realisasi`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from sakip.notifikasi.models import Notifikasi
from sakip.organisasi.access import jabatan_pimpinan_ids, peran_pemda
from sakip.pengukuran.services import jumlah_persetujuan
from sakip.sop.services import kotak_tugas


@dataclass(frozen=True)
class Persetujuan:
    jumlah: int
    url: str


def navigasi(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigasi": []}
    konteks = {
        "navigasi": menu_utama(user),
        "navigasi_sop": menu_sop(user),
        "jumlah_tugas": kotak_tugas(user).count(),
        "jumlah_notifikasi": Notifikasi.objects.milik(user)
        .filter(dibaca_pada__isnull=True)
        .count(),
    }
    if user.instansi_id:
        konteks["persetujuan_realisasi"] = SimpleLazyObject(lambda: persetujuan(user))
    return konteks


def menu_utama(user) -> list[tuple[str, str, str]]:
    """(label, url, key) of the main menu, in order."""
    items = [(_("Beranda"), reverse("beranda"), "beranda")]
    if peran_pemda(user):
        items.append((_("Instansi"), reverse("organisasi:instansi_daftar"), "instansi"))
    if user.instansi_id:
        items.append(
            (
                _("Profil Instansi"),
                reverse("organisasi:instansi_detail", args=[user.instansi_id]),
                "profil",
            )
        )
        items.append(
            (_("Pegawai"), reverse("organisasi:pegawai_daftar", args=[user.instansi_id]), "pegawai")
        )
        if user.instansi_id in jabatan_pimpinan_ids(user):
            items.append(
                (
                    _("Riwayat Instansi"),
                    reverse("organisasi:instansi_riwayat", args=[user.instansi_id]),
                    "riwayat",
                )
            )
    if user.instansi_id or peran_pemda(user):
        items.append((_("Perencanaan"), reverse("perencanaan:indeks"), "perencanaan"))
        items.append((_("Pengukuran"), reverse("pengukuran:indeks"), "pengukuran"))
        laporan = (
            reverse("laporan:daftar", args=[user.instansi_id])
            if user.instansi_id
            else reverse("laporan:indeks")
        )
        items.append((_("Laporan"), laporan, "laporan"))
        ikm = (
            reverse("ikm:instansi", args=[user.instansi_id])
            if user.instansi_id
            else reverse("ikm:pemda")
        )
        items.append((_("Survei IKM"), ikm, "ikm"))
        items.append((_("Surat"), reverse("surat:indeks"), "surat"))
    if user.is_staff:
        items.append((_("Data Master"), reverse("admin:index"), "admin"))
    return items


def menu_sop(user) -> list[tuple[str, str, str]]:
    """The inbox, SOPs, runs and calendar: drawn right after "Beranda"."""
    items = [(_("Kotak Tugas"), reverse("sop:kotak_tugas"), "tugas")]
    if user.instansi_id:
        items += [
            (_("SOP"), reverse("sop:sop_daftar", args=[user.instansi_id]), "sop"),
            (_("Pelaksanaan"), reverse("sop:pelaksanaan_daftar", args=[user.instansi_id]), "run"),
            (_("Kalender SAKIP"), reverse("sop:kalender", args=[user.instansi_id]), "kalender"),
        ]
    return items


def persetujuan(user) -> Persetujuan:
    """The approval badge: how many wait, and the queue to open — the user's own agency
    first, else the (Plt/Plh) agency with entries waiting."""
    per_instansi = jumlah_persetujuan(user)
    if not per_instansi:
        return Persetujuan(0, "")
    instansi_id = user.instansi_id if user.instansi_id in per_instansi else min(per_instansi)
    return Persetujuan(
        sum(per_instansi.values()),
        reverse("pengukuran:persetujuan", args=[instansi_id]),
    )
