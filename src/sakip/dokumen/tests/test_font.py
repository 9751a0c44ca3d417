"""The official documents name Liberation Sans/Serif (Arial/Times metrics).

Without them fontconfig falls back to DejaVu, which is wider: tables reflow and
the page-count and text-layout tests of laporan, sop and surat fail in ways that
look like bugs in the documents. This test names the real cause first.
"""

import shutil
import subprocess

import pytest


@pytest.mark.parametrize("keluarga", ["Liberation Sans", "Liberation Serif"])
def test_font_dokumen_terpasang(keluarga):
    if not shutil.which("fc-match"):
        pytest.skip("fontconfig (fc-match) tidak ada")
    nama = subprocess.run(
        ["fc-match", "--format=%{family}", keluarga], capture_output=True, text=True, check=True
    ).stdout
    assert keluarga in nama, (
        f"font {keluarga!r} tidak terpasang (fontconfig memberi {nama!r}); "
        "pasang paket Debian fonts-liberation2 (README, System packages)"
    )
