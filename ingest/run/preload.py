"""What every cleaning worker needs, imported once by the fork server that starts them (pool.py).

Importing this module is its job: the stages with their imports, trafilatura
(HTML pages) and langdetect's language profiles are loaded in the fork server
before any worker is forked from it, so no worker pays for them.
"""

import trafilatura  # noqa: F401  imported by extract.py on the first page; here once for all workers

from ingest.detect.detector import profiles
from ingest.run import stages  # noqa: F401

profiles()
