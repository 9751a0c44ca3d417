"""`sakip sop list|show|lint`: the contract tools outside the project rely on.

JSON shapes and exit codes (0 clean, 1 findings, 2 unreadable input or unknown KODE) are
checked both in-process and through the real console entry point.
"""

import json
import os
import shutil
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sakip.sop.definisi import PUSTAKA_BAWAAN

KUNCI_LANGKAH = {
    "no",
    "kegiatan",
    "pelaksana",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
    "keputusan",
    "subproses",
}


def sop(*args):
    """Runs the command in-process: (exit code, stdout)."""
    keluar = StringIO()
    try:
        call_command("sop", *args, stdout=keluar)
    except SystemExit as e:
        return e.code, keluar.getvalue()
    return 0, keluar.getvalue()


def sop_cli(*args, data_dir):
    """Runs `python -m sakip sop …` as a separate process, as outside tools do."""
    env = {**os.environ, "SAKIP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "sakip", "sop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def pustaka_rusak(tmp_path):
    """A library folder with one good SOP and one whose YAML breaks on a known line."""
    folder = tmp_path / "pustaka"
    folder.mkdir()
    shutil.copy(PUSTAKA_BAWAAN / "surat-keluar.yaml", folder)
    (folder / "rusak.yaml").write_text("kode: rusak\nnama: SOP Rusak\nsumber: [null\n")
    return folder


# --- list --------------------------------------------------------------------------------


def test_list_json_satu_objek_per_sop():
    kode, keluar = sop("list", "--json")
    assert kode == 0
    daftar = json.loads(keluar)
    assert len(daftar) == 34
    assert all(
        d.keys() == {"kode", "nama", "sumber", "jumlah_langkah", "pelaksana"} for d in daftar
    )
    pk = next(d for d in daftar if d["kode"] == "000-perjanjian-kinerja")
    assert pk["nama"] == "SOP Penyusunan Perjanjian Kinerja"
    assert pk["sumber"] == "000_ea5f3c5ae52fc307.txt"
    assert pk["jumlah_langkah"] == 12
    assert pk["pelaksana"][:2] == ["Camat", "Sekretaris"]
    assert sum(d["jumlah_langkah"] for d in daftar if d["sumber"]) == 268
    assert next(d for d in daftar if d["kode"] == "surat-tugas")["sumber"] is None


def test_list_tanpa_json_tabel_berbahasa_indonesia():
    kode, keluar = sop("list")
    assert kode == 0
    assert keluar.splitlines()[0].split() == ["KODE", "LANGKAH", "SUMBER", "NAMA"]
    assert "pengiriman-surat" in keluar and "(disusun sendiri)" in keluar
    assert "34 SOP (27 dari seed), 311 langkah." in keluar


# --- show --------------------------------------------------------------------------------


def test_show_json_langkah_dengan_posisi_keputusan_dan_subproses():
    kode, keluar = sop("show", "000-perjanjian-kinerja", "--json")
    assert kode == 0
    data = json.loads(keluar)
    assert data.keys() == {"kode", "nama", "sumber", "langkah"}
    assert [lk["no"] for lk in data["langkah"]] == list(range(1, 13))
    assert all(lk.keys() == KUNCI_LANGKAH for lk in data["langkah"])
    assert data["langkah"][2]["subproses"] == "undangan-rapat"
    assert data["langkah"][2]["keputusan"] is None
    assert data["langkah"][5] == {
        "no": 6,
        "kegiatan": "Memeriksa konsep penetapan kinerja. Jika setuju diserahkan ke Tim. "
        "Jika tidak setuju diserahkan ke staf untuk diperbaiki.",
        "pelaksana": "Kasubag Evapor",
        "kelengkapan": "Konsep Penetapan Kinerja",
        "waktu": "10 menit",
        "output": "Penetapan Kinerja",
        "keterangan": "",
        "keputusan": {"ya": 7, "tidak": 5},
        "subproses": None,
    }


def test_show_json_no_adalah_posisi_bukan_nomor_seed():
    _, keluar = sop("show", "003-pengumpulan-data-kinerja", "--json")
    langkah = json.loads(keluar)["langkah"]
    assert [lk["no"] for lk in langkah] == [1, 2, 3, 4, 5, 6, 7]


def test_show_json_cabang_yang_tidak_tertulis_null():
    _, keluar = sop("show", "003-pelaporan-kinerja", "--json")
    assert json.loads(keluar)["langkah"][4]["keputusan"] == {"ya": 6, "tidak": None}


def test_show_tanpa_json_mudah_dibaca():
    kode, keluar = sop("show", "000-laporan-bulanan")
    assert kode == 0
    assert keluar.startswith("SOP Penyusunan Laporan Bulanan\n")
    assert "3. [Kasubag Evapor] Memeriksa Laporan." in keluar
    assert "(no. None di sumber)" not in keluar and "tidak bernomor" in keluar
    assert "Keputusan: ya → langkah 4, tidak → langkah 2" in keluar
    assert "Subproses: pengiriman-surat" in keluar


def test_show_kode_tak_dikenal_keluar_2():
    with pytest.raises(CommandError) as e:
        sop("show", "000-tidak-ada")
    assert e.value.returncode == 2
    assert "SOP '000-tidak-ada' tidak ada di pustaka" in str(e.value)


# --- lint --------------------------------------------------------------------------------


def test_lint_json_seluruh_pustaka_keluar_1():
    kode, keluar = sop("lint", "--json")
    assert kode == 1
    temuan = json.loads(keluar)
    assert all(t.keys() == {"kode", "langkah", "jenis", "pesan"} for t in temuan)
    assert {"kode": "000-monev", "langkah": 8, "jenis": "pelaksana_tak_dikenal"} in [
        {k: t[k] for k in ("kode", "langkah", "jenis")} for t in temuan
    ]
    assert {"kode": "000-spp-ikm", "langkah": None, "jenis": "kolom_sumber"} in [
        {k: t[k] for k in ("kode", "langkah", "jenis")} for t in temuan
    ]


def test_lint_satu_sop_teks_per_baris():
    kode, keluar = sop("lint", "000-rka")
    assert kode == 1
    assert keluar.splitlines() == [
        "000-rka langkah 11: [mutu_baku_kosong] mutu baku kosong: output",
        "000-rka langkah 12: [mutu_baku_kosong] mutu baku kosong: kelengkapan",
        "2 temuan pada 1 SOP.",
    ]


def test_lint_sop_bersih_keluar_0():
    assert sop("lint", "surat-keluar") == (0, "Tidak ada temuan.\n")
    assert sop("lint", "surat-keluar", "--json") == (0, "[]\n")


def test_lint_kode_tak_dikenal_keluar_2():
    with pytest.raises(CommandError) as e:
        sop("lint", "tidak-ada")
    assert e.value.returncode == 2


def test_lint_pustaka_lain_yang_rusak_keluar_2_dengan_berkas_dan_baris(pustaka_rusak):
    with pytest.raises(CommandError) as e:
        sop("lint", "--pustaka", str(pustaka_rusak))
    assert e.value.returncode == 2
    assert str(e.value).startswith("Berkas rusak: rusak.yaml baris 4: YAML tidak sah")


def test_lint_pustaka_lain_yang_sehat(tmp_path):
    for kode in ("surat-keluar", "pengiriman-surat"):
        shutil.copy(PUSTAKA_BAWAAN / f"{kode}.yaml", tmp_path)
    assert sop("lint", "--pustaka", str(tmp_path)) == (0, "Tidak ada temuan.\n")


# --- the real console entry point --------------------------------------------------------


def test_cli_list_dan_show_json(tmp_path):
    hasil = sop_cli("list", "--json", data_dir=tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    assert len(json.loads(hasil.stdout)) == 34
    hasil = sop_cli("show", "001-monev-rencana-aksi", "--json", data_dir=tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    assert len(json.loads(hasil.stdout)["langkah"]) == 16


def test_cli_lint_keluar_1_dan_json_tanpa_escape_ascii(tmp_path):
    hasil = sop_cli("lint", "003-pengumpulan-data-kinerja", "--json", data_dir=tmp_path)
    assert hasil.returncode == 1, hasil.stderr
    assert "nomor 5–6 tidak ada" in hasil.stdout  # the en dash is not escaped
    assert json.loads(hasil.stdout)[0]["kode"] == "003-pengumpulan-data-kinerja"


def test_cli_kode_tak_dikenal_dan_yaml_rusak_keluar_2(tmp_path, pustaka_rusak):
    hasil = sop_cli("show", "tidak-ada", data_dir=tmp_path)
    assert hasil.returncode == 2
    assert "SOP 'tidak-ada' tidak ada di pustaka" in hasil.stderr
    hasil = sop_cli("lint", "--pustaka", str(pustaka_rusak), data_dir=tmp_path)
    assert hasil.returncode == 2
    assert "Berkas rusak: rusak.yaml baris 4" in hasil.stderr
    assert hasil.stdout == ""
