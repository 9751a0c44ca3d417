"""`sakip serve`: the production web server, gunicorn running `sakip.wsgi:application`.

Read from the environment (docs/deploy.md, *Konfigurasi server web*):

- `SAKIP_BIND`: where to listen, `127.0.0.1:8000` by default (behind nginx); several
  addresses comma-separated; `unix:/run/sakip/web.sock` for a socket.
- `SAKIP_WORKERS`: worker processes, by default 2 × cores + 1, at most `MAKS_PEKERJA`.
- `SAKIP_THREADS`: threads per worker (1: sync workers; more: gunicorn's gthread workers).
- `SAKIP_TIMEOUT` (120 s): a request running longer is killed with its worker;
  `SAKIP_GRACEFUL_TIMEOUT` (30 s): on SIGTERM, how long requests in flight may finish.
- `SAKIP_MAX_REQUESTS` (1000, 0 = never): a worker is replaced after that many requests
  (with jitter), so memory a long-lived process accumulates is given back.
- `SAKIP_ACCESS_LOG`, `SAKIP_ERROR_LOG`: files for the access and error logs instead of
  stdout and stderr (the journal); gunicorn reopens them on SIGUSR1 (logrotate).
- `GUNICORN_CMD_ARGS`: any other gunicorn option; gunicorn reads it itself.

Static files are served by whitenoise inside the app, as under `runserver` (nginx may
serve the `collectstatic` output first, see deploy/nginx/sakip.conf). The process
becomes gunicorn (exec), so under systemd the main PID is gunicorn's master: SIGTERM
stops it gracefully (exit 0), SIGHUP reloads the code and settings.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connections

from sakip.lib.env import envint, envstr

BIND_BAWAAN = "127.0.0.1:8000"
# Each sync worker holds ~150 MB at kabupaten size (issue 15): nine of them fit a 2 GB
# machine beside PostgreSQL. Past that, threads (SAKIP_THREADS) are the cheaper way up.
MAKS_PEKERJA = 9
# Includes the request time in milliseconds (%(M)s) for reading latency off the log.
FORMAT_LOG_AKSES = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


def jumlah_inti() -> int:
    """The cores this process may run on (a cgroup or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jumlah_pekerja_bawaan(inti: int | None = None) -> int:
    """Gunicorn's rule of thumb, 2 × cores + 1, capped: a worker waits on the database."""
    return min(2 * (inti or jumlah_inti()) + 1, MAKS_PEKERJA)


def _ada_soket_kendali() -> bool:
    from gunicorn.config import KNOWN_SETTINGS  # type: ignore[import-untyped]  # no types shipped

    return any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS)


def argumen_gunicorn(tambahan: list[str] | None = None) -> list[str]:
    """The gunicorn command line from the environment; `tambahan` goes last and wins."""
    argumen = ["sakip.wsgi:application"]
    for alamat in (envstr("SAKIP_BIND") or BIND_BAWAAN).split(","):
        if alamat.strip():
            argumen += ["--bind", alamat.strip()]
    argumen += [
        "--workers",
        str(envint("SAKIP_WORKERS", jumlah_pekerja_bawaan())),
        "--threads",
        str(envint("SAKIP_THREADS", 1)),
        "--timeout",
        str(envint("SAKIP_TIMEOUT", 120)),
        "--graceful-timeout",
        str(envint("SAKIP_GRACEFUL_TIMEOUT", 30)),
        # By default the journal (systemd) or the terminal keeps the logs: access to
        # stdout, errors to stderr. Files instead: deploy/logrotate/sakip rotates them.
        "--access-logfile",
        envstr("SAKIP_ACCESS_LOG") or "-",
        "--access-logformat",
        FORMAT_LOG_AKSES,
        "--error-logfile",
        envstr("SAKIP_ERROR_LOG") or "-",
    ]
    maks = envint("SAKIP_MAX_REQUESTS", 1000)
    if maks > 0:
        argumen += ["--max-requests", str(maks), "--max-requests-jitter", str(max(maks // 10, 1))]
    if _ada_soket_kendali():
        # Gunicorn ≥ 25 opens a control socket in $HOME by default: a system user may have
        # no home, and two servers of one user would share it. systemd's signals suffice.
        argumen.append("--no-control-socket")
    if Path("/dev/shm").is_dir():
        # The workers' liveness files: in memory, not on a disk that may stall under load.
        argumen += ["--worker-tmp-dir", "/dev/shm"]
    return argumen + list(tambahan or [])


class Command(BaseCommand):
    help = (
        "Menjalankan server web produksi (gunicorn) dengan pengaturan dari lingkungan: "
        "SAKIP_BIND, SAKIP_WORKERS, SAKIP_THREADS, SAKIP_TIMEOUT (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cetak",
            action="store_true",
            help="Cetak perintah gunicorn yang akan dijalankan, lalu berhenti.",
        )
        parser.add_argument(
            "gunicorn",
            nargs=argparse.REMAINDER,
            help="Opsi gunicorn tambahan setelah `--`, mis. `sakip serve -- --log-level debug`.",
        )

    def handle(self, *args, **opsi):
        tambahan = list(opsi["gunicorn"])
        if tambahan[:1] == ["--"]:
            tambahan = tambahan[1:]
        perintah = [sys.executable, "-m", "gunicorn", *argumen_gunicorn(tambahan)]
        if opsi["cetak"]:
            self.stdout.write(shlex.join(perintah))
            return
        # No connection of this process may leak into the forked workers.
        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, perintah)
