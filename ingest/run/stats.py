"""What a run did, counted from its outcomes (never from inside the stages); at -v, a line per input."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .stages import Outcome

log = logging.getLogger(__name__)

UNDETERMINED = "und"


@dataclass
class RunStats:
    records: int = 0
    failed: int = 0
    segments_translated: int = 0
    missing_models: set[tuple[str, str]] = field(default_factory=set)
    translation_errors: dict[tuple[str, str], str] = field(default_factory=dict)  # pair -> first message
    untranslated_inputs: dict[tuple[str, str], int] = field(default_factory=dict)  # pair -> inputs it failed for
    undetermined: list[str] = field(default_factory=list)  # inputs whose language nobody could name

    def add(self, outcome: Outcome) -> None:
        if log.isEnabledFor(logging.INFO):
            log.info("%s", describe(outcome))
        if outcome.record is None:
            self.failed += 1
            return
        self.records += 1
        record = outcome.record
        if record.lang == UNDETERMINED:
            self.undetermined.append(outcome.name)
        for segment in record.segments:
            if segment.translation_status == "translated":
                self.segments_translated += 1
            elif segment.translation_status == "no_model" and segment.lang != UNDETERMINED:
                # A language nobody could name has no model to install: the record says `none`, the run goes on.
                self.missing_models.add((segment.lang, record.translation.target))
        for pair, message in outcome.translation_errors.items():
            self.translation_errors.setdefault(pair, message)
            self.untranslated_inputs[pair] = self.untranslated_inputs.get(pair, 0) + 1


def describe(outcome: Outcome) -> str:
    """One input's line: path, language, segments, characters removed, model, seconds (prepare + its share of translation)."""
    record = outcome.record
    if record is None:
        return f"{outcome.name}: failed in {outcome.error.stage}, {outcome.seconds:.2f} s"
    removed = sum(len(line["text"]) for line in record.removed)
    segments = f"{len(record.segments)} segment{'' if len(record.segments) == 1 else 's'}"
    return f"{outcome.name}: {record.lang}, {segments}, {removed} chars removed, {_model(record)}, {outcome.seconds:.2f} s"


def _model(record) -> str:
    if record.translation.models:
        return " + ".join(f"{m['package']} {m['version']}" for m in record.translation.models)
    statuses = {s.translation_status for s in record.segments}
    if statuses <= {"copied"}:
        return f"no model needed (already {record.translation.target})"
    if "skipped" in statuses:
        return "not translated (--no-translate)"
    if "failed" in statuses:
        return "model failed"
    missing = sorted({s.lang for s in record.segments if s.translation_status == "no_model"})
    if missing == [UNDETERMINED]:
        return "no model (language not identified)"
    return "no model for " + ", ".join(f"{lang}→{record.translation.target}" for lang in missing if lang != UNDETERMINED)
