"""Production settings: `check --deploy` clean, security headers, no inline script (issue 14)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parents[2]


def test_check_deploy_bersih_dengan_lingkungan_produksi(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))} | {
        "SAKIP_DATA_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "sakip.contoh.go.id",
        "SAKIP_HTTPS": "1",
        "SAKIP_PROXY_TEPERCAYA": "1",
    }
    r = subprocess.run(
        [sys.executable, "-m", "sakip", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    keluaran = r.stdout + r.stderr
    assert r.returncode == 0, keluaran
    assert "WARNINGS" not in keluaran and "no issues" in keluaran, keluaran


def test_halaman_membawa_header_keamanan(client, db):
    r = client.get("/akun/masuk/")
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "img-src 'self' data:" in csp
    assert re.search(r"script-src 'self' 'nonce-[\w-]{16,}'(;|$)", csp), csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
    # A fresh nonce per response: one seen cannot be reused by injected markup.
    assert client.get("/akun/masuk/")["Content-Security-Policy"] != csp


def test_hsts_dan_pengalihan_https_di_balik_tls(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    r = client.get("/akun/masuk/")
    assert r.status_code == 301 and r["Location"].startswith("https://")
    r = client.get("/akun/masuk/", secure=True)
    assert r["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_x_forwarded_proto_hanya_dipercaya_dari_proxy(tmp_path):
    # Settings read the environment at import: a fresh interpreter per environment.
    kode = (
        "import sakip.settings as s; "
        "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SESSION_COOKIE_SECURE)"
    )
    dasar = {k: v for k, v in os.environ.items() if not k.startswith("SAKIP_PROXY")}

    def jalankan(**extra):
        return subprocess.run(
            [sys.executable, "-c", kode],
            env=dasar | {"SAKIP_DATA_DIR": str(tmp_path), "SAKIP_HTTPS": "1", "DEBUG": "0"} | extra,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert jalankan() == "None True"
    assert jalankan(SAKIP_PROXY_TEPERCAYA="1") == "('HTTP_X_FORWARDED_PROTO', 'https') True"


@pytest.mark.parametrize(
    "pola,arti",
    [
        (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
        (
            re.compile(r"<script(?![^>]*\b(src|nonce|type=\"application/json)\b)[^>]*>", re.I),
            "script",
        ),
        (re.compile(r"javascript:", re.I), "javascript: URL"),
    ],
)
def test_templat_tanpa_skrip_inline_yang_ditolak_csp(pola, arti):
    """Inline code runs only with the request's nonce (`<script nonce=...>`)."""
    salah = [
        f"{p.relative_to(PAKET)}:{i}"
        for p in PAKET.rglob("*.html")
        for i, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pola.search(baris)
    ]
    assert not salah, f"{arti}: {salah}"
