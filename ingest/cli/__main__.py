"""`python -m ingest.cli`: the babelwire command."""

from ingest.cli import main

main()
