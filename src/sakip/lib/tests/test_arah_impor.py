"""Imports between sakip's apps run one way: down the layer order declared here.

Every non-test module of every app is parsed with `ast` (nothing is imported, so a module
that needs a database or an optional library is read all the same) and each import of
another sakip app — at module level or inside a function — becomes an arrow. An arrow to
an app in a lower layer is fine; an arrow to the same or a higher layer fails unless it is
in `PENGECUALIAN`, today's known exceptions, each with its reason. The order and the
exceptions are explained in docs/architecture.md; fix an exception by moving the code,
then delete its line here (a stale line fails too, so the list stays true).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SAKIP = Path(__file__).resolve().parents[2]

# Bottom first. An app may import only apps in lower layers; apps of one layer do not
# import each other. Derived from the imports as they are, not from wishes.
LAPISAN: list[set[str]] = [
    {"lib", "formats"},
    {"audit", "antrian", "notifikasi"},
    {"organisasi"},
    {"akun", "kalender"},
    {"sop", "dokumen"},
    {"surat"},
    {"perencanaan"},
    {"pengukuran"},
    {"laporan", "ikm"},
    {"pencarian"},
    {"portal"},
]

# (module path under src/sakip, imported app): why the upward arrow exists today.
PENGECUALIAN: dict[tuple[str, str], str] = {
    ("lib/api_auth.py", "akun"): "the API's Bearer check reads personal tokens kept by akun",
    ("sop/demo.py", "laporan"): "the SOP demo fills a monthly report before its run moves on",
    ("sop/views_pelaksanaan.py", "surat"): "the sign step shows surat's wrong-passphrase error",
}


def peringkat() -> dict[str, int]:
    return {app: i for i, lapis in enumerate(LAPISAN) for app in lapis}


def aplikasi() -> list[str]:
    return sorted(p.name for p in SAKIP.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def bukan_uji(berkas: Path, akar: Path) -> bool:
    bagian = berkas.relative_to(akar).parts
    return not (
        "tests" in bagian
        or "migrations" in bagian
        or berkas.name.startswith("test_")
        or berkas.name == "conftest.py"
    )


def impor_aplikasi(kode: str, modul: list[str], semua: set[str]) -> set[tuple[str, int]]:
    """The sakip apps a module's source imports (with line), at any depth of the tree.

    `modul` is the module's package path, e.g. ["sakip", "sop", "management", "commands"],
    to resolve relative imports; imports of the module's own app are left out."""
    hasil: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(kode)):
        if isinstance(node, ast.Import):
            nama = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = modul[: len(modul) - node.level + 1]
                nama = [".".join(dasar + ([node.module] if node.module else []))]
            else:
                nama = [node.module or ""]
            if nama == ["sakip"]:  # from sakip import surat
                nama = [f"sakip.{a.name}" for a in node.names]
        else:
            continue
        for n in nama:
            bagian = n.split(".")
            if len(bagian) > 1 and bagian[0] == "sakip" and bagian[1] in semua:
                if bagian[1] != modul[1]:
                    hasil.add((bagian[1], node.lineno))
    return hasil


def panah() -> dict[tuple[str, str], list[int]]:
    """Every arrow (module path under src/sakip, imported app) -> its lines."""
    semua = set(aplikasi())
    hasil: dict[tuple[str, str], list[int]] = {}
    for app in sorted(semua):
        akar = SAKIP / app
        for berkas in sorted(akar.rglob("*.py")):
            if not bukan_uji(berkas, akar):
                continue
            rel = berkas.relative_to(akar)
            modul = ["sakip", app, *rel.parts[:-1]]
            for target, baris in impor_aplikasi(berkas.read_text(), modul, semua):
                kunci = (berkas.relative_to(SAKIP).as_posix(), target)
                hasil.setdefault(kunci, []).append(baris)
    return hasil


def naik(arah: dict[tuple[str, str], list[int]]) -> dict[tuple[str, str], list[int]]:
    """The arrows that point to the same or a higher layer."""
    rank = peringkat()
    return {
        (modul, target): baris
        for (modul, target), baris in arah.items()
        if rank[target] >= rank[modul.split("/", 1)[0]]
    }


def test_setiap_aplikasi_punya_lapisan():
    """A new app must take its place in the order before its arrows can be judged."""
    terdaftar = [app for lapis in LAPISAN for app in lapis]
    assert len(terdaftar) == len(set(terdaftar)), "an app is listed in two layers"
    tanpa = sorted(set(aplikasi()) - set(terdaftar))
    assert not tanpa, f"apps with no layer in LAPISAN: {tanpa}"
    hilang = sorted(set(terdaftar) - set(aplikasi()))
    assert not hilang, f"LAPISAN lists apps that no longer exist: {hilang}"


def test_tidak_ada_panah_baru_ke_atas():
    baru = {k: v for k, v in naik(panah()).items() if k not in PENGECUALIAN}
    pesan = "\n".join(
        f"  {modul}:{min(baris)} imports sakip.{target} (a higher or the same layer)"
        for (modul, target), baris in sorted(baru.items())
    )
    assert not baru, (
        "New upward imports between apps (move the code down, or pass it in as a "
        "plug-in; see docs/architecture.md):\n" + pesan
    )


def test_pengecualian_masih_berlaku():
    """An exception that no longer happens is deleted, so the list shows today's debt."""
    ada = naik(panah())
    basi = sorted(k for k in PENGECUALIAN if k not in ada)
    assert not basi, f"exceptions that no longer occur, delete them: {basi}"


@pytest.mark.parametrize(
    "kode",
    [
        "from sakip.surat.tte import tandatangani\n",
        "import sakip.surat.models\n",
        "from sakip import surat\n",
        "def f():\n    from sakip.surat import services\n",
        "class A:\n    def f(self):\n        import sakip.surat.tte as t\n",
    ],
)
def test_impor_ke_atas_buatan_terdeteksi(kode):
    """A synthetic upward import in a bottom module — at any depth — is caught."""
    ditemukan = impor_aplikasi(kode, ["sakip", "organisasi"], set(aplikasi()))
    assert {target for target, _ in ditemukan} == {"surat"}
    arah = {("organisasi/contoh.py", target): [baris] for target, baris in ditemukan}
    assert naik(arah) == arah


def test_impor_relatif_dan_ke_bawah_tidak_dihitung_naik():
    semua = set(aplikasi())
    # A relative import stays in the app; a downward import is no exception.
    assert impor_aplikasi("from ..models import Surat\n", ["sakip", "surat", "x"], semua) == set()
    assert impor_aplikasi("from . import tte\n", ["sakip", "surat"], semua) == set()
    arah = {("surat/contoh.py", "organisasi"): [1]}
    assert naik(arah) == {}
