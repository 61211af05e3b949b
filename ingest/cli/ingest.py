"""`babelwire ingest`: files, folders, URLs, or stdin (a list of them, or one document) -> JSONL records."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import click

from ingest.errors import BabelwireError, InputError
from ingest.settings import DEFAULT_GLOBS, DEFAULT_LANGUAGES, Settings, default_workers

from .common import EXIT_FAILED, ErrorLog, console, debug, error_line, fail, interrupted, load_watch, models_dir_option, orderly_signals, require_engine, require_languages, require_target, say, stdout_for_records, translator_and_cache, undetermined_line


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write JSONL to this file instead of stdout (`-`: stdout).")
@click.option("--target", default="en", show_default=True, help="Language to translate into.")
@click.option("--languages", default=",".join(DEFAULT_LANGUAGES), show_default=True, help="Languages to expect (favoured by language ID).")
@click.option("--glob", "globs", multiple=True, help=f"File pattern inside folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--allow-untranslated", is_flag=True, help="Exit 0 even when a translation model is missing.")
@click.option("--no-translate", is_flag=True, help="Clean and tag languages only.")
@models_dir_option
@click.option("--beam-size", default=4, show_default=True, type=click.IntRange(1, 16), help="Beam size (1 is fastest).")
@click.option("--workers", type=click.IntRange(0, 1024), help="Cleaning processes (default: one per available core; 0: clean in this process).")
@click.option("--threads", default=0, show_default=True, type=click.IntRange(0, 1024), help="CPU threads for translation in total (0: every available core).")
@click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="auto", show_default=True, help="Where translation runs (auto: a CUDA GPU when one is visible).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Run here, or on a Ray cluster (pip install 'babelwire[ray]').")
@click.option("--ray-address", help="Ray cluster to use with --engine ray (default: RAY_ADDRESS, else a local Ray for the run).")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1), help="Skip inputs larger than this.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1), help="Seconds for the whole fetch of a URL, redirects and retry included.")
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
    settings = Settings(
        target=target.strip().lower(),
        languages=tuple(code.strip().lower() for code in languages.split(",") if code.strip()),
        globs=tuple(globs) or DEFAULT_GLOBS,
        output=None if output is None or str(output) == "-" else output,
        allow_untranslated=allow_untranslated,
        translate=not no_translate,
        beam_size=beam_size,
        workers=default_workers() if workers is None else workers,
        threads=threads,
        device=device,
        engine=engine,
        ray_address=ray_address,
        max_bytes=max_bytes,
        fetch_timeout=timeout,
        allow_private_urls=allow_private_urls,
        cache=cache_path,
        use_cache=not no_cache,
        errors=errors_path,
        debug=debug(),
        watch=load_watch(watch_path, only_matches),
        only_matches=only_matches,
    )
    from translate.models import use_models_dir

    use_models_dir(models_dir)
    con = console()
    require_languages(settings.languages, "--languages", con)
    if settings.translate:
        require_target(settings.target, "--target", con)
    require_engine(settings, con)
    try:
        with orderly_signals():
            code = run_ingest(settings, inputs, quiet, con)
    except BabelwireError as exc:
        fail(exc)
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt as exc:
        interrupted(con, exc, replaced_at_the_end(settings.output))
    sys.exit(code)


def replaced_at_the_end(output: Path | None) -> Path | None:
    """-o FILE when the run writes a file beside it and renames it at the end (not a device or a FIFO, written through)."""
    if output is None or not output.exists():
        return output
    return output if output.is_file() else None


def run_ingest(settings: Settings, inputs, quiet: bool, con) -> int:
    """The run: expand the inputs, drive the local engine, write records in input order; returns the exit code."""
    from ingest.read.sources import STDIN, Raw, expand_piped, piped
    from ingest.run import engine
    from ingest.run.stages import Failure, Job
    from ingest.run.stats import RunStats
    from ingest.write.jsonl import JsonlWriter

    if settings.engine == "local" and settings.workers > 0:
        from ingest.run.pool import start_early

        start_early()
    stdin = piped(sys.stdin.buffer.read() if sys.stdin else b"", settings.max_bytes) if STDIN in inputs else []
    items = list(expand_piped(inputs, settings.globs, stdin))
    jobs = [Failure(i, item.input_name, item) if isinstance(item, InputError) else Job(i, item.item, raw=item) if isinstance(item, Raw) else Job(i, item)
            for i, item in enumerate(items)]
    translator, cache = translator_and_cache(settings.decoding(), settings.engine, settings.use_cache, settings.cache, con) if settings.translate else (None, None)
    interactive = sys.stderr.isatty() and not quiet
    started = time.monotonic()
    stats = RunStats()
    stories = settings.stories()
    report = _Reporter(con, settings)
    if not jobs and not quiet:
        say(con, f"warning: no inputs found in {' '.join(inputs)} (files taken from folders: {' '.join(settings.globs)})")
    with stdout_for_records(settings.engine == "ray") as stdout, JsonlWriter(settings.output, None if settings.output else stdout) as writer, \
            ErrorLog(settings.errors) as error_log, _Progress(interactive, len(jobs), con, stdout) as progress:
        # Closed here, not when collected: on Ctrl-C the engine stops its workers (and Ray) before we leave.
        with contextlib.closing(engine(settings, translator, cache).run(jobs)) as outcomes:
            for outcome in outcomes:
                stats.add(outcome)
                if outcome.record is not None:
                    record, _ = stories.annotate(outcome.record, outcome.fingerprint)
                    if stories.wanted(record):
                        progress.before_data()
                        writer.write(record.to_json())
                report.outcome(outcome, stats, error_log)
                progress.advance()
        if not stats.records and settings.output:
            writer.keep_old()  # nothing to write: an earlier output is worth more than an empty file
            if stats.failed:
                say(con, f"error: no input gave a record; {settings.output} is left as it was")
            elif not quiet:
                say(con, f"warning: no record to write; {settings.output} is left as it was")
    report.finish(stats)
    if interactive:
        _summary(con, stats, time.monotonic() - started, settings.output)
    failed = stats.failed or stats.translation_errors or (stats.missing_models and not settings.allow_untranslated)
    return EXIT_FAILED if failed else 0


class _Reporter:
    """One line per failed input; one per missing model and per failing model, the first time each shows."""

    def __init__(self, con, settings: Settings):
        self.con = con
        self.settings = settings
        self.missing: set[tuple[str, str]] = set()
        self.broken: set[tuple[str, str]] = set()

    def outcome(self, outcome, stats, error_log: ErrorLog) -> None:
        from translate.models import install_hint

        if outcome.error is not None:
            error_line(self.con, outcome.error.input_name, outcome.error.message)
            error_log.write_error(outcome.error)
        for pair in sorted(stats.missing_models - self.missing):
            self.missing.add(pair)
            say(self.con, f"warning: no translation model for {pair[0]}→{pair[1]}; records keep the original text. "
                          f"Install it with: {install_hint(*pair)}")
        for pair, message in outcome.translation_errors.items():
            error_log.write(outcome.name, "translate", f"{pair[0]}→{pair[1]}: {message}")
            if pair not in self.broken:
                self.broken.add(pair)
                say(self.con, f"error: translation {pair[0]}→{pair[1]} failed: {message}; records keep the original text (first: {outcome.name})")

    def finish(self, stats) -> None:
        for pair, count in sorted(stats.untranslated_inputs.items()):
            if count > 1:
                say(self.con, f"error: translation {pair[0]}→{pair[1]} failed for {count} inputs")
        if stats.undetermined and self.settings.translate:
            say(self.con, undetermined_line(stats.undetermined))
        if stats.missing_models and not self.settings.allow_untranslated:
            pairs = ", ".join(f"{a}→{b}" for a, b in sorted(stats.missing_models))
            say(self.con, f"error: no translation model for {pairs}, so the run fails: install the models (commands above), "
                          "or pass --allow-untranslated to accept records in their original language")


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


def _summary(con, stats, seconds: float, output) -> None:
    from rich.table import Table

    table = Table(title="babelwire ingest", show_header=False)
    table.add_row("records written", str(stats.records))
    table.add_row("inputs failed", str(stats.failed))
    table.add_row("segments translated", str(stats.segments_translated))
    table.add_row("missing models", ", ".join(f"{a}→{b}" for a, b in sorted(stats.missing_models)) or "none")
    if stats.translation_errors:
        table.add_row("models that failed", ", ".join(f"{a}→{b}" for a, b in sorted(stats.translation_errors)))
    table.add_row("output", str(output or "stdout"))
    table.add_row("seconds", f"{seconds:.1f} ({(stats.records + stats.failed) / max(seconds, 1e-9):.1f} inputs/s)")
    con.print(table)
