"""Exceptions raised by babelwire's core. The CLI turns them into one-line messages.

`BabelwireError` and `ModelError` come from `translate.errors` (translation never imports ingest).
"""

from translate.errors import BabelwireError, ModelError

__all__ = ["BabelwireError", "ModelError", "InputError", "OutputError", "SettingsError"]


class InputError(BabelwireError):
    """One input could not be read or processed; the rest of the batch goes on."""

    def __init__(self, input_name: str, stage: str, message: str):
        self.input_name = input_name
        self.stage = stage
        self.message = message
        super().__init__(f"{input_name}: {message}")

    def __reduce__(self):
        """Picklable, so it can come back from a worker process."""
        return (type(self), (self.input_name, self.stage, self.message))


class OutputError(BabelwireError):
    """The output could not be written."""


class SettingsError(BabelwireError):
    """A setting that cannot be used (a value out of range, a language that is none); nothing has run.

    `key` names the setting (a Settings field, as babelwire.toml spells it), so
    the command line can name its option and babelwire.toml its line.
    """

    def __init__(self, key: str, message: str):
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}")

    def __reduce__(self):
        return (type(self), (self.key, self.message))
