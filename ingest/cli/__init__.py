"""babelwire's command line: a thin layer over the pipeline and model management.

Data goes to stdout, everything for people to stderr. Core errors become
one-line messages; set BABELWIRE_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

import click

from ingest import __version__
from ingest.errors import BabelwireError, InputError, OutputError
from ingest.settings import DEFAULT_GLOBS, DEFAULT_LANGUAGES, Settings

DEBUG_ENV = "BABELWIRE_DEBUG"
EXIT_FAILED = 1


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _fail(exc: BabelwireError):
    if _debug():
        raise exc
    raise click.ClickException(str(exc))


def _console():
    from rich.console import Console

    return Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="babelwire")
@click.option("-v", "--verbose", count=True, help="Log progress details to stderr (-vv for debug).")
def main(verbose: int) -> None:
    """Read the foreign-language press offline: clean articles, tag languages, translate, write JSONL.

    Example:

        babelwire ingest seeds/ > out.jsonl
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # The fetcher's connection pool logs every retry; babelwire reports the outcome itself.
    logging.getLogger("urllib3").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL if verbose < 1 else level)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write JSONL to this file instead of stdout.")
@click.option("--target", default="en", show_default=True, help="Language to translate into.")
@click.option("--languages", default=",".join(DEFAULT_LANGUAGES), show_default=True, help="Languages to expect (favoured by language ID).")
@click.option("--glob", "globs", multiple=True, help=f"File pattern inside folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--allow-untranslated", is_flag=True, help="Exit 0 even when a translation model is missing.")
@click.option("--no-translate", is_flag=True, help="Clean and tag languages only.")
@click.option("--models-dir", type=click.Path(file_okay=False), envvar="BABELWIRE_MODELS_DIR", help="Argos models folder (env BABELWIRE_MODELS_DIR).")
@click.option("--beam-size", default=4, show_default=True, type=click.IntRange(1, 16), help="Beam size (1 is fastest).")
@click.option("--threads", default=0, show_default=True, type=click.IntRange(0, 256), help="CPU threads for translation (0: all).")
@click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True, help="Where to run the models.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1), help="Skip inputs larger than this.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1), help="Seconds before a URL fetch gives up.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), help="Translation cache file (default: $XDG_CACHE_HOME/babelwire/translations.sqlite3).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write each failed input as a JSON line (input, stage, message) to this file.")
@click.option("--allow-private-urls", is_flag=True, help="Fetch URLs on loopback and private networks (refused by default).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def ingest(inputs, output, target, languages, globs, allow_untranslated, no_translate, models_dir, beam_size, threads, device, max_bytes, timeout, cache_path, no_cache, errors_path, allow_private_urls, quiet):
    """Clean, tag and translate articles from files, folders, URLs or `-` (a list on stdin).

    Examples:

        babelwire ingest seeds/ > out.jsonl

        babelwire ingest a.txt page.html https://example.com/news -o output/run.jsonl --target en

        find inbox -name '*.txt' | babelwire ingest - | jq -r '.translation.text'
    """
    settings = Settings(
        target=target,
        languages=tuple(code.strip() for code in languages.split(",") if code.strip()),
        globs=tuple(globs) or DEFAULT_GLOBS,
        output=output,
        allow_untranslated=allow_untranslated,
        translate=not no_translate,
        beam_size=beam_size,
        threads=threads,
        device=device,
        max_bytes=max_bytes,
        fetch_timeout=timeout,
        allow_private_urls=allow_private_urls,
        cache=cache_path,
        use_cache=not no_cache,
        errors=errors_path,
        debug=_debug(),
    )
    from translate.models import use_models_dir

    use_models_dir(models_dir)
    try:
        code = _run_ingest(settings, inputs, quiet)
    except BabelwireError as exc:
        _fail(exc)
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_FAILED
    sys.exit(code)


def _run_ingest(settings: Settings, inputs, quiet: bool) -> int:
    from translate.models import install_hint

    from ingest.run.pipeline import Pipeline
    from ingest.read.sources import expand
    from ingest.write.jsonl import JsonlWriter

    stdin_lines = sys.stdin if "-" in inputs else ()
    items = list(expand(inputs, settings.globs, stdin_lines))
    translator = _translator(settings) if settings.translate else None
    interactive = sys.stderr.isatty() and not quiet
    console = _console()
    started = time.monotonic()
    reported: set[tuple[str, str]] = set()
    with JsonlWriter(settings.output, None if settings.output else sys.stdout) as writer, \
            _ErrorLog(settings.errors) as error_log, _progress(interactive, len(items), console) as advance:
        pipeline = Pipeline(settings, translator, on_item=advance)
        for outcome in pipeline.run(items):
            if outcome.error:
                _error_line(console, outcome.error)
                error_log.write(outcome.error)
            else:
                writer.write(outcome.record.to_json())
            for pair in sorted(pipeline.stats.missing_models - reported):
                reported.add(pair)
                console.print(
                    f"warning: no translation model for {pair[0]}→{pair[1]}; records keep the original text. "
                    f"Install it with: {install_hint(*pair)}",
                    markup=False, highlight=False, soft_wrap=True,
                )
    if interactive:
        _summary(console, pipeline.stats, time.monotonic() - started, settings.output)
    failed = pipeline.stats.errors > 0 or (pipeline.stats.missing_models and not settings.allow_untranslated)
    return EXIT_FAILED if failed else 0


class _ErrorLog:
    """--errors FILE: one JSON line per failed input, appended as it happens."""

    def __init__(self, path: Path | None):
        self.path = path
        self.stream = None

    def __enter__(self) -> "_ErrorLog":
        if self.path is not None:
            try:
                self.stream = open(self.path, "a", encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write the error log ({exc.strerror})") from None
        return self

    def write(self, error: InputError) -> None:
        if self.stream:
            self.stream.write(json.dumps({"input": error.input_name, "stage": error.stage, "message": error.message}, ensure_ascii=False) + "\n")
            self.stream.flush()

    def __exit__(self, *exc) -> None:
        if self.stream:
            self.stream.close()


def _error_line(console, error: InputError) -> None:
    console.print(f"error: {error.input_name}: {error.message}", markup=False, highlight=False, soft_wrap=True)


class _progress:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise."""

    def __init__(self, enabled: bool, total: int, console):
        self.enabled, self.total, self.console = enabled, total, console

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        # The same console as the warnings, so rich prints them above the bar.
        self.bar = Progress(console=self.console, redirect_stdout=False, redirect_stderr=False, transient=True)
        self.bar.start()
        task = self.bar.add_task("articles", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()


def _summary(console, stats, seconds: float, output) -> None:
    from rich.table import Table

    table = Table(title="babelwire ingest", show_header=False)
    table.add_row("records written", str(stats.records))
    table.add_row("inputs failed", str(stats.errors))
    table.add_row("segments translated", str(stats.segments_translated))
    table.add_row("missing models", ", ".join(f"{a}→{b}" for a, b in sorted(stats.missing_models)) or "none")
    table.add_row("output", str(output or "stdout"))
    table.add_row("seconds", f"{seconds:.1f}")
    console.print(table)


EXIT_CONFIG = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; cron will try again


@main.command()
@click.option("-c", "--config", "config_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The babelwire.toml to run.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path), help="State database (default: $XDG_STATE_HOME/babelwire/state.sqlite3).")
@click.option("--wait", default=0.0, type=click.FloatRange(0), help="Seconds to wait for another run to finish (default: exit at once).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Append log messages and the summary line here.")
@click.option("--models-dir", type=click.Path(file_okay=False), envvar="BABELWIRE_MODELS_DIR", help="Argos models folder (env BABELWIRE_MODELS_DIR).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write each failed item as a JSON line (input, stage, message) to this file.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr (errors still show).")
def refresh(config_path, state_path, wait, log_file, models_dir, no_cache, errors_path, quiet):
    """Process what is new or changed in the sources of a babelwire.toml (for cron).

    Examples:

        babelwire refresh --config babelwire.toml

        */10 * * * * cd /srv/news && .venv/bin/babelwire refresh -c babelwire.toml -q

    Exit codes: 0 all fine, 1 some items failed, 2 usage or configuration error,
    75 another run holds the lock.
    """
    from translate.models import use_models_dir

    from ingest.cron.config import ConfigError, load
    from ingest.cron.lock import LockHeld
    from ingest.cron.refresh import Refresher
    from ingest.cron.state import default_path

    console = _console()
    if log_file:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    try:
        config = load(config_path)
    except ConfigError as exc:
        if _debug():
            raise
        console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(EXIT_CONFIG)
    use_models_dir(models_dir)
    translator = _translator(Settings(target=config.target, use_cache=not no_cache))
    try:
        summary = Refresher(config, state_path or default_path(), translator, wait).run()
    except LockHeld as exc:
        console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(EXIT_LOCKED)
    except BabelwireError as exc:
        _fail(exc)
    with _ErrorLog(errors_path) as error_log:
        for error in summary.errors:
            _error_line(console, error)
            error_log.write(error)
    logging.getLogger(__name__).info(summary.line())
    from translate.models import install_hint

    for pair in sorted(summary.missing_models):
        message = f"warning: no translation model for {pair[0]}→{pair[1]}; install it with: {install_hint(*pair)}"
        logging.getLogger(__name__).warning(message)
        if not quiet:
            console.print(message, markup=False, highlight=False, soft_wrap=True)
    if not quiet:
        console.print(summary.line(), markup=False, highlight=False, soft_wrap=True)
    sys.exit(EXIT_FAILED if summary.failed or summary.dead else 0)


def _translator(settings: Settings):
    """The translator for a run, with its cache (a broken cache is reported and skipped)."""
    from translate.cache import CacheError, TranslationCache
    from translate.engine import Decoding, Translator

    cache = None
    if settings.use_cache:
        try:
            cache = TranslationCache(settings.cache)
        except CacheError as exc:
            _console().print(f"warning: {exc}; translating without it", markup=False, highlight=False, soft_wrap=True)
    return Translator(Decoding(beam_size=settings.beam_size, device=settings.device, threads=settings.threads), cache)


@main.group()
def cache() -> None:
    """Inspect or empty the translation cache.

    Examples:

        babelwire cache stats

        babelwire cache clear
    """


_cache_option = click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), help="Cache file (default: $XDG_CACHE_HOME/babelwire/translations.sqlite3).")


@cache.command("stats")
@_cache_option
def cache_stats(cache_path):
    """Show where the cache is, how many translations it holds, per model.

    Example:

        babelwire cache stats
    """
    from translate.cache import TranslationCache

    try:
        stats = TranslationCache(cache_path).stats()
    except BabelwireError as exc:
        _fail(exc)
    click.echo(json.dumps(stats, ensure_ascii=False))


@cache.command("clear")
@_cache_option
def cache_clear(cache_path):
    """Delete every cached translation.

    Example:

        babelwire cache clear
    """
    from translate.cache import TranslationCache, default_path

    path = Path(cache_path) if cache_path else default_path()
    try:
        removed = TranslationCache(path).clear()
    except BabelwireError:
        # A broken cache file is cleared by removing it.
        path.unlink(missing_ok=True)
        removed = 0
    click.echo(f"removed {removed} cached translations", err=True)


@main.group()
def models() -> None:
    """Manage the offline Argos translation models.

    Examples:

        babelwire models list

        babelwire models install tr nl nb --to en

        babelwire models install --from-file translate-tr_en.argosmodel
    """


_models_dir_option = click.option(
    "--models-dir", type=click.Path(file_okay=False), envvar="BABELWIRE_MODELS_DIR",
    help="Argos models folder (env BABELWIRE_MODELS_DIR).",
)


@models.command("list")
@_models_dir_option
@click.option("--available", is_flag=True, help="Also list the models in the online Argos index.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model.")
def models_list(models_dir, available, as_json):
    """List installed models (and, with --available, those in the Argos index).

    Example:

        babelwire models list --json
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    rows = [dict(m_.describe(), size=m_.size(), path=str(m_.path), installed=True) for m_ in m.installed()]
    if available:
        try:
            rows += [
                {"package": f"translate-{a.from_code}_{a.to_code}", "from": a.from_code, "to": a.to_code,
                 "version": a.version, "installed": False}
                for a in m.index()
            ]
        except BabelwireError as exc:
            _fail(exc)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"no models installed in {m.packages_dir()}; install one with: babelwire models install tr --to en", err=True)
        return
    for row in rows:
        size = f"{row['size'] / 1e6:.1f} MB" if "size" in row else "-"
        state = "installed" if row["installed"] else "available"
        click.echo(f"{row['from']}→{row['to']}\t{row['version']}\t{size}\t{state}\t{row.get('path', '')}")


@models.command("install")
@click.argument("langs", nargs=-1)
@click.option("--to", "to_code", default="en", show_default=True, help="Target language of the models.")
@click.option("--from-file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Install a .argosmodel file (repeatable).")
@click.option("--from-dir", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Install every .argosmodel file in a folder.")
@click.option("--if-missing", is_flag=True, help="Skip languages whose model is already installed.")
@_models_dir_option
def models_install(langs, to_code, files, folder, if_missing, models_dir):
    """Install models from the Argos index, or from files for air-gapped machines.

    Examples:

        babelwire models install tr nl nb --to en

        babelwire models install --from-file translate-tr_en.argosmodel

        babelwire models install --from-dir /media/usb/argos
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    if not (langs or files or folder):
        raise click.UsageError("name languages to install (e.g. `tr nl nb`), or give --from-file/--from-dir")
    try:
        done = [m.install_file(f) for f in files]
        if folder:
            done += m.install_dir(folder)
        wanted = [code for code in langs if code != to_code and not (if_missing and m.find(code, to_code))]
        if wanted:
            done += m.install_from_index(wanted, to_code, progress=_download_progress())
        elif langs and if_missing:
            click.echo(f"models for {', '.join(langs)} → {to_code} already installed", err=True)
    except BabelwireError as exc:
        _fail(exc)
    for model in done:
        click.echo(f"installed {model.name} {model.version} in {model.path}", err=True)


def _download_progress():
    if not sys.stderr.isatty():
        return None
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    bar = Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn(), console=_console(), redirect_stdout=False, transient=True)
    tasks: dict[str, int] = {}

    def update(name: str, done: int, total: int | None) -> None:
        if not tasks:
            bar.start()
        if name not in tasks:
            tasks[name] = bar.add_task(name, total=total)
        bar.update(tasks[name], completed=done)
        if total and done >= total and all(t.finished for t in bar.tasks):
            bar.stop()

    return update


@models.command("remove")
@click.argument("langs", nargs=-1, required=True)
@click.option("--to", "to_code", default="en", show_default=True, help="Target language of the models.")
@_models_dir_option
def models_remove(langs, to_code, models_dir):
    """Remove installed models.

    Example:

        babelwire models remove tr --to en
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    for code in langs:
        try:
            model = m.remove(code, to_code)
        except BabelwireError as exc:
            _fail(exc)
        click.echo(f"removed {model.name} {model.version}", err=True)


if __name__ == "__main__":
    main()
