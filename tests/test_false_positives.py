"""Correct, well-edited news text that testers found damaged: `fix` must leave it as it is.

Each case is also a counter-example of its rule where the rule must not fire at all; here the
whole pipeline runs, so a suggestion-only rule may still report (see CAP003) but never apply.
"""

import pytest

import cleaner

CORRECT = {
    "DASH001": "The summit looked back at the pre– and post–Cold War orders. Voters aged 18– to "
               "29-year-olds turned out.\n",
    "CAP002": "Its senior debt is A with a stable outlook, the agency said.\n",
    "CAP003": "She goes to daily Mass every morning and was seen at daily Mass on Sunday. In an "
              "interview with broadcaster NHK, he said so. The film was narrated by broadcaster "
              "David Attenborough.\n",
}


@pytest.mark.parametrize("rule", sorted(CORRECT))
def test_correct_text_is_left_alone(rule):
    text = CORRECT[rule]
    result = cleaner.clean(text)
    assert result.text == text, result.edits
    assert result.edits == []


def test_descriptor_without_article_is_only_suggested():
    text = "In an interview with broadcaster NHK, he said so.\n"
    result = cleaner.clean(text)
    assert result.text == text
    assert [s.rule for s in result.suggestions] == ["CAP003"]
