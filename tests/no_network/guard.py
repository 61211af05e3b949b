"""An audit hook that refuses the network in this process and in every process forked from it.

Tests mock the network with monkeypatches, which reach neither a babelwire run
started as a process of its own nor the cleaning workers, forked from a fork
server that was never patched. This hook does, from inside those processes.
"""

from __future__ import annotations

import os
import socket
import sys

LOOPBACK = ("127.0.0.1", "::1", "localhost", None)


def install(allow_loopback: bool, log: str | None = None) -> None:
    """Refuse connections to internet addresses and host-name lookups (loopback too, unless allowed);
    with `log`, first write each attempt there. Local sockets (AF_UNIX, socketpair) stay allowed."""

    def refuse(event: str, args: tuple) -> None:
        if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
            host = args[1][0] if isinstance(args[1], tuple) else args[1]
        elif event == "socket.getaddrinfo":
            host = args[0]
        else:
            return
        if allow_loopback and host in LOOPBACK:
            return
        if log:
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {event} {host!r}\n")
        raise OSError(f"network disabled in tests (tried {host})")

    sys.addaudithook(refuse)
