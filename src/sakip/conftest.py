"""Personas shared by every app's tests: two agencies of one Pemda, evaluators, an outsider."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from sakip import testing
from sakip.organisasi.models import Pegawai, Pemda

# Hypothesis fails an example slower than 200 ms by default; on a shared CI machine with
# xdist workers that measures the neighbours, not the code, so wall-clock deadlines are off.
hypothesis_settings.register_profile("sakip", deadline=None)
hypothesis_settings.load_profile("sakip")


@pytest.fixture(autouse=True)
def _cepat(settings, tmp_path):
    # Argon2 is deliberately slow; tests that check hashing restore it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test its own demo certificate authority: runs in parallel never share one.
    settings.TTE_CA_DIR = str(tmp_path / "tte")
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@dataclass
class Persona:
    pemda: Pemda
    a: testing.Agensi  # Kecamatan Alpha
    b: testing.Agensi  # Kecamatan Beta, same Pemda
    admin_pemda: Pegawai
    evaluator: Pegawai
    pemda_lain: Pemda
    evaluator_lain: Pegawai  # evaluator of another Pemda
    admin_lain: Pegawai


@pytest.fixture
def persona(db) -> Persona:
    pemda = testing.buat_pemda("Kabupaten Uji")
    lain = testing.buat_pemda("Kabupaten Lain")
    return Persona(
        pemda=pemda,
        a=testing.buat_kecamatan(pemda, "Alpha", "KEC-A"),
        b=testing.buat_kecamatan(pemda, "Beta", "KEC-B"),
        admin_pemda=testing.buat_pegawai("admin.uji", pemda=pemda, peran=Pegawai.Peran.ADMIN_PEMDA),
        evaluator=testing.buat_pegawai("eval.uji", pemda=pemda, peran=Pegawai.Peran.EVALUATOR),
        pemda_lain=lain,
        evaluator_lain=testing.buat_pegawai("eval.lain", pemda=lain, peran=Pegawai.Peran.EVALUATOR),
        admin_lain=testing.buat_pegawai("admin.lain", pemda=lain, peran=Pegawai.Peran.ADMIN_PEMDA),
    )


@pytest.fixture
def masuk(client):
    """masuk(pegawai) signs the test client in as that persona and returns the client."""

    def _masuk(pegawai):
        client.force_login(pegawai)
        return client

    return _masuk


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # `make test` runs browser tests once (`-m browser` selects them, `-m "not browser"`
    # leaves them out): a test reaching Chromium through any fixture counts as one even
    # if its module forgot the marker, so no browser test is lost or run twice.
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
            "browser"
        ):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download).

    Missing Chromium skips the browser tests on a developer machine, and fails
    them where REQUIRE_BROWSER=1 (CI), so CI can never pass without them.
    """
    if not os.path.exists(CHROMIUM):
        pesan = f"Chromium tidak ditemukan di {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(pesan)
        pytest.skip(pesan)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def halaman_ponsel(browser):
    """A page in a phone-sized viewport (the Camat approves between meetings)."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    yield page
    ctx.close()


@pytest.fixture
def tangkapan(request):
    """tangkapan(page, name) saves a screenshot under test-artifacts/ for review."""
    folder = Path(os.environ.get("TEST_ARTIFACTS", "test-artifacts"))

    def _simpan(page, nama: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{request.node.name}-{nama}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _simpan
