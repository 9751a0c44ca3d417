"""Who a step's task goes to, who may act on it, and whose inbox shows it.

A step names its actor ("Kasubag Umum", "Tim Penyusun"); the agency maps the name to one of
its positions (`PemetaanPelaksana`), and the task waits in the inbox of everyone holding that
position today (definitive, Plt or Plh, `sakip.organisasi`) or of the run's team.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from sakip.organisasi.models import Jabatan, Pegawai, PemetaanPelaksana
from sakip.organisasi.pemangku import adalah_kepala, jabatan_dipegang_ids, jabatan_kepala, pemangku

from ..kesalahan import KesalahanAlur
from ..models import Pelaksanaan, SopInstansi, Tugas, VersiSop


def anggota_tim_ids(pelaksanaan: Pelaksanaan) -> set[int]:
    return set(pelaksanaan.anggota_tim.values_list("pegawai_id", flat=True))


def penerima_tugas(tugas: Tugas) -> list[Pegawai]:
    """Who sees the task in their inbox: the claimant, else the team or the holders."""
    if tugas.diklaim_oleh_id:
        return [tugas.diklaim_oleh]
    if tugas.untuk_tim:
        return [a.pegawai for a in tugas.pelaksanaan.anggota_tim.select_related("pegawai")]
    return pemangku(tugas.jabatan) if tugas.jabatan_id else []


def boleh_bertindak(user, tugas: Tugas) -> bool:
    """May `user` act on this open task (complete, decide, claim)?"""
    if tugas.status != Tugas.Status.TERBUKA:
        return False
    if tugas.diklaim_oleh_id:
        return tugas.diklaim_oleh_id == user.pk
    if tugas.untuk_tim:
        return user.pk in anggota_tim_ids(tugas.pelaksanaan)
    return tugas.jabatan_id in jabatan_dipegang_ids(user)


def kotak_tugas(user):
    """The user's inbox: tasks claimed by them and unclaimed tasks of their positions/teams."""
    jabatan_ids = jabatan_dipegang_ids(user)
    return (
        Tugas.objects.for_user(user)
        .filter(status=Tugas.Status.TERBUKA)
        .filter(
            Q(diklaim_oleh=user)
            | Q(diklaim_oleh__isnull=True, untuk_tim=False, jabatan_id__in=jabatan_ids)
            | Q(
                diklaim_oleh__isnull=True,
                untuk_tim=True,
                pelaksanaan__anggota_tim__pegawai=user,
            )
        )
        .distinct()
    )


def boleh_memulai(user, sop: SopInstansi) -> bool:
    """Holders of the first step's position, and the head of the agency."""
    versi = sop.versi_terbaru()
    if versi is None or not sop.aktif:
        return False
    if adalah_kepala(user, sop.instansi_id):
        return True
    pertama = versi.langkah_ke(1)["pelaksana"]
    pemetaan = PemetaanPelaksana.objects.filter(
        instansi_id=sop.instansi_id, nama_pelaksana__iexact=pertama
    ).first()
    return pemetaan is not None and pemetaan.jabatan_id in jabatan_dipegang_ids(user)


def _adalah_tim(nama_pelaksana: str) -> bool:
    return nama_pelaksana.strip().lower().startswith("tim")


def tujuan_langkah(pelaksanaan: Pelaksanaan, nama_pelaksana: str) -> tuple[Jabatan | None, bool]:
    """(position, for_team) for a step's actor in this run's agency."""
    if _adalah_tim(nama_pelaksana) and pelaksanaan.anggota_tim.exists():
        return None, True
    pemetaan = (
        PemetaanPelaksana.objects.filter(
            instansi_id=pelaksanaan.instansi_id, nama_pelaksana__iexact=nama_pelaksana.strip()
        )
        .select_related("jabatan")
        .first()
    )
    if pemetaan is not None:
        return pemetaan.jabatan, False
    if _adalah_tim(nama_pelaksana):
        # No team formed and no standing position mapped: the head decides who does it.
        return jabatan_kepala(pelaksanaan.instansi_id), False
    raise KesalahanAlur(
        _(
            "Pelaksana “%(nama)s” belum dipetakan ke jabatan di %(instansi)s. "
            "Petakan di Data Master → Pemetaan pelaksana SOP."
        )
        % {"nama": nama_pelaksana, "instansi": pelaksanaan.instansi.nama}
    )


def perlu_tim_saat_mulai(versi: VersiSop) -> bool:
    """True when a Tim step comes before any step that forms the team."""
    for langkah in versi.langkah:
        if langkah.get("bentuk_tim"):
            return False
        if _adalah_tim(langkah["pelaksana"]):
            return True
    return False
