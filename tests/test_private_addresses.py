"""SSRF: every private range is refused, IPv4 carried inside IPv6 included (NAT64, 6to4, mapped,
compatible, translated). A test-only name resolves to each address (the resolver is the network
mocked, as in test_fetching.py); a refused address is never connected to."""

from __future__ import annotations

import pytest
from test_fetching import GOOD, article, errors, ingest, network, send, servers  # noqa: F401  (fixtures)

PRIVATE = {
    "169.254.169.254": "cloud metadata (link-local)",
    "10.1.2.3": "RFC 1918",
    "100.64.0.1": "carrier-grade NAT",
    "0.0.0.0": "unspecified",
    "::ffff:127.0.0.1": "IPv4-mapped loopback",
    "::ffff:169.254.169.254": "IPv4-mapped metadata",
    "fe80::1": "IPv6 link-local",
    "fc00::1": "unique local (fc00::/7)",
    "fd12:3456::1": "unique local (fd00::/8)",
    "64:ff9b::7f00:1": "NAT64 of 127.0.0.1",
    "64:ff9b::a9fe:a9fe": "NAT64 of 169.254.169.254",
    "64:ff9b:1::a00:1": "local-use NAT64",
    "2002:7f00:1::": "6to4 of 127.0.0.1",
    "2002:a00:1::1": "6to4 of 10.0.0.1",
    "::7f00:1": "IPv4-compatible 127.0.0.1",
    "::ffff:0:7f00:1": "IPv4-translated 127.0.0.1",
}


@pytest.mark.parametrize("address", PRIVATE, ids=[f"{a} ({why})" for a, why in PRIVATE.items()])
def test_a_name_that_resolves_to_a_private_address_is_refused_and_never_contacted(servers, network, address):
    site = servers({"/a.html": send(200, article("Internal page"))})
    network.names["inside.example"] = [address]
    network.routes[(address, 80)] = ("127.0.0.1", site.port)
    result = ingest("http://inside.example/a.html", GOOD, "--workers", "0")  # the resolver is mocked in this process
    assert result.exit_code == 1
    assert len(errors(result.stderr)) == 1 and "inside.example is a private address" in result.stderr
    assert site.requests == [] and (address, 80) not in network.connects


@pytest.mark.parametrize("address", ["64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "::ffff:93.184.215.14"],
                         ids=["NAT64", "6to4", "IPv4-mapped"])
def test_a_public_ipv4_carried_in_ipv6_is_fetched(servers, network, address):
    """Each address carries PUBLIC_IP (93.184.215.14 = 0x5db8d70e): not refused for the prefix alone."""
    site = servers({"/a.html": send(200, article("Public page"))})
    network.names["outside.example"] = [address]
    network.routes[(address, 80)] = ("127.0.0.1", site.port)
    result = ingest("http://outside.example/a.html", "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert site.paths() == ["/a.html"]
