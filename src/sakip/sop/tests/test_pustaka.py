"""The SOP library: 27 seed procedures (268 steps) loaded faithfully, plus our seven."""

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sakip.sop.definisi import (
    BERKAS_SKEMA,
    PUSTAKA_BAWAAN,
    Keputusan,
    PustakaError,
    muat_pustaka,
    muat_sop,
)

SEEDS = Path("/work/shared/seeds")
ADA_SEED = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed files not on this machine")

KODE_SEED = {
    "000_ea5f3c5ae52fc307.txt": [
        "000-perjanjian-kinerja",
        "000-laporan-tahunan",
        "000-laporan-bulanan",
        "000-rka",
        "000-iku",
        "000-monev",
        "000-lkj",
        "000-laporan-semesteran",
        "000-renja",
        "000-renstra",
        "000-spp-ikm",
        "000-sakip",
    ],
    "001_ed354b7911d5bd50.txt": ["001-monev-rencana-aksi"],
    "002_954c9051dc320cf1.txt": [
        "002-renstra",
        "002-renja",
        "002-laporan-bulanan",
        "002-rka",
        "002-laporan-semesteran",
        "002-laporan-tahunan",
        "002-lakip",
        "002-dpa",
        "002-monev",
        "002-iku",
        "002-penetapan-kinerja",
    ],
    "003_b8b28d671da69d05.txt": [
        "003-pengumpulan-data-kinerja",
        "003-evaluasi",
        "003-pelaporan-kinerja",
    ],
}
KODE_SENDIRI = [
    "pengiriman-surat",
    "surat-keluar",
    "undangan-rapat",
    "surat-tugas",
    "perjalanan-dinas",
    "rapat-koordinasi-internal",
    "penyampaian-data-kinerja",
]


@pytest.fixture(scope="module")
def pustaka():
    return muat_pustaka()


def kegiatan(sop):
    return [lk.kegiatan for lk in sop.langkah]


# --- the whole library -------------------------------------------------------------------


def test_skema_sendiri_sah_menurut_draft_2020_12():
    Draft202012Validator.check_schema(json.loads(BERKAS_SKEMA.read_text()))


def test_pustaka_memuat_27_sop_seed_dan_7_sop_sendiri(pustaka):
    seed = {k for k, s in pustaka.items() if s.dari_seed}
    sendiri = {k for k, s in pustaka.items() if not s.dari_seed}
    assert seed == {k for daftar in KODE_SEED.values() for k in daftar}
    assert sendiri == set(KODE_SENDIRI)
    for sumber, daftar in KODE_SEED.items():
        assert all(pustaka[k].sumber == sumber for k in daftar)


def test_sop_seed_berjumlah_268_langkah(pustaka):
    # docs/domain.md §3: 27 procedures, 268 steps; the transcription agrees.
    per_berkas = {
        sumber: sum(len(pustaka[k].langkah) for k in daftar) for sumber, daftar in KODE_SEED.items()
    }
    assert per_berkas == {
        "000_ea5f3c5ae52fc307.txt": 127,
        "001_ed354b7911d5bd50.txt": 16,
        "002_954c9051dc320cf1.txt": 100,
        "003_b8b28d671da69d05.txt": 25,
    }
    assert sum(per_berkas.values()) == 268


def test_sop_sendiri_4_sampai_8_langkah_tanpa_sumber(pustaka):
    for kode in KODE_SENDIRI:
        sop = pustaka[kode]
        assert sop.sumber is None
        assert 4 <= len(sop.langkah) <= 8, kode
        assert sop.jadwal.frekuensi == "sesuai_kebutuhan"


def test_kode_sama_dengan_nama_berkas_dan_slug(pustaka):
    for kode in pustaka:
        assert (PUSTAKA_BAWAAN / f"{kode}.yaml").exists()
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", kode)


def test_pelaksana_tiap_langkah_satu_dari_kolom_sop(pustaka):
    for sop in pustaka.values():
        for posisi, lk in enumerate(sop.langkah, 1):
            assert lk.pelaksana in sop.pelaksana, (sop.kode, posisi, lk.pelaksana)


def test_staff_ditulis_staf(pustaka):
    nama = {p for s in pustaka.values() for p in s.pelaksana}
    assert "Staff" not in nama
    assert "Staf" in nama


def test_langkah_yang_menulis_jika_tidak_adalah_keputusan_yang_kembali(pustaka):
    """Every review that says where a rejection goes is a decision whose 'tidak' goes back."""
    for sop in pustaka.values():
        for posisi, lk in enumerate(sop.langkah, 1):
            teks = lk.kegiatan.lower()
            if re.search(r"\b(jika|bila)\b.*\btidak\b", teks):
                assert lk.keputusan, (sop.kode, posisi)
            if lk.keputusan and lk.keputusan.tidak:
                assert lk.keputusan.tidak < posisi < lk.keputusan.ya, (sop.kode, posisi)


def test_subproses_menunjuk_sop_yang_ada(pustaka):
    for sop in pustaka.values():
        for lk in sop.langkah:
            if lk.subproses:
                assert lk.subproses in pustaka
            if "SOP" in lk.keterangan:
                assert lk.subproses, (sop.kode, lk.keterangan)


def test_setiap_sop_punya_jadwal_dan_kode_klasifikasi(pustaka):
    assert pustaka["000-laporan-bulanan"].jadwal.frekuensi == "bulanan"
    assert pustaka["000-laporan-semesteran"].jadwal.frekuensi == "semesteran"
    assert pustaka["000-renstra"].jadwal.frekuensi == "lima_tahunan"
    assert pustaka["000-perjanjian-kinerja"].kode_klasifikasi == "000.7.2.7"
    assert pustaka["000-spp-ikm"].kode_klasifikasi == "000.8.3.2"
    assert pustaka["surat-tugas"].kode_klasifikasi == "800.1.11.1"
    assert all(s.kode_klasifikasi for s in pustaka.values())


# --- spot checks against the seeds --------------------------------------------------------


def test_pk_000_langkah_10_dan_11_identik_dimuat_apa_adanya(pustaka):
    pk = pustaka["000-perjanjian-kinerja"]
    assert pk.nama == "SOP Penyusunan Perjanjian Kinerja"
    sepuluh, sebelas = pk.langkah_ke(10), pk.langkah_ke(11)
    assert sepuluh.kegiatan == sebelas.kegiatan
    assert sepuluh.kegiatan == "Memerintahkan untuk mengagenda dan mendistribusikan"
    assert (sepuluh.kelengkapan, sepuluh.output) == (sebelas.kelengkapan, sebelas.output)
    assert sepuluh.subproses == "pengiriman-surat"


def test_pk_000_alur_pelaksana_seperti_konvensi_seed(pustaka):
    """Camat orders, Sekretaris forms the team, the Tim meets, Kasubag Evapor drafts, Staf types,
    Kasubag checks, the Tim checks, Sekretaris initials, Camat signs, the letter goes out."""
    pk = pustaka["000-perjanjian-kinerja"]
    assert [lk.pelaksana for lk in pk.langkah] == [
        "Camat",
        "Sekretaris",
        "Tim",
        "Kasubag Evapor",
        "Staf",
        "Kasubag Evapor",
        "Tim",
        "Sekretaris",
        "Camat",
        "Camat",
        "Kasubag Umum",
        "Staf",
    ]
    assert pk.langkah_ke(2).bentuk_tim
    assert pk.langkah_ke(3).subproses == "undangan-rapat"
    # Kasubag rejects to the Staf who typed; the Tim rejects to the Kasubag's draft.
    assert pk.langkah_ke(6).keputusan == Keputusan(ya=7, tidak=5)
    assert pk.langkah_ke(7).keputusan == Keputusan(ya=8, tidak=4)


def test_laporan_bulanan_000_langkah_ketiga_tak_bernomor(pustaka):
    sop = pustaka["000-laporan-bulanan"]
    assert [lk.no_seed for lk in sop.langkah] == ["1", "2", None, "4", "5", "6", "7", "8"]
    assert sop.langkah_ke(3).kegiatan.startswith("Memeriksa Laporan. Jika setuju")
    assert sop.langkah_ke(3).keputusan == Keputusan(ya=4, tidak=2)


def test_pengumpulan_data_003_nomor_apa_adanya(pustaka):
    sop = pustaka["003-pengumpulan-data-kinerja"]
    assert [lk.no_seed for lk in sop.langkah] == ["1", "2", "3", "4", "7", None, "8"]
    assert sop.langkah_ke(6).kegiatan == "Melakukan rapat intern dengan Tim"


def test_001_enam_belas_langkah_monitoring_bulanan(pustaka):
    sop = pustaka["001-monev-rencana-aksi"]
    assert len(sop.langkah) == 16
    assert sop.pelaksana == (
        "Kasubag Perencanaan",
        "Sekretaris Camat",
        "Camat",
        "Tim Monitoring",
        "Fungsional Umum",
    )
    assert sop.langkah_ke(6).keterangan == "dilaksanakan satu kali dalam satu bulan"
    assert sop.langkah_ke(7).keterangan == "dilaksanakan dalam waktu tiga bulan sekali"
    assert sop.langkah_ke(4).keputusan == Keputusan(ya=5, tidak=3)
    assert sop.langkah_ke(16).pelaksana == "Fungsional Umum"


def test_cacat_seed_000_dimuat_tanpa_diperbaiki(pustaka):
    assert pustaka["000-renstra"].langkah_ke(2).output == "Tim penyusun Renja"
    assert "Kaban" in pustaka["000-monev"].langkah_ke(8).kegiatan
    rka = pustaka["000-rka"]
    assert rka.langkah_ke(11).output == ""
    assert rka.langkah_ke(12).kelengkapan == ""
    assert pustaka["000-spp-ikm"].catatan_sumber == ("Kolom output berjudul 'Input'",)
    evaluasi = pustaka["003-evaluasi"].langkah_ke(1)
    assert (evaluasi.kelengkapan, evaluasi.waktu, evaluasi.output) == ("", "", "")


def test_002_baris_pdf_disambung_dan_pelaksana_dari_teks(pustaka):
    renstra = pustaka["002-renstra"]
    assert renstra.langkah_ke(3).kegiatan == (
        "Kasi-kasi melaksanakan kajian tentang rencana strategis kecamatan pada tahun yang akan "
        "datang dipimpin oleh Sekcam sbg Ketua Tim"
    )
    assert renstra.langkah_ke(3).pelaksana == "Kasi"
    assert renstra.langkah_ke(4).pelaksana == "Sekcam"
    rka = pustaka["002-rka"]
    assert rka.langkah_ke(2).subproses == "surat-tugas"
    assert rka.langkah_ke(6).output == "RKA yang sudah diperiksa Kasubag Evapor"
    assert rka.langkah_ke(7).pelaksana == "Tim"
    assert pustaka["002-monev"].langkah_ke(3).subproses == "perjalanan-dinas"
    assert pustaka["002-laporan-bulanan"].langkah_ke(6).subproses == "surat-keluar"
    assert len(pustaka["002-monev"].langkah) == 10
    assert len(pustaka["002-iku"].langkah) == 9


def test_003_evaluasi_merujuk_rapat_koordinasi_internal(pustaka):
    langkah = pustaka["003-evaluasi"].langkah_ke(3)
    assert langkah.keterangan == "SOP Rapat Koordinasi Internal Dinas"
    assert langkah.subproses == "rapat-koordinasi-internal"


def _baris_tabel_seed(nama_berkas):
    """Data rows of a tab-separated seed table: (no, kegiatan, kelengkapan, waktu, output, ket)."""
    for baris in (SEEDS / nama_berkas).read_text().splitlines():
        sel = baris.split("\t")
        if len(sel) < 6 or sel[0].strip().upper().startswith("NO") or not sel[1]:
            continue
        yield (sel[0].strip() or None, sel[1], *sel[-4:])


@ADA_SEED
@pytest.mark.parametrize(
    "berkas",
    ["000_ea5f3c5ae52fc307.txt", "001_ed354b7911d5bd50.txt", "003_b8b28d671da69d05.txt"],
)
def test_teks_sel_sama_persis_dengan_seed_bertab(pustaka, berkas):
    """Seeds 000, 001 and 003 are tab-separated: every cell must be verbatim, in order."""
    dimuat = [
        (lk.no_seed, lk.kegiatan, lk.kelengkapan, lk.waktu, lk.output, lk.keterangan)
        for kode in KODE_SEED[berkas]
        for lk in pustaka[kode].langkah
    ]
    assert dimuat == list(_baris_tabel_seed(berkas))


KODE_SEED_002 = "002_954c9051dc320cf1.txt"


@ADA_SEED
def test_kata_kata_002_ada_di_seed_pdf(pustaka):
    """Seed 002 is PDF text with broken lines: each step's words appear in the seed."""
    kata_seed = set(re.findall(r"[\w.\-/]+", (SEEDS / KODE_SEED_002).read_text()))
    for kode in KODE_SEED[KODE_SEED_002]:
        for lk in pustaka[kode].langkah:
            for sel in (lk.kegiatan, lk.kelengkapan, lk.waktu, lk.output, lk.keterangan):
                assert set(re.findall(r"[\w.\-/]+", sel)) <= kata_seed, (kode, sel)


# --- broken files ------------------------------------------------------------------------


def _salin(tmp_path, kode="surat-keluar"):
    tujuan = tmp_path / f"{kode}.yaml"
    tujuan.write_text((PUSTAKA_BAWAAN / f"{kode}.yaml").read_text())
    return tujuan


def test_yaml_rusak_dilaporkan_dengan_berkas_dan_baris(tmp_path):
    path = _salin(tmp_path)
    baris = path.read_text().splitlines()
    nomor = baris.index("nama: SOP Surat Keluar") + 1
    baris[nomor - 1] = "nama: [tidak ditutup"
    path.write_text("\n".join(baris))
    with pytest.raises(PustakaError) as e:
        muat_pustaka(tmp_path)
    assert e.value.berkas.name == "surat-keluar.yaml"
    # The parser notices the missing "]" where the next key starts.
    assert e.value.baris in (nomor, nomor + 1)
    assert str(e.value).startswith(f"Berkas rusak: surat-keluar.yaml baris {e.value.baris}: ")


def test_pelanggaran_skema_menunjuk_baris_simpulnya(tmp_path):
    path = _salin(tmp_path)
    teks = path.read_text().replace("waktu: 10 menit", "waktu: [10, menit]", 1)
    path.write_text(teks)
    nomor = teks.splitlines().index("    waktu: [10, menit]") + 1
    with pytest.raises(PustakaError) as e:
        muat_sop(path)
    assert e.value.baris == nomor
    assert "langkah ke-3, waktu harus bertipe string" in str(e.value)


def test_kolom_tak_dikenal_ditunjuk_di_barisnya(tmp_path):
    path = _salin(tmp_path)
    teks = path.read_text().replace("dokumen: Surat Keluar\n", "dokumen: Surat Keluar\nwarna: x\n")
    path.write_text(teks)
    with pytest.raises(PustakaError) as e:
        muat_sop(path)
    assert e.value.alasan == "kolom 'warna' tidak dikenal"
    assert e.value.baris == teks.splitlines().index("warna: x") + 1


def test_kolom_wajib_hilang(tmp_path):
    path = _salin(tmp_path)
    path.write_text(path.read_text().replace("dokumen: Surat Keluar\n", ""))
    with pytest.raises(PustakaError, match="kolom wajib 'dokumen' tidak ada"):
        muat_sop(path)


def test_frekuensi_di_luar_pilihan_ditolak(tmp_path):
    path = _salin(tmp_path)
    path.write_text(path.read_text().replace("sesuai_kebutuhan", "harian"))
    with pytest.raises(PustakaError, match="frekuensi harus salah satu dari"):
        muat_sop(path)


def test_kode_harus_sama_dengan_nama_berkas(tmp_path):
    path = _salin(tmp_path)
    path.rename(tmp_path / "lain.yaml")
    with pytest.raises(PustakaError, match="harus sama dengan nama berkas 'lain'"):
        muat_sop(tmp_path / "lain.yaml")


def test_berkas_kosong_dan_folder_tak_ada(tmp_path):
    (tmp_path / "kosong.yaml").write_text("")
    with pytest.raises(PustakaError, match="berkas kosong"):
        muat_pustaka(tmp_path)
    with pytest.raises(PustakaError, match="folder pustaka tidak ditemukan"):
        muat_pustaka(tmp_path / "tidak-ada")
