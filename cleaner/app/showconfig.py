"""``cleaner config [PATH]``: the configuration a file (or a folder's files) is cleaned with, and
where each value came from: the default, a config file (or one of its ``[[per-path]]`` entries),
or a command-line option.

The text form is valid TOML (sources are comments), so it can be pasted into a config file.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..base.errors import InputError
from ..base.settings import Settings
from . import accept
from .config import PerPath, effective, find_config, load_config

ORDER = ("rules", "gazetteers", "select", "ignore", "min-confidence", "unsafe-fixes", "include", "exclude",
         "grammar", "languagetool-url", "accept")


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string


def describe(path: str, *, config: str | None = None, cli: Settings = Settings()) -> dict:
    """The effective configuration for ``path`` as plain data (what ``--format json`` prints)."""
    if not os.path.exists(path):
        raise InputError("no such file or directory", path=path)
    is_file = not os.path.isdir(path)
    if config is not None:
        base = load_config(config)
    else:
        base = find_config(os.path.dirname(os.path.abspath(path)) if is_file else path)
    merged = base.for_file(path) if is_file else base
    settings = effective(merged, cli)
    out: dict[str, Any] = {
        "path": path,
        "config_file": base.path,
        "how": "--config" if config else ("found above the path" if base.path else "none found: defaults"),
        "settings": {k: {"value": list(s.value) if isinstance(s.value, tuple) else s.value,
                         "sources": list(s.sources)} for k, s in settings.items()},
        "accepted_forms": len(accept.load(merged.accept)) if merged.accept else 0,
        "accept_file_for_new_forms": accept.path_for(merged, path if is_file else None),
    }
    if is_file:
        out["excluded"] = merged.excludes(path)
        out["per_path_applied"] = [entry.number for entry in base.matching(path)]
    else:
        out["per_path"] = [_entry(e) for e in base.per_path]
    return out


def _entry(entry: PerPath) -> dict:
    s = entry.settings
    values = {"number": entry.number, "paths": list(entry.paths), "rules": list(s.rules),
              "gazetteers": list(s.gazetteers), "select": None if s.select is None else list(s.select),
              "ignore": list(s.ignore), "min-confidence": s.min_confidence, "unsafe-fixes": s.unsafe_fixes}
    keep = {"number", "paths"} | ({"select"} if s.select is not None else set())
    return {k: v for k, v in values.items() if k in keep or v not in (None, [])}


def render_text(data: dict) -> str:
    lines = [f"# cleaner configuration for {data['path']}",
             f"# config file: {data['config_file'] or '(none)'} ({data['how']})"]
    rows = []
    for key in ORDER:
        setting = data["settings"][key]
        value, sources = setting["value"], ", ".join(setting["sources"])
        if value is None:  # TOML has no null: an unset value is a comment
            note = (f"none (new accepted forms would go to {data['accept_file_for_new_forms']})"
                    if key == "accept" else f"not set ({sources})")
            rows.append((None, f"# {key}: {note}"))
            continue
        if key == "accept":
            sources += f"; {data['accepted_forms']} form{'s' * (data['accepted_forms'] != 1)}"
        rows.append((f"{key} = {_toml(value)}", sources))
    width = min(max(len(r[0]) for r in rows if r[0]), 48)
    for assignment, comment in rows:
        lines.append(comment if assignment is None else f"{assignment.ljust(width)}  # {comment}")
    if "excluded" in data:
        state = "excluded by include/exclude: not checked" if data["excluded"] else "checked"
        lines.append(f"# {data['path']}: {state}")
    for entry in data.get("per_path", []):
        lines += ["", f"# per-path #{entry['number']}: applies to matching files "
                      "('cleaner config FILE' shows one file's merged settings)", "[[per-path]]"]
        lines += [f"{k} = {_toml(v)}" for k, v in entry.items() if k != "number"]
    return "\n".join(lines) + "\n"


def show(path: str, *, config: str | None, cli: Settings, fmt: str) -> str:
    data = describe(path, config=config, cli=cli)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return render_text(data)

