"""babelwire: offline reading of the foreign-language press.

`ingest` reads, cleans, identifies languages and writes records;
`translate` manages Argos models and runs the translation.
"""

__version__ = "0.1.0"
