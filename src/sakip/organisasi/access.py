"""Role questions about a user, asked by views, navigation and services alike."""

from __future__ import annotations

from django.utils import timezone

from .models import Instansi, Jabatan, Pegawai, PelaksanaTugas


def jabatan_pimpinan_ids(user) -> set[int]:
    """Ids of agencies where the user is head or secretary (definitive, Plt or Plh)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_pimpinan_cache", None)
    if cached is not None:
        return cached
    pimpinan = {Jabatan.Peran.KEPALA, Jabatan.Peran.SEKRETARIS}
    ids: set[int] = set()
    if user.jabatan_id:
        ids.update(
            Jabatan.objects.filter(pk=user.jabatan_id, peran__in=pimpinan).values_list(
                "instansi_id", flat=True
            )
        )
    ids.update(
        PelaksanaTugas.objects.aktif_pada(timezone.localdate())
        .filter(pegawai=user, jabatan__peran__in=pimpinan)
        .values_list("jabatan__instansi_id", flat=True)
    )
    user._pimpinan_cache = ids
    return ids


def peran_pemda(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        user.is_superuser or user.peran in (Pegawai.Peran.ADMIN_PEMDA, Pegawai.Peran.EVALUATOR)
    )


def boleh_lihat_riwayat_instansi(user, instansi: Instansi) -> bool:
    """The agency-wide log is for its head and secretary, and for Pemda roles."""
    return peran_pemda(user) or instansi.pk in jabatan_pimpinan_ids(user)
