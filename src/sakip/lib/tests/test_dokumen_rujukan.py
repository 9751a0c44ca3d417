"""The code cites the domain facts it relies on in docs/domain.md, inside the repository.

A citation of the old file outside the repository, or of a section docs/domain.md does not
have (renumbered, or never written), fails here with the file and line to fix.
"""

import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[4]
DOKUMEN = AKAR / "docs" / "domain.md"
SRC = AKAR / "src"
# Spelled in two pieces so that this file does not cite it itself.
BERKAS_LAMA = "DOMAIN" + ".md"
# "docs/domain.md §7", "§6–7", "§2–§3"; a comment may wrap between the name and the section.
RUJUKAN = re.compile(r"docs/domain\.md[\s#]*§(\d+)(?:\s*[–-]\s*§?(\d+))?")
JUDUL = re.compile(r"^## (\d+)\. ", re.MULTILINE)
LEWATI = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def bagian_dokumen(teks: str) -> set[int]:
    """The numbers of the sections ("## 7. Measurement") of docs/domain.md."""
    return {int(n) for n in JUDUL.findall(teks)}


def rujukan_salah(teks: str, bagian: set[int]) -> list[tuple[int, str]]:
    """(line, why) for every citation in `teks` of the old file or of a missing section."""
    salah = []
    for nomor, baris in enumerate(teks.splitlines(), start=1):
        if BERKAS_LAMA in baris:
            salah.append((nomor, f"cites {BERKAS_LAMA}, outside the repository"))
    for cocok in RUJUKAN.finditer(teks):
        awal, akhir = int(cocok[1]), int(cocok[2] or cocok[1])
        hilang = [n for n in range(awal, akhir + 1) if n not in bagian] if awal <= akhir else [0]
        if hilang:
            nomor = teks.count("\n", 0, cocok.start()) + 1
            salah.append((nomor, f"cites “{cocok[0]}”, not a section of docs/domain.md"))
    return salah


def _berkas_teks():
    for path in sorted(SRC.rglob("*")):
        bagian = path.relative_to(SRC).parts
        if not path.is_file() or any(p in LEWATI or p.endswith(".egg-info") for p in bagian):
            continue
        if path == Path(__file__).resolve():
            continue  # its examples are citations on purpose
        try:
            yield path, path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # images, fonts, compiled files: nothing to cite in them


def test_dokumen_domain_bernomor():
    bagian = bagian_dokumen(DOKUMEN.read_text(encoding="utf-8"))
    # The sections the code has cited since the first feature; renumbering them breaks links.
    assert set(range(1, 12)) <= bagian


def test_pemeriksa_menangkap_rujukan_salah():
    bagian = {1, 2, 3, 6, 7}
    assert rujukan_salah("# see docs/domain.md §7\n# and §6–7 of it", bagian) == []
    assert rujukan_salah('"""docs/domain.md §2–§3: actors."""', bagian) == []
    assert rujukan_salah("x = 1  # docs/domain.md §9", bagian) == [
        (1, "cites “docs/domain.md §9”, not a section of docs/domain.md")
    ]
    assert [n for n, _ in rujukan_salah("a\n# (docs/domain.md\n# §6–8)", bagian)] == [2]
    assert [n for n, _ in rujukan_salah(f"ok\n# {BERKAS_LAMA} §7", bagian)] == [2]


def test_kode_merujuk_bagian_yang_ada():
    bagian = bagian_dokumen(DOKUMEN.read_text(encoding="utf-8"))
    salah = [
        f"{path.relative_to(AKAR)}:{baris}: {alasan}"
        for path, teks in _berkas_teks()
        for baris, alasan in rujukan_salah(teks, bagian)
    ]
    assert not salah, "\n".join(salah)
