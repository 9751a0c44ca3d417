"""Who holds a position on a date, who heads an agency, and who signs for it where.

One place for the questions the SOP engine, letters, planning, measuring, reports and
IKM all ask (docs/domain.md §2): a position is held by its definitive holders and, on
the dates of their assignment, by acting officials (Plt./Plh.); an agency's head is the
holder of its position with `peran=kepala`; a signature block prints the holder's
name, NIP and full title, in the place the agency signs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Instansi, Jabatan, Pegawai, PelaksanaTugas

# ---------------------------------------------------------------- who holds what


def jabatan_dipegang_ids(user, tanggal: datetime.date | None = None) -> set[int]:
    """Positions the user holds on `tanggal`: definitive, Plt and Plh."""
    if not getattr(user, "is_authenticated", False):
        return set()
    tanggal = tanggal or timezone.localdate()
    ids = {user.jabatan_id} if user.jabatan_id else set()
    ids.update(
        PelaksanaTugas.objects.aktif_pada(tanggal)
        .filter(pegawai=user)
        .values_list("jabatan_id", flat=True)
    )
    return ids


def pemangku(jabatan: Jabatan, tanggal: datetime.date | None = None) -> list[Pegawai]:
    """Everyone active who holds `jabatan` on `tanggal` (definitive holders first, then acting)."""
    tanggal = tanggal or timezone.localdate()
    definitif = list(Pegawai.objects.filter(jabatan=jabatan, is_active=True))
    plt = [
        t.pegawai
        for t in PelaksanaTugas.objects.aktif_pada(tanggal)
        .filter(jabatan=jabatan, pegawai__is_active=True)
        .select_related("pegawai")
    ]
    return definitif + [p for p in plt if p not in definitif]


def jabatan_kepala(instansi_id: int) -> Jabatan | None:
    """The agency's head position (at most one, a constraint), or None."""
    return Jabatan.objects.filter(instansi_id=instansi_id, peran=Jabatan.Peran.KEPALA).first()


def adalah_kepala(user, instansi_id: int, tanggal: datetime.date | None = None) -> bool:
    """Does `user` hold the agency's head position on `tanggal` (definitive or acting)?"""
    kepala = jabatan_kepala(instansi_id)
    return kepala is not None and kepala.pk in jabatan_dipegang_ids(user, tanggal)


def jabatan_di(
    pegawai: Pegawai,
    instansi_id: int,
    *,
    utamakan_id: int | None = None,
    tanggal: datetime.date | None = None,
) -> str:
    """The position `pegawai` holds in the agency on `tanggal`, as printed ('Plt. Camat');
    '' if none.

    `utamakan_id` (e.g. the SOP task's position) wins when the person holds several; then
    a definitive position before an acting one, then the position's order.
    """
    pilihan = [
        (j, awalan)
        for j, awalan in pegawai.jabatan_aktif(tanggal or timezone.localdate())
        if j is not None and j.instansi_id == instansi_id
    ]
    pilihan.sort(key=lambda p: (p[0].pk != utamakan_id, p[1] != "", p[0].urutan))
    if not pilihan:
        return ""
    j, awalan = pilihan[0]
    return f"{awalan} {j.nama}".strip()


def jabatan_penanda_tangan(pegawai: Pegawai, instansi_id: int) -> str:
    """The position printed under a signer's name: the head's when they hold it."""
    kepala = jabatan_kepala(instansi_id)
    return jabatan_di(pegawai, instansi_id, utamakan_id=kepala.pk if kepala else None)


# ---------------------------------------------------------------- titles and places


def nama_singkat(instansi: Instansi) -> str:
    """'Kecamatan Bungaraya' → 'Bungaraya': how a Camat's title names the district."""
    return instansi.nama.removeprefix("Kecamatan ").strip()


def jabatan_lengkap(nama_jabatan: str, instansi: Instansi) -> str:
    """The title as written in the PK: 'Camat' → 'Camat Bungaraya',
    'Kasubag Umum' → 'Kasubag Umum Kecamatan Bungaraya'; kept if it already names it."""
    singkat = nama_singkat(instansi)
    if singkat.lower() in nama_jabatan.lower():
        return nama_jabatan
    if instansi.jenis == Instansi.Jenis.KECAMATAN and nama_jabatan.endswith("Camat"):
        return f"{nama_jabatan} {singkat}"
    return f"{nama_jabatan} {instansi.nama}"


def tempat_ttd(instansi: Instansi) -> str:
    """Where the agency signs: a Camat in the kecamatan, other agencies in the capital."""
    if instansi.jenis == Instansi.Jenis.KECAMATAN:
        return nama_singkat(instansi)
    return instansi.pemda.ibukota or nama_singkat(instansi)


# ---------------------------------------------------------------- the signature block


def blok_ttd(nama: str, nip: str, jabatan: str, *, kosong: str = "") -> dict[str, str]:
    """The fields a printed signature block shows; `kosong` stands where no name is known
    (documents print a line to write it by hand)."""
    return {"nama": nama or kosong, "nip": nip, "jabatan": jabatan, "jabatan_ttd": jabatan.upper()}


@dataclass(frozen=True)
class Penandatangan:
    """Who signs for an agency and where. `jabatan` is the full title ('Plt. Camat
    Bungaraya'); `nama_jabatan` the position's own name ('' without a head)."""

    pegawai: Pegawai | None
    nama: str
    nip: str
    jabatan: str
    jabatan_ttd: str
    nama_jabatan: str
    tempat: str

    def blok(self) -> dict[str, str]:
        """The signature block as documents take it: nama, nip, jabatan, jabatan_ttd."""
        return {
            "nama": self.nama,
            "nip": self.nip,
            "jabatan": self.jabatan,
            "jabatan_ttd": self.jabatan_ttd,
        }


def penandatangan(
    instansi: Instansi,
    *,
    tanggal: datetime.date | None = None,
    plt: bool = True,
    kosong: str = "",
) -> Penandatangan:
    """The agency's head as signer (`Instansi.pejabat_kepala`), and the place.

    `plt=False`: only a definitive head signs (documents that name the holder of the
    position). Without a head the block keeps `kosong` for the name and 'Kepala' as title.
    """
    pejabat = instansi.pejabat_kepala(tanggal, plt=plt)
    if pejabat is None:
        orang, nama, nip, nama_jabatan, judul = None, "", "", "", _("Kepala")
    else:
        orang, jabatan, awalan = pejabat
        nama, nip, nama_jabatan = orang.nama_lengkap, orang.nip_tampil, jabatan.nama
        judul = jabatan_lengkap(f"{awalan} {jabatan.nama}".strip(), instansi)
    blok = blok_ttd(nama, nip, judul, kosong=kosong)
    return Penandatangan(
        pegawai=orang,
        nama=blok["nama"],
        nip=nip,
        jabatan=judul,
        jabatan_ttd=blok["jabatan_ttd"],
        nama_jabatan=nama_jabatan,
        tempat=tempat_ttd(instansi),
    )
