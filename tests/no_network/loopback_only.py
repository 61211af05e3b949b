"""Preloaded by the test session's fork server (conftest.py): the cleaning workers, forked from it, reach loopback only."""

from no_network.guard import install

install(allow_loopback=True)
