"""The SOP linter: every defect docs/domain.md §3 lists is reported at its SOP and step, our own
six SOPs are clean, and each check catches its own kind of slip on a small built SOP."""

from dataclasses import replace

import pytest

from sakip.sop.definisi import Jadwal, Keputusan, Langkah, Sop, muat_pustaka
from sakip.sop.linter import JENIS_TEMUAN, periksa, periksa_pustaka


@pytest.fixture(scope="module")
def pustaka():
    return muat_pustaka()


@pytest.fixture(scope="module")
def temuan_seed(pustaka):
    return periksa_pustaka(pustaka)


def letak(temuan):
    return {(t.kode, t.langkah, t.jenis) for t in temuan}


# --- the seeds --------------------------------------------------------------------------

CACAT_DOMAIN = {
    # 000 Laporan Bulanan has an unnumbered step 3.
    ("000-laporan-bulanan", 3, "penomoran"),
    # 003 Pengumpulan Data numbers 1,2,3,4,7,–,8.
    ("003-pengumpulan-data-kinerja", 5, "penomoran"),
    ("003-pengumpulan-data-kinerja", 6, "penomoran"),
    # 000 PK steps 10–11 are identical.
    ("000-perjanjian-kinerja", 11, "langkah_ganda"),
    # 000 Renstra step 2 outputs "Tim penyusun Renja".
    ("000-renstra", 2, "output_lain"),
    # 000 Monev step 8 hands to "Kaban", a Badan's head.
    ("000-monev", 8, "pelaksana_tak_dikenal"),
    # 003 Evaluasi step 1 has no mutu baku.
    ("003-evaluasi", 1, "mutu_baku_kosong"),
    # 000 SPP & IKM heads its output column "Input".
    ("000-spp-ikm", None, "kolom_sumber"),
    # 000 RKA steps 11–12 have empty cells.
    ("000-rka", 11, "mutu_baku_kosong"),
    ("000-rka", 12, "mutu_baku_kosong"),
}


def test_setiap_cacat_domain_dilaporkan_di_sop_dan_langkahnya(temuan_seed):
    assert letak(temuan_seed) >= CACAT_DOMAIN


def test_temuan_pada_seed_bermakna_dan_tidak_membanjir(temuan_seed):
    """The full list, so that a change in tuning is a visible decision."""
    assert letak(temuan_seed) == CACAT_DOMAIN | {
        # Header repeats 'Kasubag Umum' and 'Staf' (seven actor columns).
        ("000-laporan-tahunan", None, "kolom_sumber"),
        # 002 starts six procedures with an order that has no waktu or kelengkapan.
        ("002-dpa", 1, "mutu_baku_kosong"),
        ("002-iku", 1, "mutu_baku_kosong"),
        ("002-lakip", 1, "mutu_baku_kosong"),
        ("002-monev", 1, "mutu_baku_kosong"),
        ("002-penetapan-kinerja", 1, "mutu_baku_kosong"),
        ("002-rka", 1, "mutu_baku_kosong"),
        ("003-pelaporan-kinerja", 1, "mutu_baku_kosong"),
        # A draft that no step prepares, and a "Disposisi" the Camat receives from nowhere.
        ("002-renstra", 1, "kelengkapan_tak_berasal"),
        ("002-renstra", 5, "kelengkapan_tak_berasal"),
        ("002-renja", 1, "kelengkapan_tak_berasal"),
        ("002-renja", 5, "kelengkapan_tak_berasal"),
        # "Dokumen data capaian kinerja" appears without a step that measures capaian.
        ("001-monev-rencana-aksi", 12, "kelengkapan_tak_berasal"),
        # "Data kinerja yang telah diparaf", but nobody initialled (steps 5–6 are missing).
        ("003-pengumpulan-data-kinerja", 7, "kelengkapan_tak_berasal"),
        # "kasubang": a misspelt Kasubag.
        ("003-evaluasi", 2, "pelaksana_tak_dikenal"),
        # The Pelaporan Kinerja draft is suddenly a "laporan tahunan".
        ("003-pelaporan-kinerja", 4, "output_lain"),
        # "jika sudah benar dinaikkan…": nothing says where a wrong draft goes.
        ("003-pelaporan-kinerja", 5, "keputusan"),
    }


def test_pesan_menyebut_isi_cacatnya(temuan_seed):
    pesan = {(t.kode, t.langkah, t.jenis): t.pesan for t in temuan_seed}
    assert "'Kaban'" in pesan[("000-monev", 8, "pelaksana_tak_dikenal")]
    assert "Renja" in pesan[("000-renstra", 2, "output_lain")]
    assert "nomor 5–6 tidak ada" in pesan[("003-pengumpulan-data-kinerja", 5, "penomoran")]
    assert pesan[("000-rka", 11, "mutu_baku_kosong")] == "mutu baku kosong: output"
    assert "Input" in pesan[("000-spp-ikm", None, "kolom_sumber")]


def test_semua_waktu_seed_terbaca(temuan_seed):
    assert not [t for t in temuan_seed if t.jenis == "waktu"]


@pytest.mark.parametrize(
    "kode",
    [
        "pengiriman-surat",
        "surat-keluar",
        "undangan-rapat",
        "surat-tugas",
        "perjalanan-dinas",
        "rapat-koordinasi-internal",
        "penyampaian-data-kinerja",
    ],
)
def test_sop_sendiri_bersih(pustaka, kode):
    assert periksa(pustaka[kode], pustaka) == []


def test_temuan_urut_langkah_lalu_jenis(pustaka):
    temuan = periksa(pustaka["003-pengumpulan-data-kinerja"], pustaka)
    kunci = [(t.langkah or 0, JENIS_TEMUAN.index(t.jenis)) for t in temuan]
    assert kunci == sorted(kunci)
    assert temuan[0].sebagai_dict().keys() == {"kode", "langkah", "jenis", "pesan"}


# --- each check on a small built SOP ------------------------------------------------------


def langkah(no, kegiatan, pelaksana="Staf", kelengkapan="Surat masuk", output="Konsep", **kw):
    return Langkah(
        no_seed=no,
        kegiatan=kegiatan,
        pelaksana=pelaksana,
        kelengkapan=kelengkapan,
        waktu=kw.pop("waktu", "10 menit"),
        output=output,
        keterangan=kw.pop("keterangan", ""),
        **kw,
    )


def buat_sop(*daftar, dokumen="Surat Keluar", **kw):
    return Sop(
        kode="uji",
        nama="SOP Uji",
        sumber=None,
        dokumen=dokumen,
        kode_klasifikasi=None,
        jadwal=Jadwal("sesuai_kebutuhan", 0),
        pelaksana=("Camat", "Kasubag", "Staf"),
        langkah=tuple(daftar),
        **kw,
    )


def jenis(sop, pustaka=None):
    return [(t.langkah, t.jenis) for t in periksa(sop, pustaka or {})]


def test_nomor_berulang_mundur_dan_tidak_mulai_dari_satu():
    sop = buat_sop(
        langkah("2", "Mengetik konsep"),
        langkah("3", "Memeriksa konsep", "Kasubag", "Konsep"),
        langkah("3", "Memberi paraf", "Kasubag", "Konsep"),
        langkah("1", "Menandatangani", "Camat", "Konsep"),
    )
    pesan = [t.pesan for t in periksa(sop, {}) if t.jenis == "penomoran"]
    assert pesan == [
        "penomoran dimulai dari 2, bukan 1",
        "nomor 3 berulang",
        "nomor 1 muncul setelah nomor 3",
    ]


def test_keputusan_yang_maju_saat_menolak_atau_keluar_dari_sop():
    sop = buat_sop(
        langkah("1", "Mengetik konsep"),
        langkah(
            "2",
            "Memeriksa konsep. Jika tidak, diserahkan ke staf",
            "Kasubag",
            "Konsep",
            keputusan=Keputusan(ya=9, tidak=3),
        ),
        langkah("3", "Menandatangani", "Camat", "Konsep", keputusan=Keputusan(ya=None, tidak=1)),
    )
    assert jenis(sop) == [(2, "keputusan"), (2, "keputusan"), (3, "keputusan")]


def test_pelaksana_di_luar_kolom_sop():
    sop = buat_sop(langkah("1", "Mengetik konsep", "Bendahara"))
    assert jenis(sop) == [(1, "pelaksana_tak_dikenal")]


def test_jabatan_instansi_lain_dalam_kegiatan():
    sop = buat_sop(langkah("1", "Menyerahkan konsep kepada Kepala Dinas"))
    [temuan] = periksa(sop, {})
    assert "'Kepala Dinas'" in temuan.pesan


def test_waktu_yang_bukan_waktu():
    sop = buat_sop(langkah("1", "Mengetik konsep", waktu="secepatnya"))
    assert jenis(sop) == [(1, "waktu")]


def test_kelengkapan_tanpa_asal_kecuali_masukan_atau_dokumen_luar():
    sop = buat_sop(
        langkah("1", "Mengetik konsep", kelengkapan="Notulensi rapat", output="Konsep surat"),
        langkah("2", "Memeriksa konsep", "Kasubag", "Konsep surat yang sudah diparaf"),
    )
    # Neither the notulen nor an initialled draft comes from anywhere.
    assert jenis(sop) == [(1, "kelengkapan_tak_berasal"), (2, "kelengkapan_tak_berasal")]
    diterima = replace(sop, masukan=("Notulensi rapat",))
    assert jenis(diterima) == [(2, "kelengkapan_tak_berasal")]


def test_kelengkapan_cocok_longgar_ejaan_dan_singkatan():
    sop = buat_sop(
        langkah("1", "Mengetik", kelengkapan="DPA", output="Laporan RenjaInstansi yg sdh diparaf"),
        langkah("2", "Memeriksa", "Kasubag", "Lap. Renja instansi yang sudah di paraf, DPA"),
    )
    assert jenis(sop) == []


def test_output_menyebut_dokumen_lain():
    sop = buat_sop(
        langkah("1", "Membentuk tim", output="Tim penyusun Renja"),
        # "Rencana Kerja dan Anggaran" is the RKA itself, not the Renja.
        langkah("2", "Menyusun konsep", kelengkapan="Tim", output="Rencana Kerja dan Anggaran"),
        dokumen="RKA",
    )
    assert jenis(sop) == [(1, "output_lain")]


def test_rujukan_ke_sop_yang_tidak_ada(pustaka):
    sop = buat_sop(
        langkah("1", "Rapat tim", keterangan="SOP Undangan Rapat", subproses="undangan-rapat"),
        langkah("2", "Mengirim", output="Bukti", keterangan="SOP Pengiriman, SOP Arsip Digital"),
    )
    assert jenis(sop, pustaka) == [(2, "subproses_tak_dikenal")]
    tanpa_undangan = {k: s for k, s in pustaka.items() if k != "undangan-rapat"}
    assert jenis(sop, tanpa_undangan) == [
        (1, "subproses_tak_dikenal"),
        (2, "subproses_tak_dikenal"),
    ]


def test_kolom_sumber_dilaporkan_untuk_sop_utuh():
    sop = buat_sop(langkah("1", "Mengetik"), catatan_sumber=("Kolom output berjudul 'Input'",))
    assert jenis(sop) == [(None, "kolom_sumber")]
