"""The kinds of document an agency can print from a Word template, and what each template sees.

Each kind names its context variables (a schema that doubles as documentation), ships a
built-in template in `bawaan/`, and may be overridden per agency (STYLE.md §4: document
templates are data). Other apps add their kinds with `daftarkan_jenis`.

A schema is a dict: a leaf is the variable's description (its value is always display-ready
text, already formatted the Indonesian way), a nested dict an object, and a one-element list
`[{...}]` a list of such objects, walked with `{%tr for … %}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BAWAAN = Path(__file__).parent / "bawaan"

Skema = dict[str, "str | Skema | list[Skema]"]

VARIABEL_KOP: Skema = {
    "pemda": "Nama Pemda dengan huruf besar, mis. PEMERINTAH KABUPATEN SIAK",
    "instansi": "Nama instansi dengan huruf besar, mis. KECAMATAN BUNGARAYA",
    "alamat": "Alamat kantor",
    "telepon": "Nomor telepon kantor",
    "email": "Alamat email kantor",
    "situs": "Alamat situs web",
    "kontak": "Telepon, email dan situs dalam satu baris, mis. Telp. (0764) 123, Email: …",
    "logo": "Logo (gambar); kosong bila instansi dan Pemda belum mengunggah logo",
}

VARIABEL_PEJABAT: Skema = {
    "nama": "Nama lengkap dengan gelar",
    "nip": "NIP bergaris-spasi, mis. 19720713 199203 1 005; kosong untuk kepala daerah",
    "jabatan": "Jabatan, mis. Camat Bungaraya",
    "jabatan_ttd": "Jabatan huruf besar untuk blok tanda tangan, mis. CAMAT BUNGARAYA",
}

VARIABEL_PK: Skema = {
    "kop": VARIABEL_KOP,
    "pk": {
        "tahun": "Tahun perjanjian, mis. 2026",
        "judul": "PERJANJIAN KINERJA TAHUN 2026",
        "instansi": "Nama instansi, mis. Kecamatan Bungaraya",
        "unit": "Judul halaman lampiran (jabatan pihak pertama, huruf besar)",
        "draf": "Benar selama PK belum ditandatangani (untuk tanda DRAF)",
        "status": "Draf / Ditandatangani / Diganti revisi",
        "nomor_revisi": "0 untuk PK awal; 1, 2, … untuk revisi",
        "revisi": "“Revisi ke-1” atau kosong",
        "alasan_revisi": "Alasan revisi, mis. Perubahan anggaran; kosong bila bukan revisi",
        "keterangan_revisi": "Keterangan revisi",
        "tempat": "Tempat penandatanganan, mis. Bungaraya",
        "tanggal": "Tanggal penandatanganan, mis. 2 Januari 2026 (titik-titik bila belum)",
        "tempat_tanggal": "Bungaraya, 2 Januari 2026",
        "label_anggaran": "Judul kolom: Program (eselon III) atau Kegiatan/Sub Kegiatan (IV)",
        "total_anggaran": "Jumlah anggaran, mis. Rp 1.500.000",
    },
    "pihak_pertama": VARIABEL_PEJABAT,
    "pihak_kedua": VARIABEL_PEJABAT,
    "sasaran": [
        {
            "no": "Nomor urut sasaran",
            "uraian": "Sasaran strategis",
            "indikator": [
                {
                    "no": "Nomor urut indikator dalam sasaran",
                    "nama": "Indikator kinerja",
                    "satuan": "Satuan, mis. %",
                    "target": "Target dengan satuan: 90 %, 80 – 90 %, atau nilai skala (WTP)",
                }
            ],
        }
    ],
    "anggaran": [
        {
            "no": "Nomor urut",
            "uraian": "Program, kegiatan atau sub kegiatan",
            "anggaran": "Anggaran, mis. Rp 1.500.000",
        }
    ],
}


@dataclass(frozen=True)
class JenisDokumen:
    """One kind of document: its name, its template's variables and its built-in template."""

    kode: str
    nama: str
    variabel: Skema
    bawaan: Path
    # A realistic context for trial renders of uploaded templates; derived from
    # `variabel` when not given.
    contoh: dict = field(default_factory=dict)

    def konteks_contoh(self) -> dict:
        return self.contoh or contoh_dari_skema(self.variabel)


JENIS_DOKUMEN: dict[str, JenisDokumen] = {}


def daftarkan_jenis(jenis: JenisDokumen) -> JenisDokumen:
    """Register (or replace) a kind; apps call this at import time of their document module."""
    JENIS_DOKUMEN[jenis.kode] = jenis
    return jenis


def jenis_dokumen(kode: str) -> JenisDokumen:
    try:
        return JENIS_DOKUMEN[kode]
    except KeyError:
        raise LookupError(f"Jenis dokumen tidak dikenal: {kode}") from None


def pilihan_jenis() -> list[tuple[str, str]]:
    return sorted(((j.kode, j.nama) for j in JENIS_DOKUMEN.values()), key=lambda p: p[1])


def daftar_variabel(skema: Skema, awalan: str = "") -> list[tuple[str, str]]:
    """('pk.tahun', description) for every leaf; list items are shown as 'sasaran[].uraian'."""
    hasil = []
    for nama, isi in skema.items():
        jalur = f"{awalan}{nama}"
        if isinstance(isi, dict):
            hasil += daftar_variabel(isi, jalur + ".")
        elif isinstance(isi, list):
            hasil += daftar_variabel(isi[0], jalur + "[].")
        else:
            hasil.append((jalur, isi))
    return hasil


def contoh_dari_skema(skema: Skema) -> dict:
    """A context with every variable present: leaves as «name», lists with one item."""
    hasil: dict = {}
    for nama, isi in skema.items():
        if isinstance(isi, dict):
            hasil[nama] = contoh_dari_skema(isi)
        elif isinstance(isi, list):
            hasil[nama] = [contoh_dari_skema(isi[0])]
        else:
            hasil[nama] = f"«{nama}»"
    return hasil


def _contoh_pejabat(nama: str, nip: str, jabatan: str) -> dict:
    return {"nama": nama, "nip": nip, "jabatan": jabatan, "jabatan_ttd": jabatan.upper()}


CONTOH_PK = {
    "kop": {
        "pemda": "PEMERINTAH KABUPATEN SIAK",
        "instansi": "KECAMATAN BUNGARAYA",
        "alamat": "Jalan Raya Bungaraya No. 1, Bungaraya 28763",
        "telepon": "(0764) 123456",
        "email": "kec.bungaraya@siakkab.go.id",
        "situs": "https://bungaraya.siakkab.go.id",
        "kontak": "Telp. (0764) 123456, Email: kec.bungaraya@siakkab.go.id",
        "logo": "",
    },
    "pk": {
        "tahun": 2026,
        "judul": "PERJANJIAN KINERJA TAHUN 2026",
        "instansi": "Kecamatan Bungaraya",
        "unit": "CAMAT BUNGARAYA",
        "draf": True,
        "status": "Draf",
        "nomor_revisi": 0,
        "revisi": "",
        "alasan_revisi": "",
        "keterangan_revisi": "",
        "tempat": "Bungaraya",
        "tanggal": "2 Januari 2026",
        "tempat_tanggal": "Bungaraya, 2 Januari 2026",
        "label_anggaran": "Program",
        "total_anggaran": "Rp 1.500.000",
    },
    "pihak_pertama": _contoh_pejabat("Drs. Amin Soimin, M.Si.", "19720713 199203 1 005", "Camat"),
    "pihak_kedua": _contoh_pejabat("Dr. Alfedri, M.Si.", "", "Bupati Siak"),
    "sasaran": [
        {
            "no": 1,
            "uraian": "Meningkatnya kualitas pelayanan publik",
            "indikator": [
                {"no": 1, "nama": "Indeks Kepuasan Masyarakat", "satuan": "%", "target": "90 %"}
            ],
        }
    ],
    "anggaran": [
        {"no": 1, "uraian": "Program Penunjang Urusan Pemerintahan", "anggaran": "Rp 1.500.000"}
    ],
}

daftarkan_jenis(
    JenisDokumen(
        kode="pk",
        nama="Perjanjian Kinerja",
        variabel=VARIABEL_PK,
        bawaan=BAWAAN / "pk.docx",
        contoh=CONTOH_PK,
    )
)
