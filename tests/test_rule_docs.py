"""rules/README.md documents every kind a rule pack may use: a newcomer adds a rule from it."""

import inspect
import os
import re

from cleaner.passes.registry import KINDS
from conftest import ROOT

TABLE = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")


def test_every_kind_of_the_registry_has_a_row_naming_its_module_and_keys():
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z-]+)` \| `([a-z_]+\.py)` \|.*$", TABLE, re.M)}
    missing = sorted(set(KINDS) - set(rows))
    assert not missing, f"kinds without a row in rules/README.md: {missing}"
    for name, kind in KINDS.items():
        module = os.path.basename(inspect.getsourcefile(kind.find))
        assert f"| `{module}` |" in rows[name], f"{name}: the row names another module than {module}"
        for key in kind.required:
            assert f"**`{key}`**" in rows[name], f"{name}: required key {key} is not in its row"
    assert not set(rows) - set(KINDS), f"rows for kinds that do not exist: {sorted(set(rows) - set(KINDS))}"
