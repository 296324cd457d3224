"""core.network.client_address: the client behind the trusted proxy, and REMOTE_ADDR for everybody else."""

import pytest
from django.test import RequestFactory

from core.network import client_address

PROXY = "172.30.42.1"


def address(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_a_trusted_proxy_the_header_is_never_read(settings):
    settings.DANVAN_TRUSTED_PROXIES = []
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


@pytest.mark.parametrize(("remote", "forwarded", "client"), [
    (PROXY, "198.51.100.1", "198.51.100.1"),
    # What a client wrote before the proxy appended the address it saw is never believed.
    (PROXY, "10.9.9.9, 198.51.100.1", "198.51.100.1"),
    # A second trusted proxy in the chain is skipped.
    (PROXY, "198.51.100.1, 172.30.42.7", "198.51.100.1"),
    (PROXY, "2001:db8::5", "2001:db8::5"),
    # Nothing usable from the proxy: the proxy's own address, never a guess.
    (PROXY, "", PROXY),
    (PROXY, "not-an-address", PROXY),
    # Not from the proxy: the header is the sender's own words.
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
])
def test_behind_the_trusted_proxy_the_client_is_the_last_address_it_did_not_add(settings, remote, forwarded, client):
    settings.DANVAN_TRUSTED_PROXIES = ["172.30.42.0/24"]
    assert address(remote, forwarded) == client
