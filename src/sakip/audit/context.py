"""Who is acting and from where, for the audit record (set per request by middleware)."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class KonteksPermintaan:
    request_id: str = ""
    ip: str | None = None


_TANPA_PERMINTAAN = KonteksPermintaan()  # commands and jobs: no request id, no address
_konteks: contextvars.ContextVar[KonteksPermintaan | None] = contextvars.ContextVar(
    "sakip_konteks_permintaan", default=None
)


def konteks_sekarang() -> KonteksPermintaan:
    return _konteks.get() or _TANPA_PERMINTAAN


def pasang_konteks(konteks: KonteksPermintaan) -> contextvars.Token:
    return _konteks.set(konteks)


def lepas_konteks(token: contextvars.Token) -> None:
    _konteks.reset(token)
