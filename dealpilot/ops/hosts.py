"""The names and addresses this machine answers to on the LAN, for ALLOWED_HOSTS under `make serve`."""

from __future__ import annotations

import socket

LOCAL = ["localhost", "127.0.0.1", "[::1]"]


def _outbound_address() -> str | None:
    # The address the machine reaches the network from: connecting a UDP socket sends nothing.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1, never routed anywhere real
            return s.getsockname()[0]
    except OSError:
        return None


def lan_hosts() -> list[str]:
    names = [socket.gethostname(), socket.getfqdn()]
    try:
        names += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    names.append(_outbound_address() or "")
    out: list[str] = []
    for name in [*LOCAL, *names]:
        if name and name not in out:
            out.append(name)
    return out
