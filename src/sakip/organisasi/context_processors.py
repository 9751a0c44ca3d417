from django.urls import reverse
from django.utils.translation import gettext as _

from .access import jabatan_pimpinan_ids, peran_pemda


def navigasi(request):
    """The navigation a user's role allows; nothing is listed that is not built."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigasi": []}
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
    return {"navigasi": items}
