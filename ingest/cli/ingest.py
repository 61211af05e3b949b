"""`babelwire ingest`: argument parsing, progress, the output file and the exit code around `ingest.process`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ingest.errors import BabelwireError
from ingest.settings import BEAM_SIZES, DEFAULT_GLOBS, DEVICES, ENGINES, MIN_TIMEOUT, Settings

from .common import EXIT_FAILED, ErrorLines, ErrorLog, console, debug, fail, interrupted, models_dir_option, orderly_signals, refuse, reporting, say, stdout_for_records, usage_errors


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write JSONL to this file instead of stdout (`-`: stdout).")
@click.option("--target", default=Settings.target, show_default=True, help="Language to translate into.")
@click.option("--languages", default=",".join(Settings.languages), show_default=True, help="Languages to expect (favoured by language ID).")
@click.option("--glob", "globs", multiple=True, help=f"File pattern inside folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--allow-untranslated", is_flag=True, help="Exit 0 even when a translation model is missing.")
@click.option("--no-translate", is_flag=True, help="Clean and tag languages only.")
@models_dir_option
@click.option("--beam-size", default=Settings.beam_size, show_default=True, type=click.IntRange(BEAM_SIZES.start, BEAM_SIZES.stop - 1), help="Beam size (1 is fastest).")
@click.option("--workers", type=click.IntRange(0, 1024), help="Cleaning processes (default: one per available core; 0: clean in this process).")
@click.option("--threads", default=Settings.threads, show_default=True, type=click.IntRange(0, 1024), help="CPU threads for translation in total (0: every available core).")
@click.option("--device", type=click.Choice(DEVICES), default=Settings.device, show_default=True, help="Where translation runs (auto: a CUDA GPU when one is visible).")
@click.option("--engine", type=click.Choice(ENGINES), default=Settings.engine, show_default=True, help="Run here, or on a Ray cluster (pip install 'babelwire[ray]').")
@click.option("--ray-address", help="Ray cluster to use with --engine ray (default: RAY_ADDRESS, else a local Ray for the run).")
@click.option("--max-bytes", default=Settings.max_bytes, show_default=True, type=click.IntRange(1), help="Skip inputs larger than this.")
@click.option("--timeout", default=Settings.timeout, show_default=True, type=click.FloatRange(MIN_TIMEOUT), help="Seconds for the whole fetch of a URL, redirects and retry included.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), help="Translation cache file (default: $XDG_CACHE_HOME/babelwire/translations.sqlite3).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write each failed input as a JSON line (input, stage, message) to this file.")
@click.option("--allow-private-urls", is_flag=True, help="Fetch URLs on loopback and private networks (refused by default).")
@click.option("--watch", "watch_path", type=click.Path(dir_okay=False, path_type=Path), help="Watch terms, one 'label: term | alias' a line; matches go in each record's `matches`.")
@click.option("--only-matches", is_flag=True, help="Write only records that match a watch term (needs --watch).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def ingest_command(inputs, output, target, languages, globs, allow_untranslated, no_translate, models_dir, beam_size, workers, threads, device, engine, ray_address, max_bytes, timeout, cache_path, no_cache, errors_path, allow_private_urls, watch_path, only_matches, quiet):
    """Clean, tag and translate articles from files, folders, URLs or `-` (stdin: a list of paths and URLs, or one document).

    Examples:

    \b
        babelwire ingest seeds/ > out.jsonl
        babelwire ingest a.txt page.html https://example.com/news -o output/run.jsonl --target en
        find inbox -name '*.txt' | babelwire ingest - | jq -r '.translation.text'
        cat page.html | babelwire ingest -
        babelwire ingest archive/ --workers 16 --device cuda -o archive.jsonl
        RAY_ADDRESS=ray://head:10001 babelwire ingest backlog/ --engine ray -o backlog.jsonl
        babelwire ingest inbox/ --watch watch.txt --only-matches | jq -c '.matches'
    """
    if only_matches and watch_path is None:
        raise click.UsageError("--only-matches needs --watch FILE")
    output = None if output is None or str(output) == "-" else output
    con = console()
    error_log = ErrorLog(errors_path)
    try:
        with orderly_signals(), reporting(con, minor=not quiet):
            settings = Settings(
                target=target.strip().lower(),
                languages=tuple(code.strip().lower() for code in languages.split(",") if code.strip()),
                globs=tuple(globs) or DEFAULT_GLOBS,
                allow_untranslated=allow_untranslated,
                translate=not no_translate,
                beam_size=beam_size,
                workers=workers,
                threads=threads,
                device=device,
                engine=engine,
                ray_address=ray_address,
                max_bytes=max_bytes,
                timeout=timeout,
                allow_private_urls=allow_private_urls,
                models_dir=models_dir,
                cache=cache_path,
                use_cache=not no_cache,
                debug=debug(),
                watch=watch_path,
                only_matches=only_matches,
            )
            from ingest.api import process

            code = _write(process(inputs, settings, on_error=ErrorLines(error_log)), settings, output, error_log, quiet, con)
    except usage_errors() as exc:
        refuse(con, exc, lambda key: "--" + key.replace("_", "-"))
    except BabelwireError as exc:
        fail(exc)
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt as exc:
        interrupted(con, exc, replaced_at_the_end(output))
    sys.exit(code)


def replaced_at_the_end(output: Path | None) -> Path | None:
    """-o FILE when the run writes a file beside it and renames it at the end (not a device or a FIFO, written through)."""
    if output is None or not output.exists():
        return output
    return output if output.is_file() else None


def _write(records, settings: Settings, output: Path | None, error_log: ErrorLog, quiet: bool, con) -> int:
    """Write each wanted record as its input's turn comes, the bar moving on with every input; returns the exit code."""
    from ingest.run.report import ingest_summary, untranslated_fails
    from ingest.write.jsonl import JsonlWriter

    interactive = sys.stderr.isatty() and not quiet
    started = time.monotonic()
    stats = records.stats
    # The run is closed (on Ctrl-C too) before stdout is given back: Ray, stopping, still prints there.
    with stdout_for_records(settings.engine == "ray") as stdout, records, JsonlWriter(output, None if output else stdout) as writer, \
            error_log, _Progress(interactive, records.count() if interactive else 0, con, stdout) as progress:
        for step in records.steps():
            if step.wanted:
                progress.before_data()
                writer.write(step.record.to_json())
            progress.advance()
        if not stats.records and output:
            writer.keep_old()  # nothing to write: an earlier output is worth more than an empty file
            if stats.failed:
                say(con, f"error: no input gave a record; {output} is left as it was")
            elif not quiet:
                say(con, f"warning: no record to write; {output} is left as it was")
    if not settings.allow_untranslated:
        untranslated_fails(stats.missing_models, "pass --allow-untranslated")
    if interactive:
        _summary(con, ingest_summary(stats, time.monotonic() - started, output))
    failed = stats.failed or stats.translation_errors or (stats.missing_models and not settings.allow_untranslated)
    return EXIT_FAILED if failed else 0


class _Progress:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise.

    When stdout is a terminal too, records land where the bar is: its line
    (one line) is cleared before each record and the bar drawn again below
    it. The bar is drawn from this thread only (no refresh thread), so
    nothing redraws it between the clearing and the record. Log lines (-v)
    and warnings go through the bar's console, which prints them above it.
    """

    REDRAW_EVERY = 0.1  # seconds

    def __init__(self, enabled: bool, total: int, con, stdout):
        self.enabled, self.total, self.con = enabled, total, con
        self.shared = enabled and stdout is not None and stdout.isatty()
        self.drawn = 0.0
        self.logs: list = []

    def __enter__(self) -> "_Progress":
        if not self.enabled:
            return self
        import logging

        from rich.progress import Progress

        self.bar = Progress(console=self.con, redirect_stdout=False, redirect_stderr=False, transient=True, auto_refresh=False)
        self.task = self.bar.add_task("articles", total=self.total)
        self.bar.start()
        self.logs = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler) and h.stream is sys.stderr]
        for handler in self.logs:
            handler.setStream(_AboveBar(self.con))
        return self

    def before_data(self) -> None:
        if self.shared:
            from rich.control import Control, ControlType

            self.con.control(Control(ControlType.CARRIAGE_RETURN, (ControlType.ERASE_IN_LINE, 2)))

    def advance(self) -> None:
        if self.enabled:
            self.bar.advance(self.task)
            if time.monotonic() - self.drawn >= self.REDRAW_EVERY:
                self.bar.refresh()
                self.drawn = time.monotonic()

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
            for handler in self.logs:
                handler.setStream(sys.stderr)


class _AboveBar:
    """The stream of the stderr log handler while the bar shows: each line printed above the bar."""

    def __init__(self, con):
        self.con = con

    def write(self, text: str) -> None:
        for line in text.splitlines():
            say(self.con, line)

    def flush(self) -> None:
        pass


def _summary(con, rows: list[tuple[str, str]]) -> None:
    from rich.table import Table

    table = Table(title="babelwire ingest", show_header=False)
    for label, value in rows:
        table.add_row(label, value)
    con.print(table)
