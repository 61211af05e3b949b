"""babelwire's command line: a thin layer over the run engine and model management.

Data goes to stdout, everything for people to stderr. Core errors become
one-line messages; set BABELWIRE_DEBUG=1 to see the traceback instead. One
module per command group: ingest, refresh, models, cache.
"""

from __future__ import annotations

import logging
import sys

import click

from ingest import __version__

from .cache import cache_group
from .common import EXIT_CONFIG, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_LOCKED, Main
from .ingest import ingest_command
from .models import models_group
from .refresh import refresh_command

__all__ = ["main", "EXIT_CONFIG", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_LOCKED"]


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
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
    handler.setLevel(level)  # a --log-file may lower the root's level; stderr keeps the one asked for
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # The fetcher's connection pool logs every retry; babelwire reports the outcome itself.
    logging.getLogger("urllib3").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL if verbose < 1 else level)


main.add_command(ingest_command)
main.add_command(refresh_command)
main.add_command(cache_group)
main.add_command(models_group)
