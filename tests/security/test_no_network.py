"""The suite runs with outbound connections limited to this machine (pyproject's addopts)."""

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_a_code_path_that_phones_home_fails():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
