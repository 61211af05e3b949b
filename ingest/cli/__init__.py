"""babelwire's command line: a thin layer over the run engine and model management.

Data goes to stdout, everything for people to stderr. Core errors become
one-line messages; set BABELWIRE_DEBUG=1 to see the traceback instead. One
module per command group: ingest, refresh, digest, models, cache.
"""

from __future__ import annotations

import click

from ingest import __version__

from .cache import cache_group
from .common import EXIT_CONFIG, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_LOCKED, Main, verbose_option, verbosity
from .digest import digest_command
from .ingest import ingest_command
from .models import models_group
from .refresh import refresh_command

__all__ = ["main", "EXIT_CONFIG", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_LOCKED"]


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="babelwire")
@click.option("-v", "--verbose", count=True, help="Log one line per input to stderr (-vv: each stage); also after the command name.")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """Read the foreign-language press offline: clean articles, tag languages, translate, write JSONL.

    Example:

        babelwire ingest seeds/ > out.jsonl
    """
    verbosity(ctx, verbose)


main.add_command(ingest_command)
main.add_command(refresh_command)
main.add_command(cache_group)
main.add_command(models_group)
main.add_command(digest_command)


def _verbose_everywhere(group: click.Group) -> None:
    """Every command and group below the top takes -v as well."""
    for command in group.commands.values():
        command.params.append(verbose_option())
        if isinstance(command, click.Group):
            _verbose_everywhere(command)


_verbose_everywhere(main)
