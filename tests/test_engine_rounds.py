"""The engine's rounds: a pass that sees a text it has seen is not run again, and nothing changes."""

from pathlib import Path

from cleaner.text.edits import Edit
from cleaner.engine.core import Cleaner

ARTICLES = Path(__file__).parent / "data" / "articles" / "damaged"


class Recorder:
    """A last pass that remembers every text it is given and suggests one (unsafe) edit."""

    name = "recorder"

    def __init__(self):
        self.seen: list[str] = []

    def find(self, doc):
        self.seen.append(doc.text)
        at = doc.text.find("the ")
        if at >= 0:
            yield Edit(at, at + 3, "THE", "REC001", 0.3, "suggest", "a suggestion to carry", "the")


def _findings(result):
    return sorted((e.rule, e.original, e.replacement) for e in result.suggestions)


def test_no_pass_sees_the_same_text_twice_and_the_quiet_round_is_intact(seed_raw):
    texts = [seed_raw] + [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.raw.*"))]
    assert len(texts) > 3
    for text in texts:
        recorder = Recorder()
        result = Cleaner(extra_passes=[recorder]).clean(text)
        assert result.changed
        assert len(recorder.seen) == len(set(recorder.seen)), "a pass ran twice on one text"
        assert recorder.seen[-1] == result.text  # the last pass saw the final text, once
        # what a fresh run on the output finds unapplied is what the memoized quiet round reported
        again = Cleaner(extra_passes=[Recorder()]).clean(result.text)
        assert not again.changed
        assert _findings(again) == _findings(result)
        assert ("REC001", "the", "THE") in _findings(result)
