"""Dokumen SOP PermenPAN-RB 35/2012: identitas, diagram alir per halaman, PDF A4 lanskap.

Ceritanya: Camat Bungaraya mengesahkan SOP Penyusunan Perjanjian Kinerja; Kasubag Evapor
memeriksa konsep (Ya ke Tim, Tidak kembali ke Staf), Tim memeriksa lagi (Tidak kembali ke
Kasubag), dan dokumennya dicetak untuk ditempel di ruang kerja.
"""

import copy
import io
import math
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from sakip.sop.dokumen import (
    BARIS_MONITORING_PER_HALAMAN,
    BARIS_PER_HALAMAN,
    html_dokumen_sop,
    konteks_dokumen,
    pdf_dokumen_sop,
    tanggal_panjang,
)

INSTANSI = {
    "pemda": "Kabupaten Siak",
    "nama": "Kecamatan Bungaraya",
    "alamat": "Jl. Raya Bungaraya No. 1, Bungaraya, Siak, Riau",
    "logo_url": None,
}

PELAKSANA_PK = ["Camat", "Sekretaris", "Tim", "Kasubag Evapor", "Staf", "Kasubag Umum"]


def _langkah(no, kegiatan, pelaksana, kelengkapan, waktu, output, keterangan="", **lain):
    return {
        "no": no,
        "kegiatan": kegiatan,
        "pelaksana": pelaksana,
        "kelengkapan": kelengkapan,
        "waktu": waktu,
        "output": output,
        "keterangan": keterangan,
        "keputusan": lain.get("keputusan"),
        "subproses": lain.get("subproses"),
    }


def sop_perjanjian_kinerja() -> dict:
    """Seed 000, SOP Penyusunan Perjanjian Kinerja: 12 langkah, dua keputusan, satu subproses."""
    pk = "Penetapan Kinerja"
    ttd = f"{pk} yang sudah ditandatangani"
    return {
        "kode": "000-perjanjian-kinerja",
        "nama": "SOP Penyusunan Perjanjian Kinerja",
        "sumber": "000_ea5f3c5ae52fc307.txt",
        "pelaksana": list(PELAKSANA_PK),
        "identitas": {
            "nomor_sop": "000.8.3.3/001/KEC-BR/2026",
            "tanggal_pembuatan": "2022-01-04",
            "tanggal_revisi": "",
            "tanggal_efektif": "2022-01-04",
            "disahkan_oleh": {
                "jabatan": "Camat Bungaraya",
                "nama": "Ahmad Fauzi, S.STP., M.Si.",
                "nip": "19720713 199203 1 005",
            },
            "dasar_hukum": [
                "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
                "Instansi Pemerintah",
                "Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis "
                "Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu",
                "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP",
            ],
            "kualifikasi_pelaksana": [
                "Memahami tugas pokok dan fungsi kecamatan",
                "Mampu mengoperasikan komputer",
            ],
            "keterkaitan": ["SOP Undangan Rapat", "SOP Pengiriman Surat"],
            "peralatan_perlengkapan": ["Komputer", "Printer", "ATK", "DPA"],
            "peringatan": "Apabila SOP tidak dilaksanakan, Perjanjian Kinerja terlambat disusun.",
            "pencatatan_pendataan": "Disimpan sebagai arsip elektronik dan manual.",
        },
        "langkah": [
            _langkah(1, f"Memerintahkan untuk menyusun {pk}", "Camat", "Struktur organisasi",
                     "10 menit", "Draft Anggota Tim"),
            _langkah(2, f"Membentuk Tim Penyusun {pk}, Memberi pengarahan", "Sekretaris",
                     "Draft Anggota Tim", "10 menit", "Terbentuknya Tim Kerja"),
            _langkah(3, "Rapat Tim", "Tim", "DPA", "1 jam", "Notulensi rapat",
                     "SOP Undangan Rapat", subproses="undangan-rapat"),
            _langkah(4, "Merumuskan hasil rapat, menyusun konsep penetapan kinerja",
                     "Kasubag Evapor", "Notulensi rapat", "15 menit", f"Konsep {pk}"),
            _langkah(5, "Mengetik hasil rapat", "Staf", f"Konsep {pk}", "20 menit",
                     f"Konsep {pk}"),
            _langkah(6, "Memeriksa konsep penetapan kinerja. Jika setuju diserahkan ke Tim. "
                     "Jika tidak setuju diserahkan ke staf untuk diperbaiki.", "Kasubag Evapor",
                     f"Konsep {pk}", "10 menit", pk, keputusan={"ya": 7, "tidak": 5}),
            _langkah(7, "Memeriksa konsep penetapan kinerja. Jika setuju diserahkan ke "
                     "Sekretaris. Jika tidak setuju diserahkan ke kasubag untuk diperbaiki.",
                     "Tim", pk, "5 menit", pk, keputusan={"ya": 8, "tidak": 4}),
            _langkah(8, "Memberi paraf", "Sekretaris", pk, "5 menit",
                     f"{pk} yang sudah diparaf"),
            _langkah(9, "Manandatangani penetapan kinerja", "Camat", f"{pk} yang sudah diparaf",
                     "10 menit", ttd),
            _langkah(10, "Memerintahkan untuk mengagenda dan mendistribusikan", "Camat", ttd,
                     "5 menit", ttd, "SOP Pengiriman Surat", subproses="pengiriman-surat"),
            _langkah(11, "Memerintahkan untuk mengagenda dan mendistribusikan", "Kasubag Umum",
                     ttd, "5 menit", ttd),
            _langkah(12, "Mengagenda dan mendistribusikan.", "Staf", ttd, "15 menit",
                     "Bukti pengiriman"),
        ],
    }  # fmt: skip


def sop_panjang(jumlah: int = 24) -> dict:
    """SOP buatan dengan `jumlah` langkah: aktor bergilir, tiap langkah ke-6 sebuah keputusan."""
    pelaksana = ["Kabag", "Kasubag", "Tim Penyusunan SAKIP", "Staf", "Kasubag AD"]
    langkah = []
    for no in range(1, jumlah + 1):
        keputusan = {"ya": no + 1, "tidak": no - 2} if no % 6 == 0 and no < jumlah else None
        langkah.append(
            _langkah(
                no,
                f"Langkah ke-{no}: menyiapkan bahan pelaporan kinerja bagian",
                pelaksana[(no * 2) % len(pelaksana)],
                f"Bahan {no}",
                f"{no} menit",
                f"Hasil {no}",
                keputusan=keputusan,
            )
        )
    definisi = sop_perjanjian_kinerja()
    definisi.update(
        kode="003-pelaporan-panjang",
        nama="SOP Pelaporan Kinerja Bagian",
        pelaksana=pelaksana,
        langkah=langkah,
    )
    return definisi


# --- Pembaca HTML: simbol mana berada di sel mana -------------------------------------------


class _Gambar(HTMLParser):
    """Mencatat setiap <g data-simbol> beserta baris (<tr>) dan kolom (<td>) tempatnya."""

    def __init__(self) -> None:
        super().__init__()
        self.baris: dict = {}
        self.kolom: str | None = None
        self.halaman: str | None = None
        self.simbol: list[dict] = []
        self.kepala: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-halaman" in attrs:
            self.halaman = attrs["data-halaman"]
        elif tag == "tr":
            self.baris = attrs
        elif tag == "td":
            self.kolom = attrs.get("data-kolom")
        elif tag == "th" and "data-kolom" in attrs:
            self.kepala.append(attrs)
        elif tag == "g" and "data-simbol" in attrs:
            self.simbol.append(
                {**attrs, "_baris": self.baris, "_kolom": self.kolom, "_halaman": self.halaman}
            )

    def handle_endtag(self, tag):
        if tag == "td":
            self.kolom = None

    def dari(self, **syarat) -> list[dict]:
        kunci = {k.replace("_", "-"): v for k, v in syarat.items()}
        return [s for s in self.simbol if all(s.get(k) == v for k, v in kunci.items())]


def _baca(html: str) -> _Gambar:
    pembaca = _Gambar()
    pembaca.feed(html)
    return pembaca


def _simbol_langkah(gambar: _Gambar) -> dict[str, dict]:
    simbol = [s for s in gambar.simbol if "data-langkah" in s]
    hasil = {s["data-langkah"]: s for s in simbol}
    assert len(hasil) == len(simbol), "satu simbol per langkah"
    return hasil


def _teks_pdf(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def pdf_pk() -> bytes:
    return pdf_dokumen_sop(sop_perjanjian_kinerja(), INSTANSI)


@pytest.fixture(scope="module")
def pdf_panjang() -> bytes:
    return pdf_dokumen_sop(sop_panjang(), INSTANSI)


# --- Tanggal --------------------------------------------------------------------------------


def test_tanggal_ditulis_panjang_seperti_naskah_dinas():
    assert tanggal_panjang("2022-01-04") == "4 Januari 2022"
    assert tanggal_panjang("2026-12-31") == "31 Desember 2026"
    assert tanggal_panjang("") == ""
    assert tanggal_panjang(None) == ""
    assert tanggal_panjang("Januari 2022") == "Januari 2022"


# --- Diagram alir di HTML -------------------------------------------------------------------


def test_setiap_langkah_satu_simbol_di_kolom_pelaksananya():
    definisi = sop_perjanjian_kinerja()
    simbol = _simbol_langkah(_baca(html_dokumen_sop(definisi, INSTANSI)))

    assert sorted(simbol, key=int) == [str(n) for n in range(1, 13)]
    for langkah in definisi["langkah"]:
        s = simbol[str(langkah["no"])]
        assert s["data-pelaksana"] == langkah["pelaksana"]
        assert s["_kolom"] == langkah["pelaksana"], f"langkah {langkah['no']} di kolom salah"
        assert s["_baris"]["data-langkah"] == str(langkah["no"])


def test_terminator_di_awal_dan_akhir_keputusan_dan_proses_di_tengah():
    simbol = _simbol_langkah(_baca(html_dokumen_sop(sop_perjanjian_kinerja(), INSTANSI)))

    jenis = {no: s["data-simbol"] for no, s in simbol.items()}
    assert jenis["1"] == jenis["12"] == "terminator"
    assert jenis["6"] == jenis["7"] == "keputusan"
    assert {jenis[str(n)] for n in (2, 3, 4, 5, 8, 9, 10, 11)} == {"proses"}
    assert simbol["6"]["data-pelaksana"] == "Kasubag Evapor"
    assert simbol["10"]["data-subproses"] == "pengiriman-surat"


def test_kasubag_menolak_konsep_penghubung_menunjuk_kembali_ke_staf():
    gambar = _baca(html_dokumen_sop(sop_perjanjian_kinerja(), INSTANSI))

    tidak = gambar.dari(data_peran="cabang", data_dari="6")
    assert [(c["data-cabang"], c["data-ke"]) for c in tidak] == [("tidak", "5")]
    # Lingkaran cabang berada di baris langkah 6; lingkaran pasangannya di baris langkah 5.
    assert tidak[0]["_baris"]["data-langkah"] == "6"
    tujuan = gambar.dari(data_peran="tujuan", data_ke="5")
    assert len(tujuan) == 1
    assert tujuan[0]["_baris"]["data-langkah"] == "5"
    assert tujuan[0]["data-dari"] == "6"

    tim_menolak = gambar.dari(data_peran="cabang", data_dari="7")
    assert [(c["data-cabang"], c["data-ke"]) for c in tim_menolak] == [("tidak", "4")]
    assert gambar.dari(data_peran="tujuan", data_ke="4")[0]["_baris"]["data-langkah"] == "4"


def test_label_ya_pada_panah_ke_langkah_berikut_dan_tidak_pada_penghubung():
    konteks = konteks_dokumen(sop_perjanjian_kinerja(), INSTANSI, baris_per_halaman=None)
    baris = {b.langkah["no"]: b for b in konteks["halaman"][0].baris}

    svg_6 = "".join(sel.svg for sel in baris["6"].sel)
    assert ">Ya</text>" in svg_6
    assert ">Tidak</text>" in svg_6
    assert ">Ya</text>" not in "".join(sel.svg for sel in baris["5"].sel)


def test_fragmen_web_satu_tabel_tanpa_penghubung_halaman():
    html = html_dokumen_sop(sop_panjang(), INSTANSI)

    assert "<html" not in html
    assert html.count('<table class="prosedur"') == 1
    assert 'data-simbol="penghubung-halaman"' not in html
    assert "@page" not in html


# --- Halaman dan penghubung antarhalaman ------------------------------------------------------


def test_tabel_alir_dipotong_per_halaman_dengan_segi_lima_di_batasnya():
    definisi = sop_panjang(24)
    gambar = _baca(html_dokumen_sop(definisi, INSTANSI, untuk_pdf=True))

    segi_lima = gambar.dari(data_simbol="penghubung-halaman")
    ringkas = [(s["_halaman"], s["data-posisi"], s["data-label"]) for s in segi_lima]
    assert ringkas == [
        ("1", "bawah", "A"),
        ("2", "atas", "A"),
        ("2", "bawah", "B"),
        ("3", "atas", "B"),
    ]
    # Segi lima bawah di kolom langkah 8, segi lima atas di kolom langkah 9.
    simbol = _simbol_langkah(gambar)
    assert segi_lima[0]["_kolom"] == simbol["8"]["_kolom"]
    assert segi_lima[1]["_kolom"] == simbol["9"]["_kolom"]
    assert simbol["9"]["_halaman"] == "2"
    # Kepala tabel (kolom pelaksana) diulang di setiap halaman.
    assert len(gambar.kepala) == 3 * len(definisi["pelaksana"])


def test_baris_per_halaman_dapat_diatur():
    konteks = konteks_dokumen(sop_panjang(24), INSTANSI, baris_per_halaman=6)

    assert [len([b for b in h.baris if b.langkah]) for h in konteks["halaman"]] == [6, 6, 6, 6]


def test_teks_kegiatan_yang_panjang_menutup_halaman_lebih_awal():
    definisi = sop_panjang(10)
    for langkah in definisi["langkah"]:
        langkah["kegiatan"] = "Memeriksa dan menelaah bahan laporan kinerja " * 12
        langkah["output"] = "Dokumen laporan kinerja yang sudah diperiksa " * 3

    konteks = konteks_dokumen(definisi, INSTANSI)
    pdf = pdf_dokumen_sop(definisi, INSTANSI)

    assert len(konteks["halaman"]) > math.ceil(10 / BARIS_PER_HALAMAN)
    # Perkiraan tinggi cukup hati-hati: tidak ada tabel yang dipecah lagi oleh WeasyPrint.
    halaman_pdf = len(PdfReader(io.BytesIO(pdf)).pages)
    assert halaman_pdf == 1 + len(konteks["halaman"]) + len(konteks["monitoring"])


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_a4_lanskap_memuat_identitas_dan_kegiatan(pdf_pk):
    halaman = PdfReader(io.BytesIO(pdf_pk)).pages
    teks = _teks_pdf(pdf_pk)
    semua = " ".join(teks)

    for p in halaman:
        assert float(p.mediabox.width) == pytest.approx(841.89, abs=1)
        assert float(p.mediabox.height) == pytest.approx(595.28, abs=1)
    # Identitas, 2 halaman alir (8 + 4 langkah), 1 halaman monitoring.
    assert len(halaman) == 1 + 2 + 1
    for isian in (
        "000.8.3.3/001/KEC-BR/2026",
        "4 Januari 2022",
        "Camat Bungaraya",
        "Ahmad Fauzi, S.STP., M.Si.",
        "NIP. 19720713 199203 1 005",
        "SOP PENYUSUNAN PERJANJIAN KINERJA",
        "PEMERINTAH KABUPATEN SIAK",
        "Peraturan Presiden Nomor 29 Tahun 2014",
        "Pencatatan dan Pendataan",
    ):
        assert isian in teks[0], isian
    for kegiatan in ("Rapat Tim", "Mengetik hasil rapat", "Memberi paraf"):
        assert kegiatan in teks[1], kegiatan
    assert "Manandatangani penetapan kinerja" in teks[2]
    assert "Mengagenda dan mendistribusikan." in teks[2]
    assert "Memeriksa konsep penetapan kinerja. Jika setuju diserahkan ke Tim." in semua
    assert "FORMULIR MONITORING PELAKSANAAN SOP" in teks[3]


def test_pdf_sop_panjang_jumlah_halaman_sesuai_potongan(pdf_panjang):
    teks = _teks_pdf(pdf_panjang)

    konteks = konteks_dokumen(sop_panjang(), INSTANSI)
    alir = math.ceil(24 / BARIS_PER_HALAMAN)
    assert len(konteks["halaman"]) == alir
    assert len(konteks["monitoring"]) == math.ceil(24 / BARIS_MONITORING_PER_HALAMAN)
    # Pemotongan sendiri cocok dengan PDF: WeasyPrint tidak perlu memecah tabel lagi.
    assert len(teks) == 1 + alir + len(konteks["monitoring"])
    # Langkah 17 pada halaman alir ketiga (halaman ke-4 dokumen), setelah segi lima B.
    assert "Langkah ke-17: menyiapkan bahan pelaporan kinerja bagian" in teks[3]
    assert "Sambungan dari halaman sebelumnya (B)" in teks[3]
    assert "Bersambung ke halaman berikutnya (A)" in teks[1]


# --- Cacat sumber ----------------------------------------------------------------------------


def sop_cacat() -> dict:
    """Cacat yang ada di seed: aktor tak terdaftar (Kaban), sel kosong, waktu hilang, nomor
    kosong, keputusan dengan cabang hilang dan cabang ke langkah yang tidak ada."""
    definisi = copy.deepcopy(sop_perjanjian_kinerja())
    langkah = definisi["langkah"]
    langkah[7]["pelaksana"] = "Kaban"
    langkah[8]["kelengkapan"] = ""
    langkah[8]["output"] = None
    del langkah[9]["waktu"]
    langkah[10]["pelaksana"] = ""
    langkah[10]["kegiatan"] = ""
    langkah[4]["no"] = None
    langkah[6]["keputusan"] = {"ya": None, "tidak": 99}
    definisi["identitas"] = {"nomor_sop": "", "disahkan_oleh": None}
    return definisi


def test_aktor_tak_terdaftar_mendapat_kolom_bertanda_dan_tetap_digambar():
    html = html_dokumen_sop(sop_cacat(), INSTANSI)
    gambar = _baca(html)

    kaban = [k for k in gambar.kepala if k["data-kolom"] == "Kaban"]
    assert kaban and kaban[0]["data-tambahan"] == "ya"
    simbol = _simbol_langkah(gambar)
    assert simbol["8"]["_kolom"] == "Kaban"
    assert simbol["11"]["_kolom"] == "(tidak disebut)"
    assert simbol["5"]["data-posisi-langkah"] == "5"  # nomor kosong diganti posisinya
    assert "tidak tercantum dalam daftar pelaksana" in html
    assert [c["data-ke"] for c in gambar.dari(data_peran="cabang", data_dari="7")] == ["99"]


def test_sop_cacat_dan_kosong_tetap_menjadi_pdf():
    pdf = pdf_dokumen_sop(sop_cacat(), {})
    assert PdfReader(io.BytesIO(pdf)).pages

    kosong = pdf_dokumen_sop({"kode": "x", "langkah": []}, {})
    assert len(PdfReader(io.BytesIO(kosong)).pages) == 3  # identitas, tabel kosong, monitoring

    satu = {"nama": "Satu", "pelaksana": [], "langkah": [{"kegiatan": "Tunggal"}]}
    assert "Tunggal" in " ".join(_teks_pdf(pdf_dokumen_sop(satu, {})))


def test_keputusan_tanpa_sisi_bebas_menaruh_penghubung_di_bawah():
    # Satu-satunya kolom: tidak ada kolom tetangga untuk lingkaran.
    definisi = {
        "pelaksana": ["Staf"],
        "langkah": [
            _langkah(1, "Mulai", "Staf", "", "", ""),
            _langkah(2, "Periksa", "Staf", "", "", "", keputusan={"ya": 3, "tidak": 1}),
            _langkah(3, "Selesai", "Staf", "", "", ""),
        ],
    }
    gambar = _baca(html_dokumen_sop(definisi, {}))

    assert gambar.dari(data_peran="cabang", data_dari="2")[0]["_kolom"] == "Staf"
    assert gambar.dari(data_peran="tujuan", data_ke="1")[0]["_kolom"] == "Staf"


def test_teks_pengguna_di_escape():
    definisi = sop_perjanjian_kinerja()
    definisi["langkah"][0]["kegiatan"] = '<script>alert("x")</script>'
    definisi["langkah"][1]["pelaksana"] = 'Sekretaris"><b>'
    instansi = {**INSTANSI, "nama": "<i>Kecamatan</i>"}

    html = html_dokumen_sop(definisi, instansi, untuk_pdf=True)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<i>Kecamatan</i>" not in html
    assert '"><b>' not in html


def test_logo_hanya_dari_data_atau_file():
    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
        "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )
    assert pdf_dokumen_sop(sop_perjanjian_kinerja(), {**INSTANSI, "logo_url": png})
    # URL jaringan tidak diambil, dokumen tetap jadi.
    jaringan = {**INSTANSI, "logo_url": "http://169.254.169.254/logo.png"}
    assert pdf_dokumen_sop(sop_perjanjian_kinerja(), jaringan)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils tidak terpasang")
def test_halaman_alir_dapat_digambar_menjadi_png(pdf_pk, tmp_path):
    berkas = tmp_path / "pk.pdf"
    berkas.write_bytes(pdf_pk)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", berkas, tmp_path / "hal"],
        check=True,
    )
    assert list(tmp_path.glob("hal*.png"))
