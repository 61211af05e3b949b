"""`babelwire digest`: JSONL records -> one self-contained HTML page of stories."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from ingest.errors import BabelwireError

from .common import EXIT_FAILED, console, error_line, fail


@click.command("digest")
@click.argument("runs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the page to this file instead of stdout.")
@click.option("--title", default="babelwire digest", show_default=True, help="The page's title.")
def digest_command(runs, output, title):
    """Stories newest first, as one HTML page that reads offline.

    RUNS are babelwire JSONL files, or `-` for stdin.

    Examples:

    \b
        babelwire digest output/run.jsonl -o digest.html
        babelwire digest output/2026/11/25/babelwire.jsonl -o today.html
        babelwire ingest inbox/ | babelwire digest - > digest.html
    """
    from ingest.digest.read import BadLine, records
    from ingest.digest.render import render
    from ingest.write.jsonl import JsonlWriter

    con = console()
    found, bad = [], 0
    for run in runs:
        try:
            stream = contextlib.nullcontext(sys.stdin) if run == "-" else open(run, encoding="utf-8", errors="replace")
        except OSError as exc:
            error_line(con, run, f"cannot read ({exc.strerror})")
            bad += 1
            continue
        with stream as lines:  # stdin is read, not closed
            for item in records("stdin" if run == "-" else run, lines):
                if isinstance(item, BadLine):
                    error_line(con, item.where, item.problem)
                    bad += 1
                else:
                    found.append(item)
    if bad and not found:
        error_line(con, output or "stdout", "nothing to show (no record could be read); an earlier page is left as it was")
        sys.exit(EXIT_FAILED)
    try:
        with JsonlWriter(output, None if output else sys.stdout) as writer:
            writer.write(render(found, title).rstrip("\n"))
    except BabelwireError as exc:
        fail(exc)
    sys.exit(EXIT_FAILED if bad else 0)

