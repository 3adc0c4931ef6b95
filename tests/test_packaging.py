"""The rule packs ship inside the wheel: a non-editable install finds them with no checkout around."""

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_rules_and_runs_from_a_non_editable_install(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("mt_cleaner-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cleaner/rules/dashes.toml" in names
    assert any(n.startswith("cleaner/rules/gazetteer/") for n in names)
    assert "cleaner/rules/languagetool/policy.toml" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The wheel is installed without its dependencies (no network): the new venv finds them where
    # this interpreter does. system_site_packages would show it the *base* interpreter's
    # site-packages, not those of the venv the tests run in; a .pth file names the right ones.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(site) / "outer-site-packages.pth").write_text("".join(f"{p}\n" for p in ours))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the installed copy, not this checkout
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run([str(python), "-c", "import cleaner.base.resources as r; print(r.rules_dir())"],
                           cwd=outside, capture_output=True, text=True, check=True, env=clean_env)
    assert str(env_dir) in where.stdout and where.stdout.strip().endswith("cleaner/rules")
    listing = subprocess.run([str(env_dir / "bin" / "cleaner"), "rules", "list"], cwd=outside,
                             capture_output=True, text=True, timeout=60, env=clean_env)
    assert listing.returncode == 0 and "DASH001" in listing.stdout
