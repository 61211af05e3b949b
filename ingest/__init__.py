"""babelwire: offline reading of the foreign-language press.

Data flows one way, and the folders say so: `read` (files, URLs, feeds,
decoding) -> `clean` (article vs chrome, dates) -> `detect` (languages) ->
the top-level `translate` package -> `write` (the record and JSONL). `run`
holds the stages as plain functions and the engine that drives them,
`cron` is `babelwire refresh`, `cli` the command line over all of it.

As a library: `from ingest import Settings, process` (ingest/api.py). They
are imported when first asked for, so `import ingest` stays cheap.
"""

__version__ = "0.1.0"

__all__ = ["Settings", "process", "BabelwireError", "SettingsError", "InputError"]

_WHERE = {"Settings": "ingest.settings", "process": "ingest.api", "BabelwireError": "ingest.errors",
          "SettingsError": "ingest.errors", "InputError": "ingest.errors"}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name]), name)
