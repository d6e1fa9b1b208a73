"""``streamlit`` as in production, with every outbound network attempt recorded.

Usage: ``python audited_streamlit.py RECORD_FILE run dashboard.py ...``. A Python audit hook
(PEP 578) sees every ``socket.connect``, ``socket.sendto`` and ``socket.getaddrinfo`` of the
server process, Streamlit's own included; each one to a host that is not loopback is
appended to RECORD_FILE (one line each). The test then asserts the file stays empty.
"""

from __future__ import annotations

import ipaddress
import sys

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    if text in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False  # a name to resolve: an attempt to reach a host
    return address.is_loopback or address.is_unspecified


def main() -> None:
    record = sys.argv.pop(1)

    def hook(event: str, args: tuple) -> None:
        if event in {"socket.connect", "socket.sendto"}:
            address = args[1]
            host = address[0] if isinstance(address, tuple) else None  # AF_UNIX: a path
        elif event == "socket.getaddrinfo":
            host = args[0]
        else:
            return
        if not _is_local(host):
            with open(record, "a", encoding="utf-8") as out:
                out.write(f"{event} {host!r}\n")

    sys.addaudithook(hook)
    from streamlit.web import cli

    sys.argv[0] = "streamlit"
    cli.main()


if __name__ == "__main__":
    main()
