"""`sakip ikm hitung FILE.csv [--json]`: the stable CLI contract, with no database at all."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAKIP = Path(sys.executable).parent / "sakip"
KEPALA = "no,nama,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"


def jalankan(tmp_path, isi: str, *arg: str) -> subprocess.CompletedProcess:
    berkas = tmp_path / "survei.csv"
    berkas.write_text(isi, encoding="utf-8")
    env = {
        **os.environ,
        # An address nothing listens on: any database query would fail the command.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
    }
    return subprocess.run(
        [str(SAKIP), "ikm", "hitung", str(berkas), *arg],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def contoh():
    return KEPALA + "1,A,4,4,4,4,4,4,4,4,4\n2,B,3,3,4,4,3,3,4,3,3\n3,C,3,3,3,4,3,3,3,2,3\n"


def test_tabel_manusia(tmp_path, contoh):
    r = jalankan(tmp_path, contoh)
    assert r.returncode == 0, r.stderr
    assert "U8      3.000" in r.stdout and "U4      4.000" in r.stdout
    # (30+28+27+... ) IKM = 25 × 93/27 = 86,11 → B, Baik
    assert "IKM: 86.11" in r.stdout and "Mutu: B" in r.stdout and "Kinerja: Baik" in r.stdout


def test_json_kunci_persis(tmp_path, contoh):
    r = jalankan(tmp_path, contoh, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["responden", "nrr", "ikm", "mutu", "kinerja"]
    assert list(data["nrr"]) == [f"U{i}" for i in range(1, 10)]
    assert data["responden"] == 3 and data["ikm"] == 86.11
    assert data["nrr"]["U8"] == 3.0 and data["nrr"]["U3"] == pytest.approx(11 / 3)
    assert (data["mutu"], data["kinerja"]) == ("B", "Baik")


def test_sempurna_tepat_100(tmp_path):
    r = jalankan(tmp_path, KEPALA + "1,A,4,4,4,4,4,4,4,4,4\n", "--json")
    assert json.loads(r.stdout)["ikm"] == 100.0  # not 99,9 of the 0,111 weight


def test_kolom_hilang_keluar_2_menyebut_kolom(tmp_path):
    r = jalankan(tmp_path, "U1,U2,U3,U4,U5,U6,U7,U8\n4,4,4,4,4,4,4,4\n")
    assert r.returncode == 2
    assert "U9" in r.stderr and "tidak ada" in r.stderr
    assert r.stdout == ""


def test_nilai_5_di_baris_3_keluar_2_menyebut_baris_dan_kolom(tmp_path):
    isi = KEPALA + "1,A,4,4,4,4,4,4,4,4,4\n2,B,3,3,3,3,3,3,3,3,3\n3,C,4,4,4,4,4,4,5,4,4\n"
    r = jalankan(tmp_path, isi, "--json")
    assert r.returncode == 2
    assert "baris 3" in r.stderr and "U7" in r.stderr and "5" in r.stderr


def test_berkas_tidak_ada_keluar_2(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    r = subprocess.run(
        [str(SAKIP), "ikm", "hitung", str(tmp_path / "tidak-ada.csv")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert r.returncode == 2 and "tidak dapat dibaca" in r.stderr
