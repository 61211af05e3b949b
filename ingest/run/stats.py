"""What a run did, counted from its outcomes (never from inside the stages)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .stages import Outcome

UNDETERMINED = "und"


@dataclass
class RunStats:
    records: int = 0
    failed: int = 0
    segments_translated: int = 0
    missing_models: set[tuple[str, str]] = field(default_factory=set)
    translation_errors: dict[tuple[str, str], str] = field(default_factory=dict)  # pair -> first message
    untranslated_inputs: dict[tuple[str, str], int] = field(default_factory=dict)  # pair -> inputs it failed for

    def add(self, outcome: Outcome) -> None:
        if outcome.record is None:
            self.failed += 1
            return
        self.records += 1
        record = outcome.record
        for segment in record.segments:
            if segment.translation_status == "translated":
                self.segments_translated += 1
            elif segment.translation_status == "no_model" and segment.lang != UNDETERMINED:
                # A language nobody could name has no model to install: the record says `none`, the run goes on.
                self.missing_models.add((segment.lang, record.translation.target))
        for pair, message in outcome.translation_errors.items():
            self.translation_errors.setdefault(pair, message)
            self.untranslated_inputs[pair] = self.untranslated_inputs.get(pair, 0) + 1
