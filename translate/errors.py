"""The exceptions translation raises; `BabelwireError` is the base of every error babelwire raises on purpose.

They live here, in the lower layer, so `translate` never imports `ingest`;
`ingest.errors` adds the ones about inputs and outputs.
"""


class BabelwireError(Exception):
    """Base class for every error babelwire raises on purpose."""


class ModelError(BabelwireError):
    """Model management failed (bad package file, unreachable index, unknown language)."""
