"""The client's network as a keyed hash: how public limits count senders without storing them.

The public survey (ikm) and the public verification page (surat) count submissions per
sender and hour. Both key their counters by `sidik_jaringan`: an HMAC (SECRET_KEY) of the
sender's network, never the address itself. IPv6 is taken per /64, since one household
or phone gets a whole /64 and could rotate inside it; an IPv4-mapped IPv6 address counts
as its IPv4 address. Each caller passes its own salt, so the two counters' keys differ.

The address itself comes from `sakip.lib.middleware_keamanan.ip_klien` (trusted proxies).
"""

from __future__ import annotations

import ipaddress

from django.utils.crypto import salted_hmac


def jaringan(alamat: str | None) -> str:
    """The network an address counts as: the address, an IPv6 /64, or the text as given."""
    teks = (alamat or "").strip()
    try:
        ip = ipaddress.ip_address(teks)
    except ValueError:
        return teks
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def sidik_jaringan(alamat: str | None, garam: str) -> str:
    """The keyed hash (hex SHA-256 HMAC, salted per use) of the sender's network."""
    return salted_hmac(garam, jaringan(alamat), algorithm="sha256").hexdigest()
