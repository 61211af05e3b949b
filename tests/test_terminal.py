"""`babelwire ingest` on a real terminal (a pseudo-terminal): progress, summary, -q, NO_COLOR, records on the same screen."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios

from conftest import ROOT, SEEDS

INPUTS = [str(path.relative_to(ROOT)) for path in sorted(SEEDS.glob("*.txt"))]
CONTROL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[^\[]|\r|\n|[^\x1b\r\n]+")
COLOUR = re.compile(r"\x1b\[([0-9;]*)m")
BAR = re.compile(r"articles [━╸╺ ]+\d+%")  # the progress bar, its escapes taken out


def on_a_terminal(*args: str, **env: str) -> tuple[int, str]:
    """Run `python -m ingest.cli ARGS` with stdout and stderr on one 120-column pseudo-terminal; its exit code and raw output."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    process = subprocess.Popen([sys.executable, "-m", "ingest.cli", *args], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                               env={**environment, "TERM": "xterm-256color", **env})
    os.close(slave)
    chunks = []
    try:
        while select.select([master], [], [], 120)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every process holding the terminal has closed it
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        process.kill() if process.poll() is None else None
    return process.wait(), b"".join(chunks).decode("utf-8", "replace")


def screen(output: str) -> list[str]:
    """The lines the terminal shows at the end: carriage return, newline, erase line and cursor up, as a VT100 does them."""
    lines: list[list[str]] = [[]]
    row = column = 0
    for token in CONTROL.findall(output):
        if token == "\r":
            column = 0
        elif token == "\n":
            row += 1
            if row == len(lines):
                lines.append([])
        elif token.startswith("\x1b[") and token.endswith("K"):
            lines[row] = [" "] * len(lines[row])
        elif token.startswith("\x1b[") and token.endswith("A"):
            row = max(0, row - int(token[2:-1] or 1))
        elif not token.startswith("\x1b"):
            line = lines[row] + [" "] * max(0, column - len(lines[row]))
            line[column : column + len(token)] = token
            lines[row], column = line, column + len(token)
    return [text for text in ("".join(line).rstrip() for line in lines) if text]


def bar_drawn(output: str) -> bool:
    return BAR.search(CONTROL_CODES.sub("", output)) is not None


def colours(output: str) -> list[str]:
    """SGR codes that set a colour (foreground or background), not bold or reset."""
    codes = [code for params in COLOUR.findall(output) for code in params.split(";") if code]
    return [code for code in codes if re.fullmatch(r"3[0-9]|4[0-9]|9[0-7]|10[0-7]", code)]


def test_progress_bar_and_summary_on_a_terminal():
    code, output = on_a_terminal("ingest", *INPUTS, "--no-translate")
    shown = screen(output)
    assert code == 0 and bar_drawn(output)  # the bar was drawn...
    assert not any(BAR.search(line) for line in shown)  # ...and is gone when the run ends
    assert any("records written" in line and "5" in line for line in shown)


def test_records_never_share_a_line_with_the_progress_bar():
    code, output = on_a_terminal("ingest", *INPUTS, "--no-translate")
    records = [line for line in screen(output) if '{"schema"' in line]
    assert code == 0 and bar_drawn(output)
    assert [json.loads(line)["source"]["path"] for line in records] == INPUTS


def test_quiet_on_a_terminal_shows_only_the_records():
    code, output = on_a_terminal("ingest", *INPUTS, "--no-translate", "-q")
    assert code == 0 and not bar_drawn(output)
    assert [json.loads(line)["source"]["path"] for line in screen(output)] == INPUTS


def test_no_color_turns_colours_off_on_a_terminal():
    _, coloured = on_a_terminal("ingest", INPUTS[0], "--no-translate")
    code, plain = on_a_terminal("ingest", INPUTS[0], "--no-translate", NO_COLOR="1")
    assert colours(coloured)  # the bar has colours by default
    assert code == 0 and bar_drawn(plain) and "records written" in plain
    assert colours(plain) == []
