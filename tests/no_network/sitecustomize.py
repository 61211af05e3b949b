"""Put on PYTHONPATH by a test: in every Python process of a run (the main one, the fork server, each
worker), a connection to an internet address or a host-name lookup, loopback included, is written to
$BABELWIRE_TEST_NETWORK_LOG and refused."""

import os

if os.environ.get("BABELWIRE_TEST_NETWORK_LOG"):
    from guard import install

    install(allow_loopback=False, log=os.environ["BABELWIRE_TEST_NETWORK_LOG"])
