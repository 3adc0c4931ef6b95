"""Edits compose across rounds and always replay onto the original."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.text.edits import Changes, Edit, apply_edits, resolve


def E(start, end, rep, rule="R1", conf=0.9):
    return Edit(start, end, rep, rule, conf, "safe", "m")


def test_resolve_prefers_confidence_then_rule_and_is_order_independent():
    a, b = E(0, 3, "x", "A", 0.8), E(2, 5, "y", "B", 0.9)
    assert resolve([a, b]) == [b] == resolve([b, a])
    c, d = E(0, 3, "x", "B"), E(1, 4, "y", "A")
    assert resolve([c, d]) == [d]


def test_insertions_at_the_same_point_conflict():
    assert len(resolve([E(2, 2, "x", "A"), E(2, 2, "y", "B")])) == 1


def test_changes_merge_an_edit_of_produced_text():
    text = "ab cd"
    ch = Changes(text)
    ch.add(text, [E(0, 2, "xyz")])
    ch.add("xyz cd", [E(1, 2, "Q", "R2")])
    [edit] = ch.edits()
    assert (edit.start, edit.end, edit.replacement, edit.rule, edit.original) == (0, 2, "xQz", "R1+R2", "ab")


def test_an_edit_undone_later_leaves_nothing():
    ch = Changes("abc")
    ch.add("abc", [E(1, 2, "X")])
    ch.add("aXc", [E(1, 2, "b")])
    assert ch.edits() == []


def test_to_original_maps_untouched_spans_and_refuses_changed_ones():
    ch = Changes("hello world")
    ch.add("hello world", [E(0, 5, "hi")])
    assert ch.to_original(3, 8) == (6, 11)
    assert ch.to_original(0, 2) is None


@st.composite
def rounds(draw):
    text = draw(st.text(alphabet="ab c\n", max_size=20))
    plan = []
    current = text
    for _ in range(draw(st.integers(1, 4))):
        cands = []
        for _ in range(draw(st.integers(0, 4))):
            s = draw(st.integers(0, len(current)))
            e = draw(st.integers(s, min(len(current), s + 3)))
            cands.append(Edit(s, e, draw(st.text(alphabet="XY", max_size=3)), draw(st.sampled_from("PQR")),
                              draw(st.floats(0, 1)), "safe", "m", current[s:e]))
        chosen = resolve(cands)
        plan.append((current, chosen))
        current = apply_edits(current, chosen)
    return text, plan, current


@pytest.mark.slow  # a long property test (2,000 examples)
@settings(max_examples=2000, deadline=None)
@given(rounds())
def test_composed_edits_replay_to_the_final_text(case):
    text, plan, final = case
    ch = Changes(text)
    for current, chosen in plan:
        ch.add(current, chosen)
    edits = ch.edits()
    assert apply_edits(text, edits) == final
    assert all(e.original == text[e.start:e.end] for e in edits)
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:]))
