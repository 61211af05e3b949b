"""The README's two commands look the way they work: no alarming noise from set-up that works."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import struct
import subprocess

import pytest
from conftest import DATA, ROOT, SEEDS, _QuietHandler, jsonl


def test_a_test_server_whose_client_hangs_up_prints_no_traceback(capfd):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(DATA)))
    server.daemon_threads = False  # server_close() then waits for the request's thread
    client = socket.create_connection(server.server_address)
    client.sendall(b"GET /page.html HTTP/1.1\r\n")
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()  # a reset, mid-request
    server.handle_request()
    server.server_close()
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_without_the_argos_index_skips_the_models_without_an_error_from_make(tmp_path):
    """The Makefile's `run` in a copy of the checkout, with this venv (never rebuilt) and an index that refuses connections."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "output").mkdir()
    venv = ROOT / ".venv" / "bin"
    env = dict(os.environ, ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/index.json")
    done = subprocess.run(["make", "--no-print-directory", f"BIN={venv}", "-o", str(venv / "babelwire"), "run"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Error" not in output and "ignored" not in output, output
    assert "cannot reach the Argos package index" in done.stderr
    assert len(jsonl((tmp_path / "output" / "seeds.jsonl").read_text(encoding="utf-8"))) == 5
