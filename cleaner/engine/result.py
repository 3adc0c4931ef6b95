"""What cleaning a text gives."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.edits import Edit, findings


@dataclass
class Result:
    """What cleaning a text gave: ``text``, the applied ``edits`` and the unapplied ``suggestions``.

    Both lists are in the coordinates of ``original``; ``apply_edits(original, edits) == text``.
    """

    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    suggestions: list[Edit] = field(default_factory=list)
    #: rules skipped for this text, each with why (a rule that ran past its time limit)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def findings(self) -> list[Edit]:
        return [e for e, _ in findings(self.edits, self.suggestions)]
