"""Offline rule: no code path of the kit downloads anything.

Two guards, each catching what the other cannot see:

- pytest-socket (``pyproject.toml``'s pytest options: ``--allow-hosts``) makes every socket that a
  test's own process opens fail to connect anywhere but localhost. That covers the kit's code as the
  tests run it, whatever the call (urllib, http.client, requests, a library's own download), and the
  tests below prove it is in force.
- The grep below reads the sources for calls that download or install. It also covers what runs in
  another process, out of pytest-socket's reach: chapters and exercises executed in Jupyter kernels
  and tools run as scripts, and ``!pip install`` lines that only a reader's notebook would run.
"""
from __future__ import annotations

import re
import socket

import pytest
from bookutils import ROOT
from pytest_socket import SocketConnectBlockedError

FORBIDDEN = re.compile(r"nltk\.download\(|urlopen\(|requests\.(get|post)\(|urllib\.request|[!%]pip install|httpx\.")


def test_no_network_calls_in_package_chapters_or_exercises():
    offenders = []
    for folder in ("src", "book", "exercises", "tools"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".ipynb"} and "dist" not in path.parts:
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if FORBIDDEN.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "network or install calls:\n" + "\n".join(offenders)


@pytest.mark.parametrize("family, address", [(socket.AF_INET, ("192.0.2.1", 80)),  # TEST-NET-1, RFC 5737
                                             (socket.AF_INET6, ("2001:db8::1", 443))],  # documentation, RFC 3849
                         ids=["ipv4", "ipv6"])
def test_a_test_cannot_connect_to_another_host(family, address):
    # pytest-socket also warns, and warnings are errors: outside this check, the test fails on the warning.
    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(SocketConnectBlockedError), \
            pytest.warns(UserWarning, match=f'connect\\(\\) with host "{address[0]}"'):
        sock.settimeout(2)
        sock.connect(address)


def test_a_test_can_connect_to_localhost():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ping")
                assert conn.recv(4) == b"ping"
        with socket.create_connection(("localhost", port), timeout=5):
            server.accept()[0].close()
