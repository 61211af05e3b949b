"""What the commands share: one-line errors, -v and logging, the stderr console, the error log, signals, exit codes."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import logging
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Callable

import click

from ingest.errors import BabelwireError, OutputError, SettingsError

DEBUG_ENV = "BABELWIRE_DEBUG"
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; cron will try again
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as shells report Ctrl-C
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143


models_dir_option = click.option(
    "--models-dir", type=click.Path(file_okay=False), envvar="BABELWIRE_MODELS_DIR",
    help="Argos models folder (env BABELWIRE_MODELS_DIR).",
)


def debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def fail(exc: BabelwireError):
    if debug():
        raise exc
    raise click.ClickException(str(exc))


class Main(click.Group):
    """The babelwire command: every error it reports, click's own usage errors included,
    starts `error:`, like the per-input lines (click writes `Error:`)."""

    def make_context(self, *args, **kwargs):
        with _lower_case_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _lower_case_errors():
            return super().invoke(ctx)


@contextlib.contextmanager
def _lower_case_errors():
    try:
        yield
    except click.ClickException as exc:
        exc.show = functools.partial(_show, exc)
        raise


def _show(exc: click.ClickException, file=None) -> None:
    """What click would print (usage and hint included), with babelwire's `error:` prefix."""
    text = io.StringIO()
    type(exc).show(exc, text)
    click.echo(re.sub(r"^Error: ", "error: ", text.getvalue(), count=1, flags=re.M), file=file, err=file is None, nl=False)


_VERBOSITY = "babelwire.verbose"


def configure_logging(verbose: int) -> None:
    """Log to stderr: warnings by default, INFO at -v (one line per input), DEBUG at -vv (each stage)."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)  # a --log-file may lower the root's level; stderr keeps the one asked for
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # The fetcher's connection pool logs every retry; babelwire reports the outcome itself.
    logging.getLogger("urllib3").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL if verbose < 1 else level)


def verbosity(ctx: click.Context, more: int) -> None:
    """Add `more` -v to the run's count (before or after the command name, they add up) and log at that level."""
    total = ctx.meta.get(_VERBOSITY, 0) + more
    ctx.meta[_VERBOSITY] = total
    configure_logging(total)


def verbose_option() -> click.Option:
    """`-v/--verbose` for a command, so it works after the command name too (`babelwire ingest -v ...`)."""

    def more(ctx, param, count):
        if count:
            verbosity(ctx, count)

    return click.Option(["-v", "--verbose"], count=True, expose_value=False, callback=more,
                        help="Log more to stderr: ingest and refresh, one line per input (-vv: each stage).")


def console():
    from rich.console import Console

    return Console(stderr=True)


def say(con, line: str) -> None:
    """One line for people on stderr, printed as is (no markup, no wrapping)."""
    con.print(line, markup=False, highlight=False, soft_wrap=True)


def error_line(con, input_name: str, message: str) -> None:
    say(con, f"error: {input_name}: {message}")


class _Said(logging.Handler):
    """The run's report lines on stderr, as people read them: `error: ...`, `warning: ...`, summaries as they are."""

    PREFIX = {logging.ERROR: "error: ", logging.WARNING: "warning: "}

    def __init__(self, con, level: int, minor: bool):
        super().__init__(level)
        self.con, self.minor = con, minor

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "minor", False) and not self.minor:
            return
        say(self.con, self.PREFIX.get(record.levelno, "") + record.getMessage())


@contextlib.contextmanager
def reporting(con, level: int = logging.INFO, minor: bool = True, also: tuple[logging.Handler, ...] = ()):
    """While the block runs, what a run reports (ingest.run.report) is said on stderr, from `level` up
    (refresh -q: errors only); `minor` False leaves out what `ingest -q` does not say; `also`: more handlers
    (refresh's --log-file). The lines go there alone, not to the root logger's handlers."""
    from ingest.run import report

    logger = logging.getLogger(report.__name__)
    saved = logger.handlers, logger.propagate, logger.level
    logger.handlers, logger.propagate = [_Said(con, level, minor), *also], False
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def usage_errors() -> tuple[type[BabelwireError], ...]:
    """What a run raises before it starts when the user asked for what cannot be (exit 2); for `except usage_errors()`,
    which imports them only when an exception is matched."""
    from ingest.run.ray_engine import RayMissing
    from ingest.stories.watch import WatchFileError

    return SettingsError, RayMissing, WatchFileError


def refuse(con, exc: BabelwireError, where: Callable[[str], str]):
    """A usage or configuration error, before anything ran: one line, exit 2. `where(key)` names a setting as the user gave it."""
    if debug():
        raise exc
    say(con, f"error: {where(exc.key)}: {exc.message}" if isinstance(exc, SettingsError) else f"error: {exc}")
    sys.exit(EXIT_CONFIG)


class ErrorLog:
    """--errors FILE: one JSON line per failed input, appended as it happens."""

    def __init__(self, path: Path | None):
        self.path = path
        self.stream = None

    def __enter__(self) -> "ErrorLog":
        if self.path is not None:
            try:
                self.stream = open(self.path, "a", encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write the error log ({exc.strerror})") from None
        return self

    def write(self, input_name: str, stage: str, message: str) -> None:
        if self.stream:
            self.stream.write(json.dumps({"input": input_name, "stage": stage, "message": message}, ensure_ascii=False) + "\n")
            self.stream.flush()

    def __exit__(self, *exc) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None


class ErrorLines:
    """The commands' `on_error`: a failed input is an `error: INPUT: problem` line and a line of --errors FILE;
    a model that failed on an input goes to the file alone (its line is said once per model)."""

    def __init__(self, log: ErrorLog):
        self.log = log

    def __call__(self, input_name: str, stage: str, message: str) -> None:
        from ingest.run.report import failed_input

        self.log.write(input_name, stage, message)
        if stage != "translate":
            failed_input(input_name, message)


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same orderly stop as Ctrl-C."""


@contextlib.contextmanager
def orderly_signals():
    """SIGTERM stops a run the way Ctrl-C does (only the main thread can install handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def stdout_for_records(ray: bool):
    """The stream records go to; with `ray`, whatever else reaches stdout while the block runs goes to stderr.

    Ray prints its error messages (`(raylet) Task ... failed ...`) to sys.stdout
    whatever `log_to_driver` says, and the processes it starts inherit file
    descriptor 1. So for a Ray run the records get a stream of their own on a
    copy of the real stdout, while sys.stdout and descriptor 1 both point at
    stderr, until the block (and with it Ray) ends.
    """
    out = sys.stdout
    if not ray or out is None:
        yield out
        return
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None  # not a file (a test runner's capture): only Python's sys.stdout can be moved
    if fd is None:
        with contextlib.redirect_stdout(sys.stderr):
            yield out
        return
    out.flush()
    records = os.fdopen(os.dup(fd), "w", encoding=out.encoding, errors=out.errors)
    os.dup2(sys.stderr.fileno(), fd)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield records
    finally:
        with contextlib.suppress(OSError):  # a reader that went away: the caller says so
            records.flush()
        os.dup2(records.fileno(), fd)
        with contextlib.suppress(OSError):
            records.close()


def interrupted(con, exc: KeyboardInterrupt, output: Path | None = None):
    """Leave after Ctrl-C or SIGTERM: every written line is whole, workers are gone; say so and exit 130 / 143.

    `output` is an -o FILE that the run would have replaced at its end: it was not, so that is what to say.
    """
    code = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    if output is None:
        say(con, "babelwire: interrupted; every record written so far is complete")
    elif output.exists():
        say(con, f"babelwire: interrupted; {output} is unchanged (this run's records were not saved)")
    else:
        say(con, f"babelwire: interrupted; {output} was not written")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    if any(t.name == "babelwire-translate" and t.is_alive() for t in threading.enumerate()) or "ray" in sys.modules:
        # A translation thread may be inside CTranslate2: do not wait for its batch. After a Ray run, Ray's
        # own threads may still be stopping during interpreter shutdown, and one that finds the core worker
        # gone ends the process with 1: leave now, with everything already written and flushed.
        os._exit(code)
    sys.exit(code)
