"""The examples in cleaner's docstrings are run, so that what they show stays true."""

import doctest
import importlib
import pkgutil

import pytest

import cleaner

MODULES = sorted(m.name for m in pkgutil.walk_packages(cleaner.__path__, "cleaner.") if m.name != "cleaner.__main__")


@pytest.mark.parametrize("name", ["cleaner", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"


def test_the_package_docstring_has_an_example():
    assert any(t.name == "cleaner" and t.examples for t in doctest.DocTestFinder().find(cleaner))
