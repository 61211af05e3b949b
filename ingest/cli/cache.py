"""`babelwire cache`: inspect or empty the translation cache."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.errors import BabelwireError

from .common import fail


@click.group("cache")
def cache_group() -> None:
    """Inspect or empty the translation cache.

    Examples:

        babelwire cache stats

        babelwire cache clear
    """


_cache_option = click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), help="Cache file (default: $XDG_CACHE_HOME/babelwire/translations.sqlite3).")


@cache_group.command("stats")
@_cache_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object (the default when stdout is not a terminal).")
def cache_stats(cache_path, as_json):
    """Show where the cache is, how many translations it holds, per model: for people on a terminal, JSON otherwise.

    Examples:

    \b
        babelwire cache stats
        babelwire cache stats --json | jq .entries
    """
    from translate import cache

    try:
        stats = cache.stats(cache_path)
    except BabelwireError as exc:
        fail(exc)
    if as_json or not sys.stdout.isatty():
        click.echo(json.dumps(stats, ensure_ascii=False))
        return
    click.echo(f"{stats['path']}: {stats['entries']:,} cached translation{'s' if stats['entries'] != 1 else ''}, {stats['bytes'] / 1e6:.1f} MB")
    for model, count in stats["models"].items():
        click.echo(f"  {count:>10,}  {model}")


@cache_group.command("clear")
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
