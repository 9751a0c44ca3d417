"""The client's address (the one place it is read) and the Content-Security-Policy header.

`ip_klien` is what the audit trail, sign-in throttling and the public survey's limit
count by. X-Forwarded-For is read only as far as `SAKIP_PROXY_TEPERCAYA` proxies wrote
it: each proxy appends the address it saw, so with N trusted proxies the client is the
N-th entry from the right; entries further left were written by the client and are
ignored (a forged header cannot choose the address).
"""

from __future__ import annotations

import ipaddress
import secrets

from django.conf import settings


def _jumlah_proxy() -> int:
    jumlah = getattr(settings, "SAKIP_PROXY_TEPERCAYA", 0)
    if not jumlah and getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        return 1  # the older on/off switch: one proxy
    return max(0, int(jumlah))


def _alamat_sah(teks: str) -> str | None:
    try:
        return str(ipaddress.ip_address(teks.strip()))
    except ValueError:
        return None


def ip_klien(request) -> str | None:
    """The client's IP address as seen by the first proxy we trust, else REMOTE_ADDR."""
    langsung = request.META.get("REMOTE_ADDR") or None
    jumlah = _jumlah_proxy()
    if jumlah:
        rantai = [
            x.strip() for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if x.strip()
        ]
        if len(rantai) >= jumlah:
            return _alamat_sah(rantai[-jumlah]) or langsung
    return langsung


def _kebijakan(nonce: str) -> str:
    arahan = [
        "default-src 'self'",
        # Inline <script> runs only with this response's nonce; no inline handlers.
        f"script-src 'self' 'nonce-{nonce}'",
        # style="" attributes are everywhere in the templates and SVG charts (and htmx
        # and Chart.js set styles): inline styles stay allowed, they cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",  # QR codes and charts as data: URIs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if settings.CSP_LAPOR_URI:
        arahan.append(f"report-uri {settings.CSP_LAPOR_URI}")
    return "; ".join(arahan)


class KebijakanKontenMiddleware:
    """Sets `request.csp_nonce` (for `<script nonce="{{ request.csp_nonce }}">`) and sends
    the Content-Security-Policy header, unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = _kebijakan(request.csp_nonce)
        return response
