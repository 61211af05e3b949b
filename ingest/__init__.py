"""babelwire: offline reading of the foreign-language press.

Data flows one way, and the folders say so: `read` (files, URLs, feeds,
decoding) -> `clean` (article vs chrome, dates) -> `detect` (languages) ->
the top-level `translate` package -> `write` (the record and JSONL). `run`
holds the stages as plain functions and the engine that drives them,
`cron` is `babelwire refresh`, `cli` the command line over all of it.
"""

__version__ = "0.1.0"
