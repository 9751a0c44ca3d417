"""Other apps reach the SOP app only through its public modules.

The SOP engine (`sop/engine/`) locks the run, checks the step and writes the event log in
one transaction; an app that imported it, or wrote the SOP app's rows itself, would skip
that. So every non-test module outside `sop` may import only the modules listed in
`PUBLIK` (docs/architecture.md, "The SOP engine"). Parsed with `ast`, as the import
direction test does, so function-level imports count too.
"""

from __future__ import annotations

import ast

import pytest

from .test_arah_impor import SAKIP, aplikasi, bukan_uji

# The SOP app's public surface: module under sakip.sop -> what other apps use it for.
PUBLIK: dict[str, str] = {
    "services": "every write (runs, tasks, adoption) and the queries other apps need",
    "models": "reading runs, tasks and adopted SOPs",
    "dokumen_terikat": "plug-in API: an app's document binder",
    "tindakan": "plug-in API: the letters app's step handler",
    "kesalahan": "the engine's refusals (KesalahanAlur), to catch or extend",
    "lampiran": "checking an uploaded file as an SOP step checks it",
    "demo": "the SOP demo loader, called by the demo orchestration",
    "urls": "the SOP pages' URLconf, composed with the inbox by the portal",
}


def impor_sop(kode: str) -> set[tuple[str, int]]:
    """(module under sakip.sop, line) of every import of the SOP app in `kode`."""
    hasil: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(kode)):
        if isinstance(node, ast.Import):
            nama = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            if node.module == "sakip.sop":  # from sakip.sop import services, engine
                nama = [f"sakip.sop.{a.name}" for a in node.names]
            else:
                nama = [node.module or ""]
        else:
            continue
        for n in nama:
            bagian = n.split(".")
            if bagian[:2] == ["sakip", "sop"]:
                hasil.add((bagian[2] if len(bagian) > 2 else "", node.lineno))
    return hasil


def impor_tidak_publik() -> list[str]:
    temuan = []
    for app in aplikasi():
        if app == "sop":
            continue
        akar = SAKIP / app
        for berkas in sorted(akar.rglob("*.py")):
            if not bukan_uji(berkas, akar):
                continue
            for modul, baris in sorted(impor_sop(berkas.read_text())):
                if modul not in PUBLIK:
                    rel = berkas.relative_to(SAKIP).as_posix()
                    temuan.append(f"  {rel}:{baris} imports sakip.sop.{modul or '(package)'}")
    return temuan


def test_aplikasi_lain_hanya_memakai_permukaan_publik_sop():
    temuan = impor_tidak_publik()
    assert not temuan, (
        "Modules outside sop import a private part of the SOP app; use sakip.sop.services "
        "(or another module in PUBLIK):\n" + "\n".join(temuan)
    )


def test_modul_publik_ada():
    """The list names modules that exist, so it cannot silently allow a typo."""
    for modul in PUBLIK:
        assert (SAKIP / "sop" / f"{modul}.py").exists() or (SAKIP / "sop" / modul).is_dir(), modul


@pytest.mark.parametrize(
    "kode, modul",
    [
        ("from sakip.sop import engine\n", "engine"),
        ("from sakip.sop.engine import mulai\n", "engine"),
        ("import sakip.sop.engine.transisi\n", "engine"),
        ("def f():\n    from sakip.sop.views import x\n", "views"),
        ("from sakip.sop import services, models\n", "services"),
    ],
)
def test_impor_sop_terdeteksi(kode, modul):
    assert modul in {m for m, _ in impor_sop(kode)}


def test_impor_publik_dan_aplikasi_lain_tidak_dihitung():
    assert {m for m, _ in impor_sop("from sakip.sop import services, models\n")} <= set(PUBLIK)
    assert impor_sop("from sakip.surat import services\nfrom ..sop import engine\n") == set()
