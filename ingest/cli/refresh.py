"""`babelwire refresh`: what is new or changed in a babelwire.toml's sources (for cron)."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import click

from ingest.errors import BabelwireError
from ingest.run import report, start

from .common import EXIT_CONFIG, EXIT_FAILED, EXIT_LOCKED, ErrorLines, ErrorLog, console, debug, fail, interrupted, models_dir_option, orderly_signals, refuse, reporting, say, stdout_for_records, usage_errors


@click.command("refresh")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="The babelwire.toml to run (needed unless --status).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path), help="State database (default: $XDG_STATE_HOME/babelwire/state.sqlite3).")
@click.option("--wait", default=0.0, type=click.FloatRange(0), help="Seconds to wait for another run to finish (default: exit at once).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Append log messages and the summary line here.")
@models_dir_option
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write each failed item as a JSON line (input, stage, message) to this file.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr (errors still show).")
@click.option("--status", "show_status", is_flag=True, help="List failed and dead items (tries, next try, last error) on stdout; nothing runs.")
@click.option("--json", "as_json", is_flag=True, help="With --status: one JSON object per item.")
@click.option("--retry", multiple=True, metavar="ITEM", help="Try this failed or dead item (a URL or path, as --status lists it) in this run, its tries counted afresh (repeatable).")
def refresh_command(config_path, state_path, wait, log_file, models_dir, no_cache, errors_path, quiet, show_status, as_json, retry):
    """Process what is new or changed in the sources of a babelwire.toml (for cron).

    Examples:

    \b
        babelwire refresh --config babelwire.toml
        */10 * * * * cd /srv/news && .venv/bin/babelwire refresh -c babelwire.toml -q
        babelwire refresh --status
        babelwire refresh -c babelwire.toml --retry https://example.com/a.html

    Exit codes: 0 all fine, 1 some items failed, 2 usage or configuration error
    (or --retry of an item that is not failed or dead), 75 another run holds the lock.
    """
    from ingest.cron.config import ConfigError, load
    from ingest.cron.lock import LockHeld
    from ingest.cron.refresh import NotRetryable, Refresher
    from ingest.cron.state import default_path

    con = console()
    if show_status:
        if retry:
            raise click.UsageError("--status only lists; run --retry without it")
        show_troubles(state_path or default_path(), as_json, con)
        return
    if config_path is None:
        raise click.UsageError("Missing option '-c' / '--config'.")
    log_file = _log_file(log_file)
    try:
        config = load(config_path)
    except ConfigError as exc:
        if debug():
            raise
        say(con, f"error: {exc}")
        sys.exit(EXIT_CONFIG)
    settings = dataclasses.replace(config.settings, models_dir=models_dir or config.settings.models_dir,
                                   use_cache=config.settings.use_cache and not no_cache)
    error_log = ErrorLog(errors_path)
    with reporting(con, logging.ERROR if quiet else logging.INFO, also=log_file):
        try:
            translator, cache = start(settings)
        except usage_errors() as exc:
            refuse(con, exc, lambda key: f"{config_path}: {key}")
        except BabelwireError as exc:
            fail(exc)
        try:
            with orderly_signals(), stdout_for_records(settings.engine == "ray"), error_log:
                refresher = Refresher(dataclasses.replace(config, settings=settings), state_path or default_path(), translator, cache,
                                      wait, retry=retry, on_error=ErrorLines(error_log))
                summary = refresher.run()
        except LockHeld as exc:
            say(con, f"error: {exc}")
            sys.exit(EXIT_LOCKED)
        except NotRetryable as exc:
            say(con, f"error: {exc}")
            sys.exit(EXIT_CONFIG)
        except BabelwireError as exc:
            fail(exc)
        except KeyboardInterrupt as exc:
            interrupted(con, exc)
        # With allow_untranslated = false a missing model is a failure: an error, shown even with -q.
        untranslated_fails = bool(summary.missing_models) and not settings.allow_untranslated
        if untranslated_fails:
            report.untranslated_fails(summary.missing_models, f"set allow_untranslated = true in {config_path}")
        report.refresh_summary(summary)
    sys.exit(EXIT_FAILED if summary.failed or summary.dead or summary.translation_errors or untranslated_fails else 0)


def show_troubles(state_path: Path, as_json: bool, con) -> None:
    """--status: one line per failed, dead or failing item on stdout (tab-separated, or JSON); a note on stderr when there is none."""
    from ingest.cron.state import State

    if not state_path.exists():
        say(con, f"no state at {state_path}: refresh has not run with it yet (or give --state PATH)")
        return
    state = State(state_path)
    try:
        troubles = state.troubles()
    finally:
        state.close()
    if not troubles:
        say(con, f"nothing failed or dead in {state_path}")
    now = time.time()
    for trouble in troubles:
        if trouble.status == "dead":
            next_try = None
        else:
            next_try = _iso(trouble.next_try) if trouble.next_try > now and trouble.status == "failed" else "next run"
        if as_json:
            click.echo(json.dumps({"item": trouble.key, "status": trouble.status, "tries": trouble.errors, "next_try": next_try,
                                   "last_error": trouble.last_error, "last_seen": _iso(trouble.last_seen)}, ensure_ascii=False))
        else:
            click.echo(f"{trouble.status}\t{trouble.errors}\t{next_try or 'never (--retry ITEM)'}\t{trouble.key}\t{trouble.last_error or ''}")


def _iso(epoch: float | None) -> str | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _log_file(path: Path | None) -> tuple[logging.Handler, ...]:
    """--log-file: every log message of the run (INFO and up), and the run's report lines with them.

    Its handler goes on the root logger and beside the report's stderr lines
    (`reporting`), whose logger does not pass its lines on, so each is written
    once; stderr keeps its own level, so cron mails only what went wrong.
    """
    if path is None:
        return ()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level, logging.INFO))
    return (handler,)
