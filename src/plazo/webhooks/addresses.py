"""Where a webhook may post: public internet addresses only, unless private ones are allowed.

Whoever adds an endpoint could otherwise make plazo's worker post to services on its own network
(a database console, a cloud metadata address). Hosts are resolved when posting, since a name can
point elsewhere than when it was added; a name that does not resolve is left to the HTTP client,
whose error is a transient one.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["non_public_address"]

Resolver = Callable[..., list[tuple[Any, ...]]]


def non_public_address(url: str, *, resolve: Resolver = socket.getaddrinfo) -> str | None:
    """The first address ``url``'s host stands for that is not a public one, or None.

    Loopback, private (RFC 1918, unique-local), link-local, multicast, reserved and unspecified
    addresses are not public.
    """
    host = urlsplit(url).hostname
    if not host:
        return None
    try:
        return _first_non_public([ipaddress.ip_address(host)])
    except ValueError:
        pass  # a name, not an address
    try:
        infos = resolve(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return None
    return _first_non_public([ipaddress.ip_address(info[4][0]) for info in infos])


def _first_non_public(addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> str | None:
    for address in addresses:
        if not address.is_global:
            return str(address)
    return None
