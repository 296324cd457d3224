"""The address of the client behind the portal's reverse proxy: one answer for the login lockout and the rate limits.

Behind a proxy every request reaches Django from the proxy's address, so a limit keyed on REMOTE_ADDR puts every
official and every citizen under one key. The proxy names the real client in X-Forwarded-For, but any client can
send that header too, so it is read only when the request comes from a proxy the operator listed in
DANVAN_TRUSTED_PROXIES (addresses or networks). The header is then read from the right: each trusted proxy appends
the address it saw, so the first address from the right that is not a trusted proxy is the client; whatever a client
wrote further left is never used.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_proxies():
    return _networks(tuple(getattr(settings, "DANVAN_TRUSTED_PROXIES", ()) or ()))


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The client's IP address as a string: X-Forwarded-For only when it comes from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    peer = _address(remote)
    if not networks or peer is None or not _is_trusted(peer, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Not written by a proxy we trust: stop here rather than believe anything further left.
            break
        if not _is_trusted(address, networks):
            return str(address)
    return remote
