"""The seed article: the rules move it toward the gold and never away from it."""

from rapidfuzz.distance import Levenshtein

import cleaner


def test_cleaning_the_gold_changes_nothing(seed_gold):
    result = cleaner.clean(seed_gold)
    assert result.text == seed_gold and result.edits == []


def test_cleaning_is_idempotent_and_replayable(seed_raw):
    once = cleaner.clean(seed_raw)
    assert cleaner.apply_edits(seed_raw, once.edits) == once.text
    twice = cleaner.clean(once.text)
    assert twice.text == once.text and twice.edits == []


def test_error_reduction_is_real(seed_raw, seed_gold):
    out = cleaner.clean(seed_raw).text
    er = 1 - Levenshtein.distance(out, seed_gold) / Levenshtein.distance(seed_raw, seed_gold)
    assert er >= 0.5, er


def test_applied_edits_move_toward_the_gold(seed_raw, seed_gold):
    """Nearly every applied edit, on its own, brings the text closer to the gold; none moves it away
    by more than a couple of characters.

    (A repair can be right and still not close the distance where the post-editor rewrote the
    phrase around it: "WitkoffFrom “playing”" is split into "Witkoff from", but the gold also
    replaced the calqued preposition: "Witkoff, of “playing”".)
    """
    result = cleaner.clean(seed_raw)
    base = Levenshtein.distance(seed_raw, seed_gold)
    deltas = [Levenshtein.distance(cleaner.apply_edits(seed_raw, [e]), seed_gold) - base for e in result.edits]
    assert max(deltas) <= 2, list(zip(deltas, result.edits))
    assert sum(d < 0 for d in deltas) >= 0.85 * len(deltas)


def test_quotes_dashes_and_paragraphs_match_the_gold(seed_raw, seed_gold):
    out = cleaner.clean(seed_raw).text
    for ch in "“”’‘":
        assert out.count(ch) == seed_gold.count(ch), ch
    # the caption copy and the credit lines are gone, every other paragraph stays in order
    paragraphs = out.split("\n\n")
    assert len(paragraphs) == len(seed_gold.split("\n\n"))
    assert "Reuters/Sputnik" not in out and "Alexander Kazakov" not in out


def test_the_non_name_repairs_of_the_gold_are_made(seed_raw, seed_gold):
    out = cleaner.clean(seed_raw).text
    for fragment in [
        "– from a Swedish think tank called the",
        "It was organized by the think tank Ukrainian Transatlantic Dialogue Center",
        "Hindu – when “other agreed upon situations” occur",
    ]:
        assert fragment in seed_gold  # the expectation comes from the gold, not from our output
        assert fragment in out
