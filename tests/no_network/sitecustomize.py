"""Put on PYTHONPATH by a test: in every Python process of a run (the main one, and each worker
however it is started), a connection to an internet address or a host-name lookup is written to
$BABELWIRE_TEST_NETWORK_LOG and refused. Local sockets (AF_UNIX, socketpair) stay allowed."""

import os
import socket
import sys

_LOG = os.environ.get("BABELWIRE_TEST_NETWORK_LOG")


def _refuse(event, args):
    if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6) or event == "socket.getaddrinfo":
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {args[1:]!r}\n")
        raise OSError(f"network forbidden in this test ({event})")


if _LOG:
    sys.addaudithook(_refuse)
