"""What every cleaning worker needs, imported once by the fork server that starts them (pool.py).

Importing this module is its job: the stages with their imports and
langdetect's language profiles are loaded in the fork server before any
worker is forked from it, so no worker pays for them. trafilatura is not:
a run of plain-text scrapes never needs it, and a worker imports it with
its first HTML page, as it did when workers were forked from the run.
"""

from ingest.detect.detector import profiles
from ingest.run import stages  # noqa: F401

profiles()
