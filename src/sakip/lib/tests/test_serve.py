"""`sakip serve`: the production server answers pages and static files, and stops cleanly.

The server runs as a real process (gunicorn, DEBUG off) on a free loopback port against a
migrated SQLite file in a temporary data directory, as a Pemda's systemd unit runs it.
A wrong sign-in proves the request reached the database (the throttle counts it) through
CSRF and cookies; SIGTERM (`systemctl stop`) must end it with exit code 0.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from sakip.portal.management.commands import serve


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lingkungan(data_dir: Path, **tambahan: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "SAKIP_"))}
    env.update(
        SAKIP_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="sakip.settings",
        DEBUG="0",
        # Plain http on loopback: the cookies must travel without TLS here.
        SESSION_COOKIE_SECURE="0",
        **tambahan,
    )
    return env


def _sakip(*argumen: str) -> list[str]:
    return [sys.executable, "-m", "sakip", *argumen]


def _tunggu_port(port: int, proses: subprocess.Popen, detik: float = 15) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        assert proses.poll() is None, f"server berhenti sendiri (kode {proses.returncode})"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("server tidak mendengarkan")


def test_argumen_dari_lingkungan(monkeypatch):
    monkeypatch.setenv("SAKIP_BIND", "127.0.0.1:9001, unix:/run/sakip/web.sock")
    monkeypatch.setenv("SAKIP_WORKERS", "3")
    monkeypatch.setenv("SAKIP_THREADS", "4")
    monkeypatch.setenv("SAKIP_MAX_REQUESTS", "0")
    argumen = serve.argumen_gunicorn(["--log-level", "debug"])
    assert argumen[0] == "sakip.wsgi:application"
    teks = " ".join(argumen)
    assert "--bind 127.0.0.1:9001 --bind unix:/run/sakip/web.sock" in teks
    assert "--workers 3 --threads 4" in teks
    assert "--access-logfile -" in teks and "--graceful-timeout 30" in teks
    assert "--max-requests" not in teks
    assert argumen[-2:] == ["--log-level", "debug"]  # given last: it wins


def test_jumlah_pekerja_bawaan_dua_kali_inti_plus_satu_dibatasi():
    assert serve.jumlah_pekerja_bawaan(1) == 3
    assert serve.jumlah_pekerja_bawaan(2) == 5
    assert serve.jumlah_pekerja_bawaan(64) == serve.MAKS_PEKERJA


def test_serve_melayani_halaman_dan_berkas_statis_lalu_berhenti_bersih(tmp_path):
    subprocess.run(
        _sakip("migrate", "--noinput", "-v0"), env=_lingkungan(tmp_path), check=True, timeout=120
    )
    port = _port_bebas()
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 — closed after the process
    proses = subprocess.Popen(
        _sakip("serve"),
        env=_lingkungan(tmp_path, SAKIP_BIND=f"127.0.0.1:{port}", SAKIP_WORKERS="2"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _tunggu_port(port, proses)
        dasar = f"http://127.0.0.1:{port}"
        toples = http.cookiejar.CookieJar()
        pembuka = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(toples))

        with pembuka.open(f"{dasar}/akun/masuk/", timeout=10) as r:
            assert r.status == 200
            halaman = r.read().decode()
        assert "csrfmiddlewaretoken" in halaman

        # Static files come from the app itself (whitenoise), DEBUG off, no collectstatic.
        with pembuka.open(f"{dasar}/static/sakip/favicon.svg", timeout=10) as r:
            assert r.status == 200
            assert r.headers["Content-Type"].startswith("image/svg")
            assert b"<svg" in r.read()

        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman)[1]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "identitas": "tidak.ada", "sandi": "salah"}
        ).encode()
        permintaan = urllib.request.Request(
            f"{dasar}/akun/masuk/", data=data, headers={"Referer": f"{dasar}/akun/masuk/"}
        )
        with pytest.raises(urllib.error.HTTPError) as salah:
            pembuka.open(permintaan, timeout=10)
        assert salah.value.code == 400  # the form's answer, not 403 (CSRF) nor 500
        assert "kata sandi salah" in salah.value.read().decode()
    finally:
        if proses.poll() is None:
            proses.send_signal(signal.SIGTERM)
        try:
            kode = proses.wait(30)
        finally:
            if proses.poll() is None:
                proses.kill()
            log.close()
    isi = (tmp_path / "serve.log").read_text()
    assert kode == 0, isi
    # The access log went to stdout, one line per request.
    assert re.search(r'"GET /akun/masuk/ HTTP/1.1" 200 ', isi), isi
    assert "Shutting down: Master" in isi
