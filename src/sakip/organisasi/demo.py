"""The demo Pemda: Kabupaten Siak with the agencies of the four seed files.

Loading is idempotent: rows are found by their natural keys and only missing
ones are created (through the services, so the demo has its audit trail too).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from . import services
from .models import Instansi, Jabatan, Pegawai, PelaksanaTugas, Pemda, PemetaanPelaksana

SANDI_DEMO = "sakip-demo-2026"


@dataclass(frozen=True)
class J:
    """A demo position: key, name, superior key, eselon, role, holders."""

    kunci: str
    nama: str
    atasan: str | None
    eselon: str = ""
    peran: str = ""
    pemangku: tuple[tuple[str, str, str, str], ...] = ()  # (username, gelar depan, nama, gelar)
    tunggal: bool = True


def _kecamatan(nama: str, kode: str, kode_unit: str, alamat: str, orang: dict) -> dict:
    """A kecamatan's positions as the seeds name them (docs/domain.md §2)."""
    k = kode
    return {
        "nama": f"Kecamatan {nama}",
        "jenis": Instansi.Jenis.KECAMATAN,
        "kode_unit": kode_unit,
        "alamat": alamat,
        "jabatan": [
            J("camat", "Camat", None, "III.a", "kepala", ((f"camat.{k}", *orang["camat"]),)),
            J(
                "sekcam",
                "Sekretaris Camat",
                "camat",
                "III.b",
                "sekretaris",
                ((f"sekcam.{k}", *orang["sekcam"]),) if orang.get("sekcam") else (),
            ),
            J(
                "evapor",
                "Kepala Subbagian Perencanaan dan Evaluasi Pelaporan",
                "sekcam",
                "IV.b",
                "",
                ((f"kasubag.{k}", *orang["evapor"]),),
            ),
            J(
                "umum",
                "Kepala Subbagian Umum dan Kepegawaian",
                "sekcam",
                "IV.b",
                "",
                ((f"umum.{k}", *orang["umum"]),),
            ),
            J(
                "kasi_pem",
                "Kepala Seksi Pemerintahan",
                "camat",
                "IV.a",
                "",
                ((f"kasi.{k}", *orang["kasi"]),),
            ),
            J(
                "staf",
                "Staf Perencanaan dan Evaluasi Pelaporan",
                "evapor",
                "",
                "",
                tuple((f"staf{i}.{k}", *o) for i, o in enumerate(orang["staf"], start=1)),
                tunggal=False,
            ),
            J(
                "fungsional",
                "Fungsional Umum",
                "umum",
                "",
                "",
                ((f"fungsional.{k}", *orang["fungsional"]),),
                tunggal=False,
            ),
        ],
    }


KECAMATAN_PEMETAAN = {
    "Camat": "camat",
    "Sekretaris": "sekcam",
    "Sekcam": "sekcam",
    "Sekretaris Camat": "sekcam",
    "Kasubag Evapor": "evapor",
    "Kasub Evapor": "evapor",
    "Kasubag Perencanaan": "evapor",
    "Kasubag": "evapor",
    "Kasubag Umum": "umum",
    "Kasi": "kasi_pem",
    "Staf": "staf",
    "Fungsional Umum": "fungsional",
    # The public fills in the IKM questionnaire; the Staf who hands it out records it.
    "Masyarakat": "staf",
}

INSTANSI = [
    # Seed 001: Kecamatan Bungaraya, monitoring and evaluation.
    _kecamatan(
        "Bungaraya",
        "bungaraya",
        "KEC-BR",
        "Jl. Raya Bungaraya No. 1, Bungaraya, Kabupaten Siak, Riau",
        {
            "camat": ("", "Ahmad Fauzi", "S.STP., M.Si."),
            "sekcam": ("", "Rina Marlina", "S.Sos."),
            "evapor": ("", "Dedi Kurniawan", "S.E."),
            "umum": ("", "Sri Wahyuni", "S.AP."),
            "kasi": ("", "Hendra Saputra", "S.IP."),
            "staf": [("", "Nurul Hidayah", "A.Md."), ("", "Yoga Pratama", "")],
            "fungsional": ("", "Siti Aminah", ""),
        },
    ),
    # Seed 000: a kecamatan with twelve SAKIP SOPs.
    _kecamatan(
        "Mempura",
        "mempura",
        "KEC-MPR",
        "Jl. Sultan Syarif Kasim, Mempura, Kabupaten Siak, Riau",
        {
            "camat": ("Drs.", "Zulkifli", "M.Si."),
            "sekcam": ("", "Fitriani", "S.H."),
            "evapor": ("", "Rahmat Hidayat", "S.E., M.M."),
            "umum": ("", "Maya Sari", "S.Sos."),
            "kasi": ("", "Budi Santoso", "S.IP."),
            "staf": [("", "Putri Ayu Lestari", "S.Kom.")],
            "fungsional": ("", "Joko Susilo", ""),
        },
    ),
    # Seed 002: a kecamatan whose Sekcam is vacant, filled by a Plt.
    _kecamatan(
        "Dayun",
        "dayun",
        "KEC-DY",
        "Jl. Raya Dayun, Dayun, Kabupaten Siak, Riau",
        {
            "camat": ("", "Syafrizal", "S.Sos., M.Si."),
            "sekcam": None,
            "evapor": ("", "Wulan Dari", "S.E."),
            "umum": ("", "Agus Salim", "S.AP."),
            "kasi": ("", "Irwan Effendi", "S.H."),
            "staf": [("", "Dewi Kartika", "A.Md."), ("", "Fajar Ramadhan", "")],
            "fungsional": ("", "Lina Marlina", ""),
        },
    ),
    # Seed 003: a Bagian of the Setda that collects, evaluates and reports performance.
    {
        "nama": "Bagian Administrasi Pembangunan Sekretariat Daerah",
        "jenis": Instansi.Jenis.BAGIAN,
        "kode_unit": "BAG-ADPEM",
        "alamat": "Kantor Bupati Siak, Jl. Raja Kecik, Siak Sri Indrapura, Riau",
        "jabatan": [
            J(
                "kabag",
                "Kepala Bagian Administrasi Pembangunan",
                None,
                "III.a",
                "kepala",
                (("kabag.adpem", "", "Muhammad Yusuf", "S.T., M.T."),),
            ),
            J(
                "pengendalian",
                "Kepala Subbagian Pengendalian",
                "kabag",
                "IV.a",
                "",
                (("kasubag.adpem", "", "Ratna Dewi", "S.E."),),
            ),
            J(
                "ad",
                "Kepala Subbagian AD",
                "kabag",
                "IV.a",
                "",
                (("kasubagad.adpem", "", "Hasan Basri", "S.Sos."),),
            ),
            J(
                "ln",
                "Kepala Subbagian LN",
                "kabag",
                "IV.a",
                "",
                (("kasubagln.adpem", "", "Eka Putri", "S.AP."),),
            ),
            J(
                "staf",
                "Staf Subbagian Pengendalian",
                "pengendalian",
                "",
                "",
                (
                    ("staf1.adpem", "", "Rudi Hartono", ""),
                    ("staf2.adpem", "", "Intan Permata", "S.Kom."),
                ),
                tunggal=False,
            ),
        ],
        "pemetaan": {
            "Kabag": "kabag",
            "Kasubag": "pengendalian",
            "Kasubag Pengendalian": "pengendalian",
            "Kasubag AD": "ad",
            "Kasubag LN": "ln",
            "Staf": "staf",
            # A Bagian has no secretary or general-affairs subsection of its own: the
            # referenced letter and meeting SOPs run through these positions.
            "Sekretaris": "pengendalian",
            "Kasubag Umum": "ad",
        },
    },
]

# Pemda-level people: the administrator and the evaluators who compare agencies.
PEMDA_ROLES = [
    ("admin.siak", "", "Administrator Pemda Siak", "", Pegawai.Peran.ADMIN_PEMDA),
    ("evaluator.organisasi", "", "Nurhayati", "S.Sos., M.Si.", Pegawai.Peran.EVALUATOR),
    ("evaluator.inspektorat", "", "Bambang Sutrisno", "S.E., Ak.", Pegawai.Peran.EVALUATOR),
    ("evaluator.bappeda", "", "Desi Anggraini", "S.T., M.T.", Pegawai.Peran.EVALUATOR),
]


def nip_demo(nomor: int, perempuan: bool) -> str:
    """A valid, clearly fictional NIP, deterministic for the demo person number."""
    lahir = datetime.date(1970, 1, 1) + datetime.timedelta(days=397 * nomor)
    angkat = f"{lahir.year + 25}{(nomor % 12) + 1:02d}"
    return f"{lahir:%Y%m%d}{angkat}{2 if perempuan else 1}{900 + nomor:03d}"


_PEREMPUAN = {
    "Rina",
    "Sri",
    "Nurul",
    "Siti",
    "Fitriani",
    "Maya",
    "Putri",
    "Wulan",
    "Dewi",
    "Lina",
    "Ratna",
    "Eka",
    "Intan",
    "Nurhayati",
    "Desi",
}


def _perempuan(nama: str) -> bool:
    return nama.split()[0] in _PEREMPUAN


class _Pemuat:
    def __init__(self, stdout=None):
        self.dibuat = 0
        self.nomor = 0
        self.stdout = stdout
        self.logins: list[tuple[str, str, str]] = []

    def _admin(self) -> Pegawai:
        admin = Pegawai.objects.filter(username="admin").first()
        if admin is None:
            admin = Pegawai.objects.create_superuser("admin", SANDI_DEMO, nama="Superadmin SAKIP")
            self.dibuat += 1
        self.aktor = admin
        self.logins.append(("admin", "Superadmin (Data Master)", "—"))
        return admin

    def _pemda(self) -> Pemda:
        pemda = Pemda.objects.filter(nama="Kabupaten Siak").first()
        if pemda is None:
            pemda = services.simpan_pemda(
                aktor=self.aktor,
                pemda=Pemda(
                    nama="Kabupaten Siak",
                    jenis=Pemda.Jenis.KABUPATEN,
                    kode="14.05",
                    ibukota="Siak Sri Indrapura",
                    nama_kepala_daerah="Dr. H. Ahmad Syahrul, M.Si.",
                    alamat="Jl. Raja Kecik, Siak Sri Indrapura, Riau",
                ),
            )
            self.dibuat += 1
        return pemda

    def _pegawai(self, username, gelar_depan, nama, gelar, **kw) -> Pegawai:
        self.nomor += 1
        pegawai = Pegawai.objects.filter(username=username).first()
        if pegawai is None:
            pegawai = services.simpan_pegawai(
                aktor=self.aktor,
                pegawai=Pegawai(
                    username=username,
                    nip=nip_demo(self.nomor, _perempuan(nama)),
                    gelar_depan=gelar_depan,
                    nama=nama,
                    gelar_belakang=gelar,
                    email=f"{username}@demo.siakkab.go.id",
                    **kw,
                ),
                sandi=SANDI_DEMO,
            )
            self.dibuat += 1
        return pegawai

    def _instansi(self, pemda: Pemda, data: dict) -> None:
        instansi = Instansi.objects.filter(pemda=pemda, kode_unit=data["kode_unit"]).first()
        if instansi is None:
            instansi = services.simpan_instansi(
                aktor=self.aktor,
                instansi=Instansi(
                    pemda=pemda,
                    nama=data["nama"],
                    jenis=data["jenis"],
                    kode_unit=data["kode_unit"],
                    alamat=data["alamat"],
                    email=f"{data['kode_unit'].lower()}@demo.siakkab.go.id",
                ),
            )
            self.dibuat += 1
        jabatan: dict[str, Jabatan] = {}
        for urutan, j in enumerate(data["jabatan"]):
            obj = Jabatan.objects.filter(instansi=instansi, nama=j.nama).first()
            if obj is None:
                obj = services.simpan_jabatan(
                    aktor=self.aktor,
                    jabatan=Jabatan(
                        instansi=instansi,
                        nama=j.nama,
                        atasan=jabatan.get(j.atasan),
                        eselon=j.eselon,
                        peran=j.peran,
                        tunggal=j.tunggal,
                        urutan=urutan,
                    ),
                )
                self.dibuat += 1
            jabatan[j.kunci] = obj
            for username, gelar_depan, nama, gelar in j.pemangku:
                self._pegawai(
                    username, gelar_depan, nama, gelar, pemda=pemda, instansi=instansi, jabatan=obj
                )
                self.logins.append((username, j.nama, instansi.nama))
        for nama_pelaksana, kunci in data.get("pemetaan", KECAMATAN_PEMETAAN).items():
            if not PemetaanPelaksana.objects.filter(
                instansi=instansi, nama_pelaksana=nama_pelaksana
            ).exists():
                services.simpan_pemetaan(
                    aktor=self.aktor,
                    pemetaan=PemetaanPelaksana(
                        instansi=instansi, nama_pelaksana=nama_pelaksana, jabatan=jabatan[kunci]
                    ),
                )
                self.dibuat += 1
        if "sekcam" in jabatan and not jabatan["sekcam"].pemangku.exists():
            self._plt(jabatan["sekcam"], Pegawai.objects.get(jabatan=jabatan["kasi_pem"]))

    def _plt(self, jabatan: Jabatan, pegawai: Pegawai) -> None:
        if not PelaksanaTugas.objects.filter(jabatan=jabatan, pegawai=pegawai).exists():
            services.simpan_pelaksana_tugas(
                aktor=self.aktor,
                penugasan=PelaksanaTugas(
                    jabatan=jabatan,
                    pegawai=pegawai,
                    jenis=PelaksanaTugas.Jenis.PLT,
                    tanggal_mulai=datetime.date(2026, 1, 2),
                    nomor_sk="800.1.11.1/012/SETDA/2026",
                ),
            )
            self.dibuat += 1
        self.logins.append((pegawai.username, f"Plt. {jabatan.nama}", jabatan.instansi.nama))

    def muat(self) -> int:
        with transaction.atomic():
            self._admin()
            pemda = self._pemda()
            for data in INSTANSI:
                self._instansi(pemda, data)
            for username, gelar_depan, nama, gelar, peran in PEMDA_ROLES:
                self._pegawai(username, gelar_depan, nama, gelar, pemda=pemda, peran=peran)
                self.logins.append((username, str(Pegawai.Peran(peran).label), pemda.nama))
        return self.dibuat


def jabatan_demo(instansi: Instansi) -> dict[str, Jabatan]:
    """A demo agency's positions by the keys `INSTANSI` gives them ("camat", "evapor", …),
    so the other apps' demo data can name a position without its full name."""
    data = next(d for d in INSTANSI if d["kode_unit"] == instansi.kode_unit)
    return {j.kunci: Jabatan.objects.get(instansi=instansi, nama=j.nama) for j in data["jabatan"]}


def muat_demo() -> tuple[int, list[tuple[str, str, str]]]:
    """Load the demo; returns (rows created, [(username, role, agency)])."""
    pemuat = _Pemuat()
    dibuat = pemuat.muat()
    return dibuat, pemuat.logins
