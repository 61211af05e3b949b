"""What a run says to people, worded once for `process`, `babelwire ingest` and `babelwire refresh`.

Every line goes to the logger of this module (`ingest.run.report`): errors
at ERROR, warnings at WARNING, summaries at INFO, without an `error:` or
`warning:` prefix. A library caller sees them as any log message; the
command line prints them as `error: ...` and `warning: ...` lines on stderr
(and refresh in its --log-file). A line that `babelwire ingest -q` leaves out
is marked `minor`.
"""

from __future__ import annotations

import logging
from typing import Callable

from ingest.errors import InputError

log = logging.getLogger(__name__)

OnError = Callable[[str, str, str], None]  # (input, stage, message)


def pairs(found) -> str:
    """tr→en, nl→en for language pairs, in order."""
    return ", ".join(f"{a}→{b}" for a, b in sorted(found))


class Reporter:
    """A run's lines: one per failed input, one per missing model and per failing model the first time each shows, then the totals."""

    def __init__(self, settings, on_error: OnError | None = None):
        """`on_error(input, stage, message)` takes each failed input, and each input a model failed to translate
        (stage "translate"); without it a failed input is a logged warning."""
        self.translate = settings.translate
        self.fails_untranslated = not settings.allow_untranslated
        self.on_error = on_error
        self.missing: set[tuple[str, str]] = set()
        self.broken: set[tuple[str, str]] = set()

    def failed(self, error: InputError) -> None:
        """An input that gave no record."""
        if self.on_error is not None:
            self.on_error(error.input_name, error.stage, error.message)
        else:
            log.warning("%s: %s", error.input_name, error.message)

    def outcome(self, outcome, stats) -> None:
        """After `stats` has counted `outcome`: its failure, models newly found missing, models that failed on it."""
        from translate.models import install_hint

        if outcome.error is not None:
            self.failed(outcome.error)
        for pair in sorted(stats.missing_models - self.missing):
            self.missing.add(pair)
            log.log(logging.ERROR if self.fails_untranslated else logging.WARNING,
                    "no translation model for %s→%s; install it with: %s", *pair, install_hint(*pair))
        for pair, message in outcome.translation_errors.items():
            if self.on_error is not None:
                self.on_error(outcome.name, "translate", f"{pair[0]}→{pair[1]}: {message}")
            if pair not in self.broken:
                self.broken.add(pair)
                log.error("translation %s→%s failed: %s; records keep the original text (first: %s)", *pair, message, outcome.name)

    def finish(self, stats) -> None:
        """At the end of the run: models that failed for several inputs, texts whose language nobody could name."""
        for pair, count in sorted(stats.untranslated_inputs.items()):
            if count > 1:
                log.error("translation %s→%s failed for %d inputs", *pair, count)
        if stats.undetermined and self.translate:
            log.warning("%s", undetermined(stats.undetermined))


def untranslated_fails(missing_models, allow: str) -> None:
    """A command whose run fails for missing models (allow_untranslated off): one line with both ways out; `allow` says how to allow them."""
    if missing_models:
        log.error("no translation model for %s, so the run fails: install the models (commands above), "
                  "or %s to accept records in their original language", pairs(missing_models), allow)


def failed_input(input_name: str, message: str) -> None:
    """A command's line for an input that gave no record."""
    log.error("%s: %s", input_name, message)


def nothing_found(inputs: list[str], globs: tuple[str, ...]) -> None:
    """The inputs named no file to read (an empty folder, a --glob that takes nothing)."""
    log.warning("no inputs found in %s (files taken from folders: %s)", " ".join(inputs), " ".join(globs), extra={"minor": True})


def no_cache(exc: Exception) -> None:
    """The translation cache cannot be opened: the run goes on without it."""
    log.warning("%s; translating without it", exc)


def undetermined(names: list[str]) -> str:
    """Inputs whose language could not be identified: why they stay untranslated (no model would help)."""
    which = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more input{'s' if len(names) > 2 else ''}"
    return f'{which}: language not identified (lang "und"), so the text stays untranslated; no model applies'


def ingest_summary(stats, seconds: float, output) -> list[tuple[str, str]]:
    """The rows of `babelwire ingest`'s summary table."""
    rows = [("records written", str(stats.records)), ("inputs failed", str(stats.failed)),
            ("segments translated", str(stats.segments_translated)), ("missing models", pairs(stats.missing_models) or "none")]
    if stats.translation_errors:
        rows.append(("models that failed", pairs(stats.translation_errors)))
    rows.append(("output", str(output or "stdout")))
    rows.append(("seconds", f"{seconds:.1f} ({(stats.records + stats.failed) / max(seconds, 1e-9):.1f} inputs/s)"))
    return rows


def refresh_summary(summary) -> None:
    """`babelwire refresh`'s one summary line (cron mails it)."""
    log.info("babelwire refresh: %d new, %d changed, %d skipped, %d failed, %d dead, %d sentences translated, %.1f s; "
             "%d fetched, %d not modified, %d unchanged, %d skipped by robots.txt",
             summary.new, summary.changed, summary.skipped, summary.failed, summary.dead, summary.sentences, summary.seconds,
             summary.fetched, summary.not_modified, summary.unchanged, summary.robots)
