"""HTML rendered as users' scrapers write it, by the real tools, for tests and benches.

`render(html, tool)` runs one of `TOOLS` on an HTML string and returns its
text exactly as the tool writes it (trailing spaces, blank runs and all), so
that the cleaner is judged on real shapes rather than on what we think they
look like. Offline and deterministic: the tools get UTF-8 bytes and a throwaway
HOME (no user config is read, none is left behind); pandoc runs sandboxed,
since without --sandbox it fetches iframes. The Debian tools come from
`make tools` (part of `make test`), the Python ones from the `test` extras.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_LYNX = ["lynx", "-dump", "-force_html", "-width=80", "-display_charset=utf-8", "-assume_charset=utf-8", "-stdin"]

# tool name -> command line reading the page on stdin ("{file}": the page saved to a file instead)
_COMMANDS = {
    "lynx80": [*_LYNX, "-nolist"],
    "lynx80-refs": _LYNX,
    "w3m80": ["w3m", "-dump", "-cols", "80", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "w3m-wide": ["w3m", "-dump", "-cols", "2000", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "links80": ["links", "-dump", "-width", "80", "-codepage", "utf-8",
                "-html-assume-codepage", "utf-8", "-html-hard-assume", "1", "{file}"],
    "pandoc72": ["pandoc", "--sandbox", "--quiet", "-f", "html", "-t", "plain", "--columns", "72"],
}

TOOLS = (*_COMMANDS, "h2t", "h2t-wide", "bs4", "inscriptis")

# A <meta> charset other than UTF-8 would make lynx and w3m misread the UTF-8 bytes they are given.
_META_CHARSET = re.compile(r"(<meta\b[^>]*?charset\s*=\s*[\"']?)[\w.:-]+", re.IGNORECASE)


class ToolMissing(RuntimeError):
    """A rendering tool is not installed."""


def render(html: str, tool: str) -> str:
    """`html` as `tool` (one of TOOLS) writes it as text."""
    if tool in _COMMANDS:
        return _run(_COMMANDS[tool], _META_CHARSET.sub(r"\1utf-8", html))
    if tool in ("h2t", "h2t-wide"):
        import html2text

        converter = html2text.HTML2Text()
        if tool == "h2t-wide":
            converter.body_width = 0
        return converter.handle(html)
    if tool == "bs4":
        from bs4 import BeautifulSoup

        return BeautifulSoup(html, "html.parser").get_text("\n")
    if tool == "inscriptis":
        import inscriptis

        return inscriptis.get_text(html)
    raise ValueError(f"unknown tool {tool!r}: one of {', '.join(TOOLS)}")


def _run(command: list[str], html: str) -> str:
    if shutil.which(command[0]) is None:
        raise ToolMissing(f"{command[0]} is not installed: `make tools` installs it (apt-get install {command[0]})")
    with tempfile.TemporaryDirectory(prefix="render-") as home:
        page = Path(home) / "page.html"
        page.write_text(html, encoding="utf-8")
        argv = [str(page) if arg == "{file}" else arg for arg in command]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "TERM": "dumb"}
        with page.open("rb") as stdin:
            done = subprocess.run(argv, stdin=stdin, capture_output=True, env=env, cwd=home, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {done.stderr.decode('utf-8', 'replace')[-500:]}")
    return done.stdout.decode("utf-8", "replace")
